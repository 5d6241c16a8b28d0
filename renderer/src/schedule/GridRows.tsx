// The grid's body rows: call rows, group headers and people. Each row draws only the visible
// day columns [from, to]; rows are memoised so vertical scrolling re-renders only new rows.
import { memo } from 'react';
import { KIND_LABELS, ROLE_LABELS } from '../lib/labels';
import { safeColor, textColorOn, tint } from '../lib/colors';
import { cellTitle, rotationTitle } from './cellText';
import { cellKey, dayKey, shortName, type CallRow, type DayColumn, type GridModel, type GroupRow, type PersonRowModel } from './gridModel';
import { ariaColIndex, CELL_HEIGHT, DAY_WIDTH, dayLeft, HALF_WIDTH, ROTATION_BAND_HEIGHT } from './gridLayout';

interface RowProps<R> {
  row: R;
  rowIndex: number;
  top: number;
  height: number;
  width: number;
  from: number;
  to: number;
  model: GridModel;
}

function shade(day: DayColumn): string {
  const edge = day.blockStart !== null && day.index > 0 ? ' bg-block-edge' : '';
  return (day.holiday ? ' bg-holiday' : day.weekend ? ' bg-weekend' : '') + edge;
}

export const CallRowView = memo(function CallRowView({ row, rowIndex, top, height, width, from, to, model }: RowProps<CallRow>) {
  const t = row.callType;
  return (
    <div className="bg-row bg-call" role="row" aria-rowindex={rowIndex} data-call-type={t.code} style={{ top, height, width }}>
      <div className="bg-name" role="rowheader" aria-colindex={1} style={{ width: dayLeft(0) }} title={`${t.name}: ${t.start}–${t.end}${t.inHouse ? ', in house' : ''}`}>
        <span className="bg-pn">{t.name}</span>
        <span className="bg-ps">
          Call · {t.for === 'faculty' ? 'faculty' : 'residents'} · {t.start}–{t.end}
        </span>
      </div>
      {model.days.slice(from, to + 1).map((day) => {
        const ids = row.byDate.get(day.date) ?? [];
        const names = ids.map((id) => model.people.get(id)?.name ?? id);
        return (
          <div
            key={day.date}
            role="gridcell"
            aria-colindex={ariaColIndex(day.index, 'AM')}
            aria-colspan={2}
            className={`bg-call-cell${shade(day)}`}
            data-call-type={t.code}
            data-date={day.date}
            data-person-ids={ids.join(' ') || undefined}
            title={names.length ? `${t.name} · ${day.date}\n${names.join('\n')}` : `${t.name} · ${day.date}: nobody`}
            style={{ left: dayLeft(day.index), width: DAY_WIDTH }}
          >
            <span>{names.map(shortName).join(', ')}</span>
          </div>
        );
      })}
    </div>
  );
});

export const GroupRowView = memo(function GroupRowView({ row, rowIndex, top, height, width }: RowProps<GroupRow>) {
  return (
    <div className="bg-row bg-group" role="row" aria-rowindex={rowIndex} data-group={row.label} style={{ top, height, width }}>
      <div className="bg-name" role="rowheader" aria-colindex={1} style={{ width: dayLeft(0) }}>
        {row.label}
        <span className="bg-count">{row.count}</span>
      </div>
    </div>
  );
});

function subtitle(row: PersonRowModel): string {
  const p = row.person;
  if (p.kind === 'resident') return p.pgy !== null ? `PGY-${p.pgy} resident` : 'Resident';
  if (p.kind === 'faculty') return p.facultyRole ? ROLE_LABELS[p.facultyRole] : 'Faculty';
  return KIND_LABELS[p.kind];
}

export const PersonRowView = memo(function PersonRowView({ row, rowIndex, top, height, width, from, to, model }: RowProps<PersonRowModel>) {
  const p = row.person;
  const banded = p.kind === 'resident';
  const cellTop = banded ? ROTATION_BAND_HEIGHT + 1 : 0;
  return (
    <div className="bg-row" role="row" aria-rowindex={rowIndex} data-person-id={p.id} style={{ top, height, width }}>
      <div className="bg-name" role="rowheader" aria-colindex={1} style={{ width: dayLeft(0) }} title={`${p.name}\n${subtitle(row)}`}>
        <span className="bg-pn">{p.name}</span>
        <span className="bg-ps">{subtitle(row)}</span>
      </div>
      {banded &&
        row.rotations
          .filter((s) => s.to >= from && s.from <= to)
          .map((s) => {
            const color = safeColor(s.color);
            const bg = tint(color, 0.55);
            return (
              <div
                key={`${s.rotationId}:${s.blockNumber}:${s.part}`}
                className="bg-band"
                data-rotation={s.code}
                title={rotationTitle(s, model.days)}
                style={{
                  left: dayLeft(s.from) + 2,
                  width: (s.to - s.from + 1) * DAY_WIDTH - 4,
                  height: ROTATION_BAND_HEIGHT - 2,
                  background: bg,
                  color: textColorOn(bg),
                  borderLeft: `3px solid ${color}`,
                }}
              >
                <span className="bg-band-label">
                  {s.code}
                  {s.to - s.from >= 3 ? ` · ${s.name}` : ''}
                </span>
              </div>
            );
          })}
      {model.days.slice(from, to + 1).map((day) => {
        const absences = model.absences.get(dayKey(p.id, day.date));
        const requestedOnly = absences !== undefined && absences.every((a) => a.status === 'requested');
        return (
          <div
            key={day.date}
            role="presentation"
            className={`bg-day${shade(day)}`}
            style={{ left: dayLeft(day.index), width: DAY_WIDTH, top: cellTop, height: CELL_HEIGHT + 4 }}
          >
            {(['AM', 'PM'] as const).map((half) => {
              const a = model.assignments.get(cellKey(p.id, day.date, half));
              const activity = a ? model.activities.get(a.activityCode) : undefined;
              const bg = a ? safeColor(activity?.color) : undefined;
              let cls = 'bg-cell';
              if (!a) cls += ' bg-empty';
              if (absences) cls += requestedOnly ? ' bg-absent bg-requested' : ' bg-absent';
              if (a?.locked) cls += ' bg-locked';
              return (
                <div
                  key={half}
                  role="gridcell"
                  aria-colindex={ariaColIndex(day.index, half)}
                  className={cls}
                  data-person-id={p.id}
                  data-date={day.date}
                  data-half={half}
                  data-activity={a?.activityCode}
                  data-source={a?.source}
                  data-absent={absences ? 'true' : undefined}
                  title={cellTitle(p, day.date, half, a, activity, absences)}
                  style={bg ? { backgroundColor: bg, color: textColorOn(bg), maxWidth: HALF_WIDTH - 1 } : { maxWidth: HALF_WIDTH - 1 }}
                >
                  {a ? a.activityCode : ''}
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
});

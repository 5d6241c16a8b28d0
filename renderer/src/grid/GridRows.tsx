// The grid's body rows: call rows, group headers and people. Each row draws only the visible
// day columns [from, to]; rows are memoised so vertical scrolling re-renders only new rows.
// Rows are transparent: weekend/holiday shading and day lines are drawn once behind them
// (ColumnShading and the canvas background), which keeps the number of elements per row low.
// Selection arrives per row as a string key (selection.ts rowSelectionKey), so a selection change
// re-renders only the rows it touches; draft marks outline the slots a draft changes.
import clsx from 'clsx';
import { memo, type CSSProperties } from 'react';
import { safeColor, textColorOn, tint } from '../lib/colors';
import { formatShortDate } from '../lib/dates';
import { KIND_LABELS, ROLE_LABELS } from '../lib/labels';
import { callNightKey, planBlockKey, type DraftMarks } from './draftOverlay';
import {
  callCoversMorning,
  cellKey,
  DUTY_CODES,
  dayKey,
  inProgramOn,
  type CallRow,
  type GridModel,
  type GroupRow,
  type PersonRowModel,
} from './gridModel';
import { ariaColIndex, CELL_GAP, dayLeft, useGridMetrics } from './gridLayout';
import { colSelected, parseRowSelection } from './selection';
import { callFocused, cellFlag, useCallFocus, useCellFlags } from './gridFlags';
import { commentMarkName, isCommentStop, markState, type CommentMarks } from './commentMarks';

interface RowProps<R> {
  row: R;
  rowIndex: number;
  top: number;
  height: number;
  width: number;
  from: number;
  to: number;
  model: GridModel;
  /** This row's part of the selection (rowSelectionKey); '' = none. */
  sel?: string;
  /** What a draft changes, and how strongly to show it ('diff' in Compare, 'subtle' while editing). */
  marks?: DraftMarks | null;
  markStyle?: 'subtle' | 'diff';
  /** The program director's comments on slots (the diff grid after a review response). */
  comments?: CommentMarks | null;
}

/** A code the program has no activity for: neutral grey, still readable. */
const UNKNOWN_ACTIVITY = { bg: '#9ca3af', fg: textColorOn('#9ca3af') };
const HALVES = ['AM', 'PM'] as const;

export const CallRowView = memo(function CallRowView({
  row,
  rowIndex,
  top,
  height,
  width,
  from,
  to,
  model,
  sel = '',
  marks,
  markStyle = 'subtle',
}: RowProps<CallRow>) {
  const t = row.callType;
  const m = useGridMetrics();
  const { spans, active } = parseRowSelection(sel);
  const focus = useCallFocus();
  return (
    <div
      className="bg-row bg-call"
      role="row"
      aria-rowindex={rowIndex}
      data-call-type={t.code}
      style={{ top, height, width }}
    >
      <div
        className="bg-name"
        role="rowheader"
        aria-colindex={1}
        style={{ width: m.nameWidth }}
        title={`${t.name}: ${t.start}–${t.end}${t.inHouse ? ', in house' : ''}`}
      >
        {/* Whole, wrapped: the row is as tall as the name needs (gridLayout callRowHeightOf). */}
        <span className="bg-pn" style={{ fontSize: m.callName.fontPx, lineHeight: `${m.callName.lineHeight}px` }}>
          {t.name}
        </span>
        {m.callName.subLine && (
          <span className="bg-ps">
            Call · {t.for === 'faculty' ? 'faculty' : 'residents'} · {t.start}–{t.end}
          </span>
        )}
      </div>
      {model.days.slice(from, to + 1).map((day) => {
        const ids = row.byDate.get(day.date);
        const names = ids ? ids.map((id) => model.people.get(id)?.name ?? id) : [];
        const labels = ids ? ids.map((id) => model.shortNames.get(id) ?? id) : [];
        const selected = colSelected(spans, day.index * 2) || colSelected(spans, day.index * 2 + 1);
        const isActive = active >= 0 && active >> 1 === day.index;
        const change = marks?.calls.get(callNightKey(day.date, t.code));
        const was = change ? change.before.map((c) => model.people.get(c.personId)?.name ?? c.personId) : [];
        const wasLabels = change ? change.before.map((c) => model.shortNames.get(c.personId) ?? c.personId) : [];
        const focused = callFocused(focus, day.date, ids);
        const title = names.length ? `${t.name} · ${day.date}\n${names.join('\n')}` : `${t.name} · ${day.date}\nNobody`;
        return (
          <div
            key={day.date}
            role="gridcell"
            aria-colindex={ariaColIndex(day.index, 'AM')}
            aria-colspan={2}
            aria-selected={selected || undefined}
            className={clsx(
              'bg-call-cell',
              selected && 'bg-sel',
              isActive && 'bg-active',
              change && [`bg-d-${change.kind}`, `bg-d-${markStyle}`],
              focused && 'bg-focus',
            )}
            data-call-type={t.code}
            data-date={day.date}
            data-person-ids={ids?.join(' ')}
            data-focus={focused || undefined}
            data-active={isActive || undefined}
            data-change={change?.kind}
            title={change ? `${title}\nPublished: ${was.length ? was.join(', ') : 'nobody'}` : title}
            style={{ left: dayLeft(day.index, m), width: m.dayWidth }}
          >
            {labels.length > 0 ? (
              <span>{labels.join(', ')}</span>
            ) : change && markStyle === 'diff' && wasLabels.length > 0 ? (
              <s className="bg-was">{wasLabels.join(', ')}</s>
            ) : null}
          </div>
        );
      })}
    </div>
  );
});

export const GroupRowView = memo(function GroupRowView({ row, rowIndex, top, height, width }: RowProps<GroupRow>) {
  const m = useGridMetrics();
  return (
    <div
      className="bg-row bg-group"
      role="row"
      aria-rowindex={rowIndex}
      data-group={row.label}
      style={{ top, height, width }}
    >
      <div className="bg-name" role="rowheader" aria-colindex={1} style={{ width: m.nameWidth }}>
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

export const PersonRowView = memo(function PersonRowView({
  row,
  rowIndex,
  top,
  height,
  width,
  from,
  to,
  model,
  sel = '',
  marks,
  markStyle = 'subtle',
  comments,
}: RowProps<PersonRowModel>) {
  const p = row.person;
  const m = useGridMetrics();
  const flags = useCellFlags(p.id);
  const { spans, active } = parseRowSelection(sel);
  const banded = p.kind === 'resident';
  // Cells sit below the rotation band and stop above the row's bottom border.
  const cellTop = banded ? m.bandHeight + 1 : 2;
  const cellHeight = height - cellTop - 3;
  return (
    <div
      className="bg-row"
      role="row"
      aria-rowindex={rowIndex}
      data-person-id={p.id}
      // Cell size and offset shared by the row's cells: one style per row, not per cell.
      style={{ top, height, width, '--cell-top': `${cellTop}px`, '--cell-height': `${cellHeight}px` } as CSSProperties}
    >
      <div
        className="bg-name"
        role="rowheader"
        aria-colindex={1}
        style={{ width: m.nameWidth }}
        title={`${p.name}\n${subtitle(row)}`}
      >
        <span className="bg-pn">{p.name}</span>
        <span className="bg-ps">{subtitle(row)}</span>
      </div>
      {banded &&
        row.rotations.map((s, i) => {
          if (s.to < from || s.from > to) return null;
          const color = safeColor(s.color);
          const bg = tint(color, 0.55);
          const planChange = marks?.rotations?.get(planBlockKey(p.id, s.academicYear, s.blockNumber));
          return (
            <div
              key={`${s.rotationId}:${s.blockNumber}:${s.part}`}
              className={`bg-band${planChange ? ` bg-band-changed bg-d-${markStyle}` : ''}`}
              data-rotation={s.code}
              data-rotation-id={s.rotationId}
              data-person-id={p.id}
              data-academic-year={s.academicYear}
              data-block={s.blockNumber}
              data-part={s.part}
              data-change={planChange?.kind}
              data-span={i}
              style={{
                left: dayLeft(s.from, m) + 2,
                width: (s.to - s.from + 1) * m.dayWidth - 4,
                height: m.bandHeight - 2,
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
      {model.days.slice(from, to + 1).flatMap((day) => {
        const absences = model.absences.get(dayKey(p.id, day.date));
        const onCall = model.calls.get(dayKey(p.id, day.date));
        const absentClass = absences && [
          'bg-absent',
          absences.every((a) => a.status === 'requested') && 'bg-requested',
        ];
        const outside = !inProgramOn(p, day.date);
        return HALVES.map((half) => {
          const key = cellKey(p.id, day.date, half);
          const a = model.assignments.get(key);
          const flag = cellFlag(flags, model, day.date, half, a);
          const colors = a ? (model.colors.get(a.activityCode) ?? UNKNOWN_ACTIVITY) : undefined;
          const col = day.index * 2 + (half === 'PM' ? 1 : 0);
          const selected = spans.length > 0 && colSelected(spans, col);
          const change = marks?.cells.get(key);
          const removed = change?.kind === 'removed' && markStyle === 'diff';
          const notes = comments?.get(key);
          const commented = notes ? markState(notes) : undefined;
          // Call duty shows on the person's own row: the halves it covers carry a mark, and a
          // half that is otherwise time off (HOL, W, OFF) reads as the call.
          const call = onCall?.find((t) => half === 'PM' || callCoversMorning(t));
          const offDuty = !a || model.activities.get(a.activityCode)?.category === 'time_off';
          // Moonlighting and callbacks likewise: a mark on the halves they overlap, their times on hover.
          const duty = model.duty.get(key);
          const dutyText = duty && offDuty && !call ? DUTY_CODES[duty[0].kind] : undefined;
          const text = call && offDuty ? call.code : (dutyText ?? a?.activityCode);
          return (
            <div
              key={`${day.date}${half}`}
              role="gridcell"
              aria-colindex={ariaColIndex(day.index, half)}
              aria-selected={selected || undefined}
              className={clsx(
                'bg-cell',
                !a && 'bg-empty',
                call && 'bg-oncall',
                duty && 'bg-duty',
                absentClass,
                outside && 'bg-outside',
                a?.locked && 'bg-locked',
                selected && 'bg-sel',
                active === col && 'bg-active',
                change && [`bg-d-${change.kind}`, `bg-d-${markStyle}`],
                flag.className,
                commented && ['bg-comment', `bg-comment-${commented}`],
              )}
              data-person-id={p.id}
              data-date={day.date}
              data-half={half}
              data-finding={flag.severity}
              data-focus={flag.focused}
              data-activity={a?.activityCode}
              data-source={a?.source}
              data-locked={a?.locked || undefined}
              data-absent={absences ? 'true' : undefined}
              data-outside={outside || undefined}
              data-active={active === col || undefined}
              data-change={change?.kind}
              data-call={call?.code}
              data-comment={commented}
              data-comment-ids={notes?.map((n) => n.id).join(' ')}
              data-duty={duty ? [...new Set(duty.map((d) => d.kind))].join(' ') : undefined}
              style={{
                left: dayLeft(day.index, m) + (half === 'PM' ? m.halfWidth : 0) + CELL_GAP / 2,
                backgroundColor: colors?.bg,
                color: colors?.fg,
              }}
            >
              {removed ? <s className="bg-was">{change.before?.activityCode}</s> : text}
              {notes && (
                // The mark as a button: Tab reaches it (once per comment), Enter/Space opens the
                // comments like a click (the diff grid lists them and gives focus back on close).
                <button
                  type="button"
                  className="bg-comment-mark"
                  tabIndex={isCommentStop(notes, key) ? 0 : -1}
                  aria-label={commentMarkName(notes, `${p.name}, ${formatShortDate(day.date)} ${half}`)}
                  data-testid="comment-mark"
                />
              )}
            </div>
          );
        });
      })}
    </div>
  );
});

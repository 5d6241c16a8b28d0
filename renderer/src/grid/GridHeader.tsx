// The grid's two-level sticky header: date and weekday per day, AM/PM below; weekends and
// holidays shaded, the holiday's name on hover, today underlined.
import clsx from 'clsx';
import { memo } from 'react';
import { dayTitle } from './cellText';
import type { DayColumn } from './gridModel';
import { ariaColIndex, dayLeft, useGridMetrics } from './gridLayout';

interface GridHeaderProps {
  days: readonly DayColumn[];
  from: number;
  to: number;
  /** First day not hidden under the name column: it shows its month. */
  firstVisible: number;
  width: number;
  today: string;
  cornerLabel: string;
}

function dayClass(day: DayColumn, today: string): string {
  let c = 'bg-day-head';
  if (day.holiday) c += ' bg-holiday';
  else if (day.weekend) c += ' bg-weekend';
  if (day.date === today) c += ' bg-today';
  if (day.blockStart !== null && day.index > 0) c += ' bg-block-edge';
  return c;
}

export const GridHeader = memo(function GridHeader({
  days,
  from,
  to,
  firstVisible,
  width,
  today,
  cornerLabel,
}: GridHeaderProps) {
  const visible = days.slice(from, to + 1);
  const m = useGridMetrics();
  return (
    <div className="bg-header" role="rowgroup" style={{ width, height: m.headerHeight }}>
      <div role="row" aria-rowindex={1}>
        <div
          className="bg-corner"
          role="columnheader"
          aria-colindex={1}
          style={{ width: dayLeft(0, m), height: m.headerHeight }}
        >
          {cornerLabel}
        </div>
        {visible.map((day) => {
          return (
            <div
              key={day.date}
              role="columnheader"
              aria-colindex={ariaColIndex(day.index, 'AM')}
              aria-colspan={2}
              className={dayClass(day, today)}
              data-date={day.date}
              data-holiday={day.holiday?.name}
              title={dayTitle(day)}
              style={{ left: dayLeft(day.index, m), width: m.dayWidth, height: m.headerTopHeight }}
            >
              <span className="bg-wd">
                {/* The month on the 1st and on the first visible day, so it is always in view. */}
                {(day.dayOfMonth === '1' || day.index === firstVisible) && (
                  <span className="bg-mon">{day.monthLabel}</span>
                )}
                {day.weekdayLabel}
              </span>
              <span className="bg-dn">{day.dayOfMonth}</span>
            </div>
          );
        })}
      </div>
      <div role="row" aria-rowindex={2}>
        {visible.flatMap((day) =>
          (['AM', 'PM'] as const).map((half) => (
            <div
              key={`${day.date}${half}`}
              role="columnheader"
              aria-colindex={ariaColIndex(day.index, half)}
              className={clsx(
                'bg-half-head',
                half === 'PM' && 'bg-pm',
                half === 'AM' && day.blockStart !== null && day.index > 0 && 'bg-block-edge',
              )}
              style={{
                left: dayLeft(day.index, m) + (half === 'PM' ? m.halfWidth : 0),
                width: m.halfWidth,
                top: m.headerTopHeight,
                height: m.headerBottomHeight,
                lineHeight: `${m.headerBottomHeight}px`,
              }}
            >
              {half}
            </div>
          )),
        )}
      </div>
    </div>
  );
});

// The block grid: people × half-days, virtualized in both directions with @tanstack/react-virtual
// so a 100-person, 730-column year renders only what is on screen. Sticky two-level header and
// sticky name column; call rows on top, then groups of people.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, type CSSProperties, type PointerEvent } from 'react';
import './grid.css';
import type { HalfDay, IsoDate } from '../../../core/domain/types';
import { describeCell, describeRotation } from './cellText';
import { ColumnShading } from './ColumnShading';
import { GridHeader } from './GridHeader';
import { CallRowView, GroupRowView, PersonRowView } from './GridRows';
import type { GridModel } from './gridModel';
import { columnWindow, DAY_WIDTH, HALF_WIDTH, HEADER_HEIGHT, HEADER_ROWS, NAME_WIDTH, rowHeight } from './gridLayout';

/** Thin lines between days, drawn by the canvas background instead of one border per cell. */
const DAY_LINES: CSSProperties = {
  backgroundImage: 'linear-gradient(to right, #e6e9ee 1px, transparent 1px)',
  backgroundSize: `${DAY_WIDTH}px 100%`,
  backgroundPosition: `${NAME_WIDTH}px 0`,
};

interface BlockGridProps {
  model: GridModel;
  today: IsoDate;
  /** Scroll so this date is the first visible column when the model changes. */
  scrollToDate?: IsoDate | null;
  /** Changes when the same date should be scrolled to again. */
  scrollKey?: number;
  label: string;
}

export function BlockGrid({ model, today, scrollToDate, scrollKey = 0, label }: BlockGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { rows, days } = model;

  const rowVirtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => rowHeight(rows[i]),
    paddingStart: HEADER_HEIGHT,
    overscan: 6,
    getItemKey: (i) => rows[i].key,
    // Let React batch the row and column updates of one scroll event into one render.
    useFlushSync: false,
  });
  const colVirtualizer = useVirtualizer({
    horizontal: true,
    count: days.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => DAY_WIDTH,
    paddingStart: NAME_WIDTH,
    overscan: 2,
    useFlushSync: false,
  });

  // Row sizes are known exactly; re-measure when the rows change (another range, a new person).
  useLayoutEffect(() => {
    rowVirtualizer.measure();
  }, [rows, rowVirtualizer]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !scrollToDate) return;
    // Leave two days of context to the left of the date.
    const i = days.findIndex((d) => d.date === scrollToDate);
    el.scrollLeft = i > 2 ? (i - 2) * DAY_WIDTH : 0;
  }, [model, scrollToDate, scrollKey, days]);

  // Hover text is built on demand (formatting it for every rendered cell slowed scrolling), and
  // rebuilt on every hover so it never goes stale when the data changes.
  const showCellTitle = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      const target = e.target as HTMLElement;
      const cell = target.closest<HTMLElement>('[role="gridcell"][data-half], .bg-band');
      if (!cell) return;
      const { personId, date, half, span } = cell.dataset;
      let text: string | null = null;
      if (personId && date && half) text = describeCell(model, personId, date, half as HalfDay);
      else if (personId && span) text = describeRotation(model, personId, Number(span));
      if (text) cell.title = text;
    },
    [model],
  );
  const peopleCount = useMemo(() => rows.filter((r) => r.kind === 'person').length, [rows]);
  const vRows = rowVirtualizer.getVirtualItems();
  const vCols = colVirtualizer.getVirtualItems();
  // Columns are drawn in whole weeks: rows re-render only when a week boundary scrolls into
  // view, not on every day, so most horizontal scroll frames need no React work at all.
  const { from, to } = columnWindow(vCols.length ? vCols[0].index : 0, vCols.length ? vCols[vCols.length - 1].index : -1, days.length);
  const width = colVirtualizer.getTotalSize();
  const height = rowVirtualizer.getTotalSize();

  return (
    <div
      ref={scrollRef}
      className="bg-scroll"
      role="grid"
      aria-label={label}
      aria-rowcount={HEADER_ROWS + rows.length}
      aria-colcount={1 + days.length * 2}
      data-testid="block-grid"
      data-start={model.start}
      data-end={model.end}
      tabIndex={0}
      onPointerOver={showCellTitle}
      style={{ '--bg-name-width': `${NAME_WIDTH}px`, '--half-width': `${HALF_WIDTH}px` } as CSSProperties}
    >
      <div className="bg-canvas" style={{ width, height, ...DAY_LINES }}>
        <GridHeader
          days={days}
          from={from}
          to={to}
          firstVisible={Math.min(days.length - 1, Math.ceil((colVirtualizer.scrollOffset ?? 0) / DAY_WIDTH))}
          width={width}
          today={today}
          cornerLabel={`${peopleCount} people`}
        />
        <ColumnShading days={days} from={from} to={to} height={height} />
        <div role="rowgroup">
          {vRows.map((v) => {
            const row = rows[v.index];
            const common = { rowIndex: HEADER_ROWS + v.index + 1, top: v.start, height: v.size, width, from, to, model };
            if (row.kind === 'call') return <CallRowView key={row.key} row={row} {...common} />;
            if (row.kind === 'group') return <GroupRowView key={row.key} row={row} {...common} />;
            return <PersonRowView key={row.key} row={row} {...common} />;
          })}
        </div>
      </div>
    </div>
  );
}

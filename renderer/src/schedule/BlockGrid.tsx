// The block grid: people × half-days, virtualized in both directions with @tanstack/react-virtual
// so a 100-person, 730-column year renders only what is on screen. Sticky two-level header and
// sticky name column; call rows on top, then groups of people.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, type CSSProperties } from 'react';
import './grid.css';
import type { IsoDate } from '../../../core/domain/types';
import { GridHeader } from './GridHeader';
import { CallRowView, GroupRowView, PersonRowView } from './GridRows';
import type { GridModel } from './gridModel';
import { DAY_WIDTH, HEADER_HEIGHT, HEADER_ROWS, NAME_WIDTH, rowHeight } from './gridLayout';

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
    overscan: 8,
    getItemKey: (i) => rows[i].key,
  });
  const colVirtualizer = useVirtualizer({
    horizontal: true,
    count: days.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => DAY_WIDTH,
    paddingStart: NAME_WIDTH,
    overscan: 3,
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

  const peopleCount = useMemo(() => rows.filter((r) => r.kind === 'person').length, [rows]);
  const vRows = rowVirtualizer.getVirtualItems();
  const vCols = colVirtualizer.getVirtualItems();
  const from = vCols.length ? vCols[0].index : 0;
  const to = vCols.length ? vCols[vCols.length - 1].index : -1;
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
      style={{ '--bg-name-width': `${NAME_WIDTH}px` } as CSSProperties}
    >
      <div className="bg-canvas" style={{ width, height }}>
        <GridHeader days={days} from={from} to={to} width={width} today={today} cornerLabel={`${peopleCount} people`} />
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

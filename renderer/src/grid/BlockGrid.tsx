// The block grid: people × half-days, virtualized in both directions with @tanstack/react-virtual
// so a 100-person, 730-column year renders only what is on screen. Sticky two-level header and
// sticky name column; call rows on top, then groups of people. With `onSelectionChange` the grid
// is interactive: click, shift-click, ctrl/cmd-click and drag select cells; the keyboard moves
// and extends the selection; editing keys go to `onCommand` (the editor decides what they do).
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  type CSSProperties,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
} from 'react';
import './grid.css';
import type { HalfDay, IsoDate } from '../../../core/domain/types';
import { describeCell, describeChange, describeRotation } from './cellText';
import { commentTitle, type CommentMarks } from './commentMarks';
import { useComplianceOverlay } from './gridFlags';
import { ColumnShading } from './ColumnShading';
import type { DraftMarks } from './draftOverlay';
import { GridHeader } from './GridHeader';
import { gridCommand, type GridCommand } from './gridKeys';
import { CallRowView, GroupRowView, PersonRowView } from './GridRows';
import { cellKey, gridCellTexts, type GridModel } from './gridModel';
import {
  columnWindow,
  condensedFontFamily,
  dayLeft,
  fitGridMetrics,
  GRID_METRICS,
  GridMetricsContext,
  HEADER_ROWS,
  rowHeight,
  type GridMetrics,
} from './gridLayout';
import { usePrefs } from '../state/prefs';
import {
  addCell,
  extendTo,
  firstCell,
  moveSelection,
  rowSelectionKey,
  selectAll,
  single,
  type CellPos,
  type GridShape,
  type Selection,
} from './selection';

/** Thin lines between days, drawn by the canvas background instead of one border per cell. */
function dayLines(m: GridMetrics): CSSProperties {
  return {
    backgroundImage: 'linear-gradient(to right, var(--grid-day-line) 1px, transparent 1px)',
    backgroundSize: `${m.dayWidth}px 100%`,
    backgroundPosition: `${m.nameWidth}px 0`,
  };
}

interface BlockGridProps {
  model: GridModel;
  today: IsoDate;
  /** Scroll so this date is the first visible column when the model changes. */
  scrollToDate?: IsoDate | null;
  /** Changes when the same date should be scrolled to again. */
  scrollKey?: number;
  label: string;
  /** The selection (controlled); omit onSelectionChange for a grid nobody selects in. */
  selection?: Selection | null;
  onSelectionChange?: (selection: Selection | null) => void;
  /** Editing keys (type-ahead, Delete, Enter, copy/paste, undo/redo, Escape) and double-clicks. */
  onCommand?: (command: GridCommand) => void;
  marks?: DraftMarks | null;
  markStyle?: 'subtle' | 'diff';
  /** An activity code to pick out: other cells are dimmed. */
  highlightActivity?: string | null;
  /** Scroll this person's row into view (and mark it) when the grid shows it. */
  scrollToPersonId?: string | null;
  /** Comments on slots: marked cells, their text on hover. */
  comments?: CommentMarks | null;
}

/** Rules that pick out one activity's cells and one person's row (codes and ids quoted for CSS). */
function highlightStyle(code: string | null, personId: string | null): string {
  const q = (v: string) => JSON.stringify(v);
  const rules: string[] = [];
  if (code)
    rules.push(`.bg-scroll[data-highlight=${q(code)}] .bg-cell:not([data-activity=${q(code)}]) { opacity: 0.22; }`);
  if (personId)
    rules.push(
      `.bg-scroll .bg-row[data-person-id=${q(personId)}] .bg-name { box-shadow: inset 4px 0 0 var(--grid-accent); }`,
    );
  return rules.join('\n');
}

export function gridShape(model: GridModel): GridShape {
  return { rowKinds: model.rows.map((r) => r.kind), colCount: model.days.length * 2 };
}

/** The grid position of a cell element from its ARIA indices (see gridLayout). */
function positionOf(target: EventTarget | null): CellPos | null {
  const cell = (target as HTMLElement | null)?.closest?.<HTMLElement>('[role="gridcell"]');
  const row = cell?.closest<HTMLElement>('[role="row"]');
  if (!cell || !row) return null;
  const col = Number(cell.getAttribute('aria-colindex')) - 2;
  const r = Number(row.getAttribute('aria-rowindex')) - HEADER_ROWS - 1;
  if (!Number.isInteger(col) || !Number.isInteger(r) || col < 0 || r < 0) return null;
  return { row: r, col };
}

export function BlockGrid({
  model,
  today,
  scrollToDate,
  scrollKey = 0,
  label,
  selection = null,
  onSelectionChange,
  onCommand,
  marks = null,
  markStyle = 'subtle',
  highlightActivity = null,
  scrollToPersonId = null,
  comments = null,
}: BlockGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const density = usePrefs((s) => s.density);
  const m = useMemo(() => {
    const { codes, callNames } = gridCellTexts(model);
    return fitGridMetrics(GRID_METRICS[density], codes, callNames);
  }, [model, density]);
  const { rows, days } = model;
  const shape = useMemo(() => gridShape(model), [model]);
  const interactive = !!onSelectionChange;

  // Heights and keys once per rows and metrics: the virtualizer lays every row out again whenever its
  // getItemKey changes, and a call row's height measures its name (a style read) each time.
  const rowHeights = useMemo(() => rows.map((r) => rowHeight(r, m)), [rows, m]);
  const rowKey = useCallback((i: number) => rows[i].key, [rows]);
  // The page's font is the theme's, the same for the whole session: read once, not at every render.
  const condensedFont = useMemo(condensedFontFamily, []);

  const rowVirtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => rowHeights[i],
    paddingStart: m.headerHeight,
    overscan: 6,
    getItemKey: rowKey,
    // Let React batch the row and column updates of one scroll event into one render.
    useFlushSync: false,
  });
  const colVirtualizer = useVirtualizer({
    horizontal: true,
    count: days.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => m.dayWidth,
    paddingStart: m.nameWidth,
    overscan: 2,
    useFlushSync: false,
  });

  // Row sizes are known exactly; re-measure when the rows change (another range, a new person).
  useLayoutEffect(() => {
    rowVirtualizer.measure();
    colVirtualizer.measure();
  }, [rows, rowVirtualizer, colVirtualizer, m]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !scrollToDate) return;
    // Leave two days of context to the left of the date.
    const i = days.findIndex((d) => d.date === scrollToDate);
    el.scrollLeft = i > 2 ? (i - 2) * m.dayWidth : 0;
  }, [model, scrollToDate, scrollKey, days, m]);

  useEffect(() => {
    if (!scrollToPersonId) return;
    const index = rows.findIndex((r) => r.kind === 'person' && r.person.id === scrollToPersonId);
    if (index >= 0) rowVirtualizer.scrollToIndex(index, { align: 'center' });
  }, [rows, scrollToPersonId, rowVirtualizer]);

  // Keep the active cell in view (below the sticky header, right of the sticky names).
  const focus = selection?.focus;
  useEffect(() => {
    const el = scrollRef.current;
    if (!el || !focus) return;
    const at = rowVirtualizer.measurementsCache[focus.row];
    if (at) {
      if (at.start - m.headerHeight < el.scrollTop) el.scrollTop = at.start - m.headerHeight;
      else if (at.end > el.scrollTop + el.clientHeight) el.scrollTop = at.end - el.clientHeight;
    }
    const left = dayLeft(focus.col >> 1, m) + (focus.col & 1) * m.halfWidth;
    if (left - m.nameWidth < el.scrollLeft) el.scrollLeft = left - m.nameWidth;
    else if (left + m.halfWidth > el.scrollLeft + el.clientWidth) el.scrollLeft = left + m.halfWidth - el.clientWidth;
  }, [focus, rowVirtualizer, m]);

  // Hover text is built on demand (formatting it for every rendered cell slowed scrolling), and
  // rebuilt on every hover so it never goes stale when the data changes.
  const showCellTitle = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      const target = e.target as HTMLElement;
      const cell = target.closest<HTMLElement>('[role="gridcell"][data-half], .bg-band');
      if (!cell) return;
      const { personId, date, half, span } = cell.dataset;
      let text: string | null = null;
      if (personId && date && half) {
        text = describeCell(model, personId, date, half as HalfDay);
        const change = marks?.cells.get(cellKey(personId, date, half as HalfDay));
        if (text && change) text += `\n${describeChange(model, change)}`;
        const notes = comments?.get(cellKey(personId, date, half as HalfDay));
        if (notes) text = text ? `${text}\n${commentTitle(notes)}` : commentTitle(notes);
      } else if (personId && span) text = describeRotation(model, personId, Number(span));
      if (text) cell.title = text;
    },
    [model, marks, comments],
  );

  // Pointer selection: press selects (shift extends, ctrl/cmd adds), moving with the button held drags.
  const dragging = useRef(false);
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const onPointerDown = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      if (!onSelectionChange || e.button !== 0) return;
      const pos = positionOf(e.target);
      if (!pos) return;
      const current = selectionRef.current;
      if (e.shiftKey && current) onSelectionChange(extendTo(current, pos));
      else if ((e.ctrlKey || e.metaKey) && current) onSelectionChange(addCell(current, pos));
      else onSelectionChange(single(pos));
      dragging.current = true;
      scrollRef.current?.focus({ preventScroll: true });
    },
    [onSelectionChange],
  );
  const onPointerMove = useCallback(
    (e: PointerEvent<HTMLDivElement>) => {
      if (!dragging.current || !onSelectionChange) return;
      if ((e.buttons & 1) === 0) {
        dragging.current = false;
        return;
      }
      const pos = positionOf(e.target);
      const current = selectionRef.current;
      if (!pos || !current || (pos.row === current.focus.row && pos.col === current.focus.col)) return;
      onSelectionChange(extendTo(current, pos));
    },
    [onSelectionChange],
  );
  useEffect(() => {
    const stop = () => (dragging.current = false);
    window.addEventListener('pointerup', stop);
    return () => window.removeEventListener('pointerup', stop);
  }, []);

  const onDoubleClick = useCallback(
    (e: MouseEvent<HTMLDivElement>) => {
      if (onCommand && positionOf(e.target)) onCommand({ type: 'pick' });
    },
    [onCommand],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (!onSelectionChange || e.target !== scrollRef.current) return;
      const el = scrollRef.current;
      const pageRows = Math.max(1, Math.floor((el.clientHeight - m.headerHeight) / (m.cellHeight + m.bandHeight + 3)));
      const command = gridCommand(e, pageRows);
      if (!command) return;
      const current = selectionRef.current;
      if (command.type === 'move') {
        e.preventDefault();
        // The first arrow press on a grid without a selection picks its first cell.
        const first = firstCell(shape);
        const next = current ? moveSelection(current, shape, command.move, command.extend) : first && single(first);
        if (next) onSelectionChange(next);
        return;
      }
      if (command.type === 'selectAll') {
        e.preventDefault();
        onSelectionChange(selectAll(shape));
        return;
      }
      if (command.type === 'escape' && !onCommand) {
        onSelectionChange(null);
        return;
      }
      if (!onCommand || !current) return;
      e.preventDefault();
      onCommand(command);
    },
    [onSelectionChange, onCommand, shape, m],
  );

  // Compliance: load the findings that mark cells, scroll to the finding jumped to.
  useComplianceOverlay(scrollRef, model);
  const peopleCount = useMemo(() => rows.filter((r) => r.kind === 'person').length, [rows]);
  const vRows = rowVirtualizer.getVirtualItems();
  const vCols = colVirtualizer.getVirtualItems();
  // Columns are drawn in whole weeks: rows re-render only when a week boundary scrolls into
  // view, not on every day, so most horizontal scroll frames need no React work at all.
  const { from, to } = columnWindow(
    vCols.length ? vCols[0].index : 0,
    vCols.length ? vCols[vCols.length - 1].index : -1,
    days.length,
  );
  const width = colVirtualizer.getTotalSize();
  const height = rowVirtualizer.getTotalSize();

  return (
    <GridMetricsContext.Provider value={m}>
      <div
        ref={scrollRef}
        className={`bg-scroll bg-${m.density}${interactive ? ' bg-interactive' : ''}`}
        role="grid"
        aria-label={label}
        aria-rowcount={HEADER_ROWS + rows.length}
        aria-colcount={1 + days.length * 2}
        aria-multiselectable={interactive || undefined}
        data-testid="block-grid"
        data-start={model.start}
        data-end={model.end}
        tabIndex={0}
        onPointerOver={showCellTitle}
        onPointerDown={interactive ? onPointerDown : undefined}
        onPointerMove={interactive ? onPointerMove : undefined}
        onDoubleClick={interactive ? onDoubleClick : undefined}
        onKeyDown={interactive ? onKeyDown : undefined}
        data-density={m.density}
        data-highlight={highlightActivity ?? undefined}
        data-focus-person={scrollToPersonId ?? undefined}
        style={
          {
            '--bg-name-width': `${m.nameWidth}px`,
            '--half-width': `${m.halfWidth}px`,
            '--bg-condensed-font': condensedFont,
          } as CSSProperties
        }
      >
        {(highlightActivity || scrollToPersonId) && (
          <style>{highlightStyle(highlightActivity, scrollToPersonId)}</style>
        )}
        <div className="bg-canvas" style={{ width, height, ...dayLines(m) }}>
          <GridHeader
            days={days}
            from={from}
            to={to}
            firstVisible={Math.min(days.length - 1, Math.ceil((colVirtualizer.scrollOffset ?? 0) / m.dayWidth))}
            width={width}
            today={today}
            cornerLabel={`${peopleCount} people`}
          />
          <ColumnShading days={days} from={from} to={to} height={height} />
          <div role="rowgroup">
            {vRows.map((v) => {
              const row = rows[v.index];
              const common = {
                rowIndex: HEADER_ROWS + v.index + 1,
                top: v.start,
                height: v.size,
                width,
                from,
                to,
                model,
              };
              const sel = rowSelectionKey(selection, v.index);
              if (row.kind === 'call')
                return (
                  <CallRowView key={row.key} row={row} sel={sel} marks={marks} markStyle={markStyle} {...common} />
                );
              if (row.kind === 'group') return <GroupRowView key={row.key} row={row} {...common} />;
              return (
                <PersonRowView
                  key={row.key}
                  row={row}
                  sel={sel}
                  marks={marks}
                  markStyle={markStyle}
                  comments={comments}
                  {...common}
                />
              );
            })}
          </div>
        </div>
      </div>
    </GridMetricsContext.Provider>
  );
}

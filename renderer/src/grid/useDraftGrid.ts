// The block grid's data for a date range: the published schedule, and with a draft, the draft's
// differences laid over it (drafts.changes for the same dates). Both re-read when the data changes;
// a rules check changes neither (the draft bar reads the check itself).
import { useMemo, useRef } from 'react';
import type { ApiErrorData, DraftChanges } from '../../../core/api/contract';
import type { Block, IsoDate } from '../../../core/domain/types';
import { api } from '../api';
import { useApiQuery } from '../lib/useApiQuery';
import { overlayDraft, type DraftMarks } from './draftOverlay';
import { buildGridModel, type GridModel } from './gridModel';

export interface DraftGrid {
  model: GridModel | null;
  marks: DraftMarks | null;
  comparison: DraftChanges | null;
  loading: boolean;
  error: { what: string; error: ApiErrorData; retry(): void } | null;
}

export function useDraftGrid(
  range: { start: IsoDate; end: IsoDate } | null,
  draftId: number | null,
  blocks: readonly Block[],
): DraftGrid {
  const gridKey = range ? `grid:${range.start}:${range.end}` : null;
  const grid = useApiQuery(gridKey, () => api()['schedule.grid'](range!));
  const diffKey = range && draftId !== null ? `draft-diff:${draftId}:${range.start}:${range.end}` : null;
  const diff = useApiQuery(diffKey, () =>
    api()['drafts.changes']({ draftId: draftId!, start: range!.start, end: range!.end }),
  );

  const gridData = grid.dataKey === gridKey ? grid.data : undefined;
  const comparison = diffKey !== null && diff.dataKey === diffKey ? (diff.data ?? null) : null;
  // With a draft, wait for its diff so the published values never flash in its place.
  const ready = gridData && (draftId === null || comparison);

  const overlaid = useMemo(() => {
    if (!ready || !gridData) return null;
    return comparison ? overlayDraft(gridData, comparison.diff) : { data: gridData, marks: null };
  }, [ready, gridData, comparison]);
  const fresh = useMemo(() => (overlaid ? buildGridModel(overlaid.data, blocks) : null), [overlaid, blocks]);
  // While a just-opened draft's diff loads, keep showing what was there (same dates) instead of
  // unmounting the grid, which would lose the scroll position and the selection.
  const last = useRef<{ model: GridModel; marks: DraftMarks | null } | null>(null);
  if (fresh) last.current = { model: fresh, marks: overlaid?.marks ?? null };
  const shown = fresh
    ? last.current
    : last.current && range && last.current.model.start === range.start && last.current.model.end === range.end
      ? last.current
      : null;

  const error = grid.error
    ? { what: 'the schedule', error: grid.error, retry: grid.reload }
    : diff.error && draftId !== null
      ? { what: 'the draft', error: diff.error, retry: diff.reload }
      : null;
  return {
    model: shown?.model ?? null,
    marks: shown?.marks ?? null,
    comparison,
    loading: grid.loading || diff.loading,
    error,
  };
}

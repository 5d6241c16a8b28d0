// The reviewer's view of a review file, as plain data: the block grid of the draft over its
// published baseline (the app's own grid model and diff marks), comment anchors from a grid
// selection, and comment anchors in words. Pure: unit-tested without React.
import type { CommentAnchor, ReviewDocument } from '../../../core/api/contract';
import { overlayDraft, type DraftMarks } from '../grid/draftOverlay';
import { buildGridModel, type GridModel } from '../grid/gridModel';
import type { Selection } from '../grid/selection';
import { formatShortDate } from '../lib/dates';

export function reviewGrid(review: ReviewDocument): { model: GridModel; marks: DraftMarks } | null {
  if (!review.grid) return null;
  const { data, marks } = overlayDraft(review.grid, review.comparison.diff);
  // Review files written before the grid carried moonlighting and callbacks have no `duty`.
  return { model: buildGridModel({ ...data, duty: data.duty ?? [] }, review.blocks), marks };
}

/** The comment anchor of a grid selection (its last rectangle): the people and days it covers. */
export function anchorOfSelection(model: GridModel, selection: Selection | null): CommentAnchor | null {
  const range = selection?.ranges[selection.ranges.length - 1];
  if (!range) return null;
  const personIds: string[] = [];
  for (let r = range.r0; r <= range.r1; r++) {
    const row = model.rows[r];
    if (row?.kind === 'person') personIds.push(row.person.id);
  }
  const first = model.days[Math.floor(range.c0 / 2)];
  const last = model.days[Math.floor(range.c1 / 2)];
  if (!personIds.length || !first || !last) return null;
  const half = range.c0 === range.c1 ? (range.c0 % 2 === 0 ? 'AM' : 'PM') : undefined;
  return { kind: 'cells', personIds, start: first.date, end: last.date, ...(half ? { half } : {}) };
}

/** "Nora Reyes, 4 Aug AM", "the whole draft", "finding: …". */
export function anchorText(
  anchor: CommentAnchor,
  nameOf: (id: string) => string,
  findingText?: (id: string) => string | undefined,
): string {
  switch (anchor.kind) {
    case 'draft':
      return 'the whole draft';
    case 'person':
      return nameOf(anchor.personId);
    case 'finding':
      return `finding: ${findingText?.(anchor.findingId) ?? anchor.findingId}`;
    case 'cells': {
      const who =
        anchor.personIds.length <= 3 ? anchor.personIds.map(nameOf).join(', ') : `${anchor.personIds.length} people`;
      const when =
        anchor.start === anchor.end
          ? formatShortDate(anchor.start)
          : `${formatShortDate(anchor.start)} – ${formatShortDate(anchor.end)}`;
      return `${who}, ${when}${anchor.half ? ` ${anchor.half}` : ''}`;
    }
  }
}

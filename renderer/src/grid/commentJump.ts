// A click on a comment in the draft's comments panel asks the diff grid (a sibling on the same
// page) to show that comment's cells: the block they are in, scrolled to, ringed.
import { createUserStore } from '../state/store';
import type { ReviewComment } from '../../../core/api/contract';

interface CommentJumpState {
  /** The comment to show, with the draft it belongs to; tick changes on every click. */
  target: { draftId: number; comment: ReviewComment; tick: number } | null;
  jump(comment: ReviewComment): void;
  /** The grid took the jump (a later visit to the draft does not jump again). */
  clear(): void;
}

let tick = 0;

export const useCommentJump = createUserStore<CommentJumpState>((set) => ({
  target: null,
  jump: (comment) => set({ target: { draftId: comment.draftId, comment, tick: ++tick } }),
  clear: () => set({ target: null }),
}));

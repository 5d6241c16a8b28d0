// The finding the user jumped to from the Compliance view: the block grid highlights its cells
// and scrolls to them when they are in view. Set before navigating to the schedule; cleared by
// the user (Escape, the grid's focus banner) or by jumping elsewhere.
import { createUserStore } from './store';
import type { HalfDay, IsoDate, Severity } from '../../../core/domain/types';

export interface FocusTarget {
  findingId: string;
  /** null for findings about a slot (clinic capacity, supervision), not a person. */
  personId: string | null;
  personName: string | null;
  severity: Severity;
  ruleType: string;
  message: string;
  /** The draft whose finding it is (the grid opens that draft), or null for the published schedule. */
  draftId: number | null;
  /** The slots to highlight (for a person finding without slots: the person's slots in its window). */
  slots: { date: IsoDate; half: HalfDay }[];
  /** The date to scroll to. */
  date: IsoDate;
  /** The Compliance view's query when the user jumped (to go back to the same list). */
  returnQuery: Record<string, string>;
  /** Bumped on every jump, so jumping to the same finding again scrolls again. */
  tick: number;
}

interface FocusState {
  target: FocusTarget | null;
  focus(target: Omit<FocusTarget, 'tick'>): void;
  clear(): void;
}

let tick = 0;

export const useFocus = createUserStore<FocusState>((set) => ({
  target: null,
  focus: (target) => set({ target: { ...target, tick: ++tick } }),
  clear: () => set({ target: null }),
}));

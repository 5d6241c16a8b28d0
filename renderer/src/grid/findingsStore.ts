// The findings the block grid marks: every finding of the academic year the grid shows, for the
// published schedule or the draft being edited (the Schedule view's `draft`). Re-read after every write (the
// data version), which the service answers from its incremental validator, so markers follow an
// edit at once. Per-person mark maps keep their identity when unchanged, so only rows whose
// marks changed re-render.
import { createUserStore } from '../state/store';
import type { ComplianceFinding } from '../../../core/api/contract';
import { api } from '../api';
import { onStale, touches } from '../state/data';
import { buildMarks, type CellMark, type FindingMarks } from './gridMarks';

interface GridFindingsState {
  year: number | null;
  draftId: number | null;
  findings: ComplianceFinding[];
  byPerson: FindingMarks['byPerson'];
  bySlot: FindingMarks['bySlot'];
  /** Bumped when a load lands (tests and the view wait on it). */
  loads: number;
  /** Load the findings of this year's published schedule or draft unless they are loaded already. */
  ensure(year: number, draftId: number | null): void;
  reload(): Promise<void>;
}

const EMPTY_MARKS = buildMarks([]);
let request = 0;
let loadedKey: string | null = null;

const sameMarks = (a: Map<string, CellMark>, b: Map<string, CellMark>) =>
  a.size === b.size &&
  [...a].every(([k, m]) => {
    const o = b.get(k);
    return (
      o && o.severity === m.severity && o.acknowledged === m.acknowledged && o.findingIds.join() === m.findingIds.join()
    );
  });

export const useGridFindings = createUserStore<GridFindingsState>((set, get) => ({
  year: null,
  draftId: null,
  findings: [],
  byPerson: EMPTY_MARKS.byPerson,
  bySlot: EMPTY_MARKS.bySlot,
  loads: 0,
  ensure(year, draftId) {
    const key = `${year}:${draftId ?? ''}`;
    if (loadedKey === key) return;
    loadedKey = key;
    set({ year, draftId });
    void get().reload();
  },
  async reload() {
    const { year, draftId } = get();
    if (year === null) return;
    const mine = ++request;
    try {
      const result = await api()['compliance.findings']({ academicYear: year, draftId });
      if (mine !== request) return;
      const marks = buildMarks(result.findings);
      const previous = get().byPerson;
      const byPerson = new Map<string, Map<string, CellMark>>();
      for (const [personId, m] of marks.byPerson) {
        const old = previous.get(personId);
        byPerson.set(personId, old && sameMarks(old, m) ? old : m);
      }
      set((s) => ({ findings: result.findings, byPerson, bySlot: marks.bySlot, loads: s.loads + 1 }));
    } catch {
      // Markers are a hint: a failed read leaves the last ones (the Compliance view shows errors).
      if (mine === request) loadedKey = null;
    }
  },
}));

// A write that may change findings: re-read the loaded year.
onStale((stale) => {
  if (touches(stale, ['compliance.findings']) && useGridFindings.getState().year !== null)
    void useGridFindings.getState().reload();
});

// "Why is this cell X": the explanation every generation model returns for each decided cell.
import type { Reason } from './builder';

export interface CellExplanation {
  /**
   * Which cell: `plan:<personId>:<block>:<part>`, `slot:<personId>:<date>:<AM|PM>`,
   * `call:<date>:<callType>` or `inpatient:<weekStart>`.
   */
  key: string;
  personId: string | null;
  /** What the cell holds: a rotation code, an activity code or (calls) the person's id. */
  value: string;
  /** Rules and goals that pinned it, strongest first; 'choice' when nothing did. */
  reasons: Reason[];
}

const STRENGTH: Record<Reason['kind'], number> = {
  locked: 0,
  absence: 1,
  fixed: 2,
  standing_rule: 3,
  shift: 4,
  pattern: 4,
  weekend: 5,
  holiday: 6,
  inpatient_week: 7,
  post_call: 8,
  coverage: 9,
  requirement: 10,
  supervision: 11,
  capacity: 12,
  window: 13,
  order: 14,
  acgme: 15,
  limit: 16,
  target: 17,
  leave: 18,
  continuity: 19,
  stability: 20,
  fairness: 21,
  spacing: 22,
  preference: 23,
  choice: 24,
};

/** Sort and de-duplicate reasons; a cell nothing pinned gets the solver's free choice. */
export function finishReasons(reasons: Reason[], choiceText: string): Reason[] {
  const seen = new Set<string>();
  const out = reasons.filter((r) => (seen.has(r.text) ? false : (seen.add(r.text), true)));
  out.sort((a, b) => STRENGTH[a.kind] - STRENGTH[b.kind]);
  return out.length > 0 ? out : [{ kind: 'choice', text: choiceText }];
}

// Words for the drafts and publishing codes (the renderer may import only types from core, so
// the lists live here; `Record<…>` makes the compiler check that every code has its words).
import type { BreakGlass, DraftFlag, DraftSummary, PublishCheck } from '../../../core/api/contract';

export const BREAK_GLASS_ROLE_LABELS: Record<BreakGlass['role'], string> = {
  pd: 'Program director',
  apd: 'Associate program director',
  oic: 'Officer in charge',
  chief: 'Department chief',
  coordinator: 'Program coordinator',
  gme_office: 'GME office',
};

export const SOURCE_LABELS: Record<DraftSummary['source'], string> = {
  manual: 'Manual edits',
  generation: 'Generated',
  import: 'Import',
  swap: 'Swap',
};

export const STATUS_LABELS: Record<DraftSummary['status'], string> = {
  open: 'Open',
  published: 'Published',
  discarded: 'Discarded',
};

export const CATEGORY_LABELS: Record<DraftFlag['category'], string> = {
  rule: 'Rule findings',
  coverage: 'Coverage gaps',
  conflict: 'Conflicts',
  credential: 'Missing credentials',
};

const CATEGORY_NOUNS: Record<DraftFlag['category'], [string, string]> = {
  rule: ['rule finding', 'rule findings'],
  coverage: ['coverage gap', 'coverage gaps'],
  conflict: ['conflict', 'conflicts'],
  credential: ['missing credential', 'missing credentials'],
};

/** "1 coverage gap", "3 conflicts". */
export function categoryCount(category: DraftFlag['category'], n: number): string {
  return `${n} ${CATEGORY_NOUNS[category][n === 1 ? 0 : 1]}`;
}

export const GATE_LABELS: Record<PublishCheck['reasons'][number]['gate'], string> = {
  empty: 'Nothing to publish',
  status: 'Draft state',
  churn: 'Churn guard',
  churn_warning: 'Churn warning',
  lock_date: 'Lock date',
  approval: "Program director's approval",
  findings: 'Findings',
};

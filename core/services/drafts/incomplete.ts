// What a draft is missing (a generation stopped part-way): read from the draft, and said as
// flags. Each missing part is a critical finding of the draft, so it blocks publishing until
// someone acknowledges it with a reason (or discards the draft and generates again).
import type { Finding } from '../../domain/types';
import type { DraftsTable } from './tables';
import type { IncompletePart } from './types';

export const INCOMPLETE_RULE = 'generation_incomplete';

export function incompleteParts(row: Pick<DraftsTable, 'incomplete'>): IncompletePart[] {
  if (!row.incomplete) return [];
  const parsed = JSON.parse(row.incomplete) as unknown;
  return Array.isArray(parsed) ? (parsed as IncompletePart[]) : [];
}

/** The flags of a draft's missing parts (stable ids: the draft, the part and its dates). */
export function incompleteFindings(draftId: number, parts: readonly IncompletePart[]): Finding[] {
  return parts.map((part) => ({
    id: `${INCOMPLETE_RULE}:${draftId}:${part.start}:${part.end}:${part.what}`,
    ruleId: INCOMPLETE_RULE,
    ruleType: INCOMPLETE_RULE,
    severity: 'critical',
    personId: null,
    start: part.start,
    end: part.end,
    slots: [],
    measured: 0,
    limit: 1,
    unit: 'parts generated',
    message: `This draft is missing ${part.what}: ${part.why}`,
    explanation:
      `Generation stopped before ${part.what} (${part.start} to ${part.end}). Publishing the draft as it ` +
      `is puts out a half-built schedule. Generate it again, or acknowledge this with a reason to publish what is ` +
      `there.`,
  }));
}

// The order people are listed in everywhere (the People table, the Export view's choices).
import type { PersonRow } from '../../../core/api/contract';

const KIND_ORDER: Record<PersonRow['kind'], number> = { resident: 0, faculty: 1, intern: 2, student: 3 };

/** Residents (senior first), faculty, then learners; by name within each. */
export function comparePeople(a: PersonRow, b: PersonRow): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    (b.pgy ?? 0) - (a.pgy ?? 0) ||
    a.name.localeCompare(b.name, 'en', { sensitivity: 'base' })
  );
}

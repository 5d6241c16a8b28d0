// Filtering and ordering of the People table: pure, so it is unit-tested.
import type { PersonRow } from '../../../core/api/contract';
import { KIND_LABELS, ROLE_LABELS } from '../lib/labels';
import { comparePeople } from '../lib/peopleOrder';

export type KindFilter = 'all' | 'resident' | 'faculty' | 'learner';

export function matchesKind(p: PersonRow, kind: KindFilter): boolean {
  if (kind === 'all') return true;
  if (kind === 'learner') return p.kind === 'student' || p.kind === 'intern';
  return p.kind === kind;
}

/** Every word of the text must appear in the name, e-mail, kind, role or `PGY-n`. */
export function matchesText(p: PersonRow, text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    p.name,
    p.email ?? '',
    KIND_LABELS[p.kind],
    p.facultyRole ? ROLE_LABELS[p.facultyRole] : '',
    p.pgy !== null ? `PGY-${p.pgy} PGY${p.pgy}` : '',
  ]
    .join(' ')
    .toLowerCase();
  return words.every((w) => haystack.includes(w));
}

export function filterPeople(rows: readonly PersonRow[], text: string, kind: KindFilter): PersonRow[] {
  return rows.filter((p) => matchesKind(p, kind) && matchesText(p, text)).sort(comparePeople);
}

// Which cell a right-click in the block grid points at, read from the grid's data attributes
// (person cells: data-person-id, data-date, data-half; call cells: data-call-type, data-date).
// Pure, so it is unit-tested without a browser.
import type { ExplainTarget } from '../../../core/api/contract';

export interface CellDataset {
  personId?: string;
  date?: string;
  half?: string;
  callType?: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export function targetFromDataset(d: CellDataset): ExplainTarget | null {
  if (!d.date || !ISO.test(d.date)) return null;
  if (d.personId && (d.half === 'AM' || d.half === 'PM'))
    return { kind: 'slot', personId: d.personId, date: d.date, half: d.half };
  if (d.callType) return { kind: 'call', date: d.date, callTypeCode: d.callType };
  return null;
}

/** "res-01, 2026-09-01 PM" in the words of the panel. */
export function describeTarget(t: ExplainTarget, nameOf: (id: string) => string): string {
  switch (t.kind) {
    case 'slot':
      return `${nameOf(t.personId)} · ${t.date} ${t.half}`;
    case 'call':
      return `${t.callTypeCode} call · night of ${t.date}`;
    case 'inpatient':
      return `Inpatient week containing ${t.date}`;
    case 'plan':
      return `${nameOf(t.personId)} · block ${t.blockNumber}${t.part === 'full' ? '' : ` (${t.part} half)`}`;
  }
}

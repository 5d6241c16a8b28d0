// The Compliance view's filters live in the URL (`#/compliance?sev=critical,high&person=res-04`),
// so a reload keeps them and the dashboard can link to a filtered list. Pure: parse and format.
import type { Severity } from '../../../core/domain/types';
import { dateRangeError } from '../lib/dateRange';
import { SEVERITY_ORDER } from '../lib/severity';

export interface FindingFilters {
  severities: Severity[];
  ruleIds: string[];
  personIds: string[];
  from: string | null;
  to: string | null;
  /** 'all' shows acknowledged findings (marked); 'open' hides them; 'acknowledged' shows only them. */
  ack: 'all' | 'open' | 'acknowledged';
}

export const NO_FILTERS: FindingFilters = {
  severities: [],
  ruleIds: [],
  personIds: [],
  from: null,
  to: null,
  ack: 'all',
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

export function parseFilters(query: Record<string, string>): FindingFilters {
  const ack = query.ack === 'open' || query.ack === 'acknowledged' ? query.ack : 'all';
  return {
    severities: SEVERITY_ORDER.filter((s) => list(query.sev).includes(s)),
    ruleIds: list(query.rule),
    personIds: list(query.person),
    from: query.from && DATE.test(query.from) ? query.from : null,
    to: query.to && DATE.test(query.to) ? query.to : null,
    ack,
  };
}

/** The query patch for filters (null removes a key), for useRoute.setQuery / open. */
export function filtersToQuery(f: FindingFilters): Record<string, string | null> {
  const join = (xs: string[]) => (xs.length ? xs.join(',') : null);
  return {
    sev: join(f.severities),
    rule: join(f.ruleIds),
    person: join(f.personIds),
    from: f.from,
    to: f.to,
    ack: f.ack === 'all' ? null : f.ack,
  };
}

export function activeFilterCount(f: FindingFilters): number {
  return (
    (f.severities.length ? 1 : 0) +
    (f.ruleIds.length ? 1 : 0) +
    (f.personIds.length ? 1 : 0) +
    (f.from || f.to ? 1 : 0) +
    (f.ack !== 'all' ? 1 : 0)
  );
}

/** The message beside To when the dates cannot be a range, or null. */
export function filterDatesError(f: FindingFilters): string | null {
  return dateRangeError(f.from, f.to);
}

/** The compliance.findings input for filters; impossible dates are not applied (FilterBar says why). */
export function filtersToInput(f: FindingFilters) {
  const [from, to] = filterDatesError(f) ? [null, null] : [f.from, f.to];
  return {
    ...(f.severities.length ? { severities: f.severities } : {}),
    ...(f.ruleIds.length ? { ruleIds: f.ruleIds } : {}),
    ...(f.personIds.length ? { personIds: f.personIds } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(f.ack === 'all' ? {} : { acknowledged: f.ack === 'acknowledged' }),
  };
}

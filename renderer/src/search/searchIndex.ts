// What the search box finds, as pure functions: people (by name, PGY level or role), activities
// (by code or name), views (by name), and a date typed in any common form ("2026-11-26",
// "26 Nov", "Nov 26", "11/26/2026"), which jumps the schedule there.
import type { Activity, IsoDate } from '../../../core/domain/types';

export interface SearchPerson {
  id: string;
  name: string;
  /** "PGY-2 resident", "Core faculty". */
  detail: string;
}

export interface SearchView {
  id: string;
  label: string;
  purpose: string;
}

export type SearchResult =
  | { kind: 'date'; key: string; date: IsoDate; label: string }
  | { kind: 'person'; key: string; person: SearchPerson }
  | { kind: 'activity'; key: string; activity: Pick<Activity, 'code' | 'name' | 'category' | 'color'> }
  | { kind: 'view'; key: string; view: SearchView };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function valid(y: number, m: number, d: number): IsoDate | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The year a day-and-month without a year falls in: the academic year in view (July to June). */
function yearFor(month: number, academicYear: number): number {
  return month >= 7 ? academicYear : academicYear + 1;
}

function monthOf(word: string): number | null {
  const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
  return i < 0 ? null : i + 1;
}

/** A date typed in a common form, or null. A day and month without a year land in `academicYear`. */
export function parseDate(text: string, academicYear: number): IsoDate | null {
  const t = text.trim().toLowerCase().replace(/,/g, ' ').replace(/\s+/g, ' ');
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?$/.exec(t);
  if (m) {
    const month = Number(m[1]);
    const y = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : yearFor(month, academicYear);
    return valid(y, month, Number(m[2]));
  }
  m = /^(\d{1,2}) ([a-z]{3,})\.?(?: (\d{4}))?$/.exec(t);
  if (m && monthOf(m[2])) {
    const month = monthOf(m[2])!;
    return valid(m[3] ? Number(m[3]) : yearFor(month, academicYear), month, Number(m[1]));
  }
  m = /^([a-z]{3,})\.? (\d{1,2})(?: (\d{4}))?$/.exec(t);
  if (m && monthOf(m[1])) {
    const month = monthOf(m[1])!;
    return valid(m[3] ? Number(m[3]) : yearFor(month, academicYear), month, Number(m[2]));
  }
  return null;
}

/** How well `text` matches: 0 = no match; higher = better (whole word start beats inside). */
function score(haystack: string, words: string[]): number {
  const h = haystack.toLowerCase();
  let total = 0;
  for (const w of words) {
    const at = h.indexOf(w);
    if (at < 0) return 0;
    total += at === 0 ? 3 : /\s|[-·(]/.test(h[at - 1]) ? 2 : 1;
  }
  return total;
}

export interface SearchSources {
  people: readonly SearchPerson[];
  activities: readonly Pick<Activity, 'code' | 'name' | 'category' | 'color'>[];
  views: readonly SearchView[];
  academicYear: number;
  formatDate(date: IsoDate): string;
}

/** Results for what was typed, best first: a date, then people, activities, views (at most `limit`). */
export function search(text: string, sources: SearchSources, limit = 12): SearchResult[] {
  const t = text.trim();
  if (!t) return [];
  const out: SearchResult[] = [];
  const date = parseDate(t, sources.academicYear);
  if (date)
    out.push({ kind: 'date', key: `date:${date}`, date, label: `Go to ${sources.formatDate(date)} in the schedule` });
  const words = t.toLowerCase().split(/\s+/).filter(Boolean);
  const ranked: { result: SearchResult; score: number }[] = [];
  for (const p of sources.people) {
    const s = score(`${p.name} ${p.detail}`, words);
    if (s) ranked.push({ result: { kind: 'person', key: `person:${p.id}`, person: p }, score: s + 1 });
  }
  for (const a of sources.activities) {
    const exact = a.code.toLowerCase() === t.toLowerCase() ? 5 : 0;
    const s = score(`${a.code} ${a.name}`, words);
    if (s) ranked.push({ result: { kind: 'activity', key: `activity:${a.code}`, activity: a }, score: s + exact });
  }
  for (const v of sources.views) {
    const s = score(v.label, words);
    if (s) ranked.push({ result: { kind: 'view', key: `view:${v.id}`, view: v }, score: s });
  }
  ranked.sort((a, b) => b.score - a.score);
  return [...out, ...ranked.map((r) => r.result)].slice(0, limit);
}

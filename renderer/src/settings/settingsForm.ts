// Pure helpers of the Settings view: number fields typed as text, the server's issues by field,
// a rule's explanation with the program's numbers in it, and what a re-check found.
import type { SeverityCounts } from '../../../core/api/contract';
import { countedWord, plural } from '../lib/words';
import { SEVERITY_ORDER } from '../lib/severity';

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** ISO weekday (1 = Monday … 7 = Sunday) → its name; anything else as written. */
export function weekdayName(value: unknown): string {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7
    ? WEEKDAY_NAMES[value - 1]
    : String(value);
}

export interface NumberRule {
  integer?: boolean;
  min?: number;
  max?: number;
  /** The value must be above `min`, not equal to it. */
  exclusiveMin?: boolean;
}

/** A number typed into a field: the value, or what is wrong with the text (said beside the field). */
export function parseNumber(text: string, rule: NumberRule = {}): { value: number } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { error: 'enter a number' };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { error: `"${trimmed}" is not a number` };
  if (rule.integer && !Number.isInteger(value)) return { error: 'enter a whole number' };
  if (rule.min !== undefined && (rule.exclusiveMin ? value <= rule.min : value < rule.min))
    return { error: rule.exclusiveMin ? `enter more than ${rule.min}` : `enter ${rule.min} or more` };
  if (rule.max !== undefined && value > rule.max) return { error: `enter ${rule.max} or less` };
  return { value };
}

export interface Issue {
  path: string;
  message: string;
}

/**
 * The server's issues under `prefix` (e.g. 'churn'), keyed by the rest of their path
 * ('warnPersonPct'); the others are returned apart so the section can still show them.
 */
export function issuesUnder(
  issues: readonly Issue[],
  prefix: string,
): { fields: Record<string, string>; other: string[] } {
  const fields: Record<string, string> = {};
  const other: string[] = [];
  for (const issue of issues) {
    const rest =
      prefix === ''
        ? issue.path
        : issue.path.startsWith(`${prefix}.`) || issue.path.startsWith(`${prefix}[`)
          ? issue.path.slice(prefix.length)
          : null;
    const key = rest?.replace(/^\./, '');
    if (key) fields[key] ??= issue.message;
    else other.push(issue.path === '(root)' ? issue.message : `${issue.path}: ${issue.message}`);
  }
  return { fields, other };
}

/** How a parameter's value reads in a sentence. */
export type ValueWords = (key: string, value: unknown) => string;

/**
 * A rule's explanation with `{param}` replaced by the value's words and `{param|night}` (or
 * `{param|person|people}`) by a count in words, "1 night", "2 nights" (core/rules/descriptions);
 * missing ones stay visible.
 */
export function fillExplanation(template: string, params: Record<string, unknown>, words: ValueWords): string {
  return template.replace(
    /\{(\w+)(?:\|([^|{}]+)(?:\|([^|{}]+))?)?\}/g,
    (whole, key: string, one?: string, many?: string) => {
      if (!(key in params) || params[key] === undefined) return whole;
      const value = params[key];
      if (one === undefined) return words(key, value);
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
      // A count being typed ("", "abc") still reads as a phrase: its text, then the word for many.
      return Number.isFinite(n) ? plural(n, one, many) : `${words(key, value)} ${countedWord(n, one, many)}`;
    },
  );
}

/** A list in a sentence: "a, b and c". */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'none';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "2 critical (was 0), 5 high" — each severity that has findings or changed. */
export function recheckWords(before: SeverityCounts | null, after: SeverityCounts): string {
  const parts: string[] = [];
  for (const s of SEVERITY_ORDER) {
    const was = before?.[s];
    if (after[s] === 0 && (was === undefined || was === 0)) continue;
    parts.push(was === undefined || was === after[s] ? `${after[s]} ${s}` : `${after[s]} ${s} (was ${was})`);
  }
  return parts.length > 0 ? parts.join(', ') : 'no open findings';
}

/** Whether the open findings changed at all. */
export function countsChanged(before: SeverityCounts | null, after: SeverityCounts): boolean {
  return before === null || SEVERITY_ORDER.some((s) => before[s] !== after[s]);
}

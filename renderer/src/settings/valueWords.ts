// Words for the values rules take: severities, absence types, roles, weekdays, AM/PM.
import type { ParamDescription } from '../../../core/api/contract';
import { SEVERITY_LABELS } from '../lib/severity';
import { ABSENCE_LABELS, KIND_LABELS, ROLE_LABELS } from '../lib/labels';
import { listWords, weekdayName } from './settingsForm';

const CHOICE_WORDS: Record<string, string> = {
  ...SEVERITY_LABELS,
  ...ABSENCE_LABELS,
  ...ROLE_LABELS,
  ...KIND_LABELS,
  AM: 'morning',
  PM: 'afternoon',
  active: 'Active',
  provisional: 'Provisional',
  suspended: 'Suspended',
  expired: 'Expired',
};

/** A choice in words (`sports_med` → "Sports medicine"). */
export function choiceWords(value: string): string {
  return CHOICE_WORDS[value] ?? value.replace(/_/g, ' ');
}

/** A parameter's value in a sentence. */
export function paramValueWords(value: unknown, description: ParamDescription | undefined): string {
  if (value === null || value === '') return 'nothing';
  const one = (v: unknown) =>
    description?.format === 'weekday'
      ? weekdayName(typeof v === 'string' ? Number(v) : v)
      : typeof v === 'string'
        ? choiceWords(v)
        : String(v);
  if (Array.isArray(value)) return value.length === 0 ? 'none' : listWords(value.map(one));
  // Units are in the explanation's own words ("{limitHours} hours a week").
  return one(value);
}

// Reading a section's number fields: every value, or an error per field that is wrong.
import { parseNumber, type NumberRule } from './settingsForm';

/** `texts` by field; returns the numbers when all are right, else the errors by field. */
export function readNumbers<K extends string>(
  texts: Readonly<Record<string, unknown>>,
  rules: Record<K, NumberRule>,
): { values: Record<K, number>; errors: null } | { values: null; errors: Record<string, string> } {
  const values = {} as Record<K, number>;
  const errors: Record<string, string> = {};
  for (const key of Object.keys(rules) as K[]) {
    const parsed = parseNumber(String(texts[key] ?? ''), rules[key]);
    if ('error' in parsed) errors[key] = parsed.error;
    else values[key] = parsed.value;
  }
  return Object.keys(errors).length > 0 ? { values: null, errors } : { values, errors: null };
}

/** Numbers as the text fields show them. */
export function numberTexts<K extends string>(values: Record<K, number>): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of Object.keys(values) as K[]) out[key] = String(values[key]);
  return out;
}

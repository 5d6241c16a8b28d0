// A rule's parameters as form fields, read from the JSON Schema core publishes for each rule
// type (rules.catalog): numbers are typed as text and read back on save, lists of choices become
// multi-selects, weekday lists become day toggles, lists of records become small tables.
import { parseNumber, type NumberRule } from './settingsForm';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
}

export type FieldKind =
  | { kind: 'number'; rule: NumberRule }
  | { kind: 'boolean' }
  | { kind: 'choice'; options: string[] }
  | { kind: 'weekday' }
  | { kind: 'text'; nullable: boolean }
  | { kind: 'choices'; options: string[] }
  | { kind: 'weekdays' }
  | { kind: 'texts' }
  | { kind: 'table'; columns: { key: string; field: FieldKind }[] }
  | { kind: 'other' };

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function numberRule(s: JsonSchema): NumberRule {
  const rule: NumberRule = { integer: s.type === 'integer' };
  if (s.exclusiveMinimum !== undefined) Object.assign(rule, { min: s.exclusiveMinimum, exclusiveMin: true });
  else if (s.minimum !== undefined) rule.min = s.minimum;
  if (s.maximum !== undefined && s.maximum < MAX_SAFE) rule.max = s.maximum;
  return rule;
}

/** The field for a parameter's schema; `weekday` marks numbers that are ISO weekdays. */
export function fieldKind(schema: JsonSchema, weekday = false): FieldKind {
  if (schema.anyOf) {
    const nonNull = schema.anyOf.filter((s) => s.type !== 'null');
    const nullable = nonNull.length < schema.anyOf.length;
    if (nonNull.length === 1 && nonNull[0].type === 'string' && !nonNull[0].enum) return { kind: 'text', nullable };
    return { kind: 'other' };
  }
  switch (schema.type) {
    case 'number':
    case 'integer':
      return weekday ? { kind: 'weekday' } : { kind: 'number', rule: numberRule(schema) };
    case 'boolean':
      return { kind: 'boolean' };
    case 'string':
      return schema.enum ? { kind: 'choice', options: schema.enum.map(String) } : { kind: 'text', nullable: false };
    case 'array': {
      const items = schema.items ?? {};
      if (items.type === 'string')
        return items.enum ? { kind: 'choices', options: items.enum.map(String) } : { kind: 'texts' };
      if ((items.type === 'integer' || items.type === 'number') && weekday) return { kind: 'weekdays' };
      if (items.type === 'object' && items.properties) {
        const columns = Object.entries(items.properties).map(([key, s]) => ({ key, field: fieldKind(s) }));
        if (columns.every((c) => ['number', 'boolean', 'choice', 'text'].includes(c.field.kind)))
          return { kind: 'table', columns };
      }
      return { kind: 'other' };
    }
    default:
      return { kind: 'other' };
  }
}

/** A parameter's value as the form holds it (numbers as text, null as ''). */
export function toFormValue(field: FieldKind, value: unknown): unknown {
  if (field.kind === 'number') return value === undefined || value === null ? '' : String(value);
  if (field.kind === 'text') return value ?? '';
  if (field.kind === 'table' && Array.isArray(value))
    return value.map((row: Record<string, unknown>) =>
      Object.fromEntries(field.columns.map((c) => [c.key, toFormValue(c.field, row[c.key])])),
    );
  return value;
}

/**
 * The form's value back as the parameter's value, or the errors by path ('' = the field itself,
 * '[2].min' = a table cell).
 */
export function fromFormValue(
  field: FieldKind,
  value: unknown,
): { value: unknown } | { errors: Record<string, string> } {
  if (field.kind === 'number') {
    const parsed = parseNumber(String(value ?? ''), field.rule);
    return 'error' in parsed ? { errors: { '': parsed.error } } : { value: parsed.value };
  }
  if (field.kind === 'text') {
    const text = String(value ?? '').trim();
    if (text === '') return field.nullable ? { value: null } : { errors: { '': 'fill this in' } };
    return { value: text };
  }
  if (field.kind === 'table' && Array.isArray(value)) {
    const errors: Record<string, string> = {};
    const rows = value.map((row: Record<string, unknown>, i) => {
      const out: Record<string, unknown> = {};
      for (const c of field.columns) {
        const read = fromFormValue(c.field, row[c.key]);
        if ('errors' in read) errors[`[${i}].${c.key}`] = read.errors[''];
        else out[c.key] = read.value;
      }
      return out;
    });
    return Object.keys(errors).length > 0 ? { errors } : { value: rows };
  }
  return { value };
}

/** Every parameter the schema names, with its value or default, as the form holds them. */
export function paramsToForm(
  schema: JsonSchema,
  params: Record<string, unknown>,
  weekdayKeys: ReadonlySet<string>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, s] of Object.entries(schema.properties ?? {}))
    out[key] = toFormValue(fieldKind(s, weekdayKeys.has(key)), params[key] ?? s.default);
  return out;
}

/** The form's parameters as the rule's params, or the errors by parameter path ('limitHours', 'limits[1].max'). */
export function formToParams(
  schema: JsonSchema,
  form: Record<string, unknown>,
  weekdayKeys: ReadonlySet<string>,
): { params: Record<string, unknown> } | { errors: Record<string, string> } {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [key, s] of Object.entries(schema.properties ?? {})) {
    if (!(key in form)) continue;
    const read = fromFormValue(fieldKind(s, weekdayKeys.has(key)), form[key]);
    if ('errors' in read) for (const [sub, message] of Object.entries(read.errors)) errors[`${key}${sub}`] = message;
    else if (read.value !== undefined) params[key] = read.value;
  }
  return Object.keys(errors).length > 0 ? { errors } : { params };
}

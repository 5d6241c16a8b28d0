// The Settings view's pure parts: numbers typed as text, the server's issues by field, rule
// explanations with the program's numbers, and rule parameters as fields read from their schema.
import { describe, expect, it } from 'vitest';
import { ruleCatalog } from '../../core/rules/descriptions';
import { defaultRules } from '../../core/domain/defaults';
import { fieldKind, formToParams, paramsToForm, type JsonSchema } from '../../renderer/src/settings/ruleParams';
import {
  countsChanged,
  fillExplanation,
  issuesUnder,
  parseNumber,
  recheckWords,
} from '../../renderer/src/settings/settingsForm';
import { paramValueWords } from '../../renderer/src/settings/valueWords';

describe('numbers typed into settings', () => {
  it('reads a number or says what is wrong', () => {
    expect(parseNumber(' 80 ')).toEqual({ value: 80 });
    expect(parseNumber('')).toEqual({ error: 'enter a number' });
    expect(parseNumber('8o')).toEqual({ error: '"8o" is not a number' });
    expect(parseNumber('2.5', { integer: true })).toEqual({ error: 'enter a whole number' });
    expect(parseNumber('0', { min: 0, exclusiveMin: true })).toEqual({ error: 'enter more than 0' });
    expect(parseNumber('101', { max: 100 })).toEqual({ error: 'enter 100 or less' });
    expect(parseNumber('-1', { min: 0 })).toEqual({ error: 'enter 0 or more' });
  });
});

describe('issues by field', () => {
  it('keys issues under a prefix by the rest of their path and keeps the others apart', () => {
    const issues = [
      { path: 'churn.warnPersonPct', message: 'too high' },
      { path: 'rules[2].params.limitHours', message: 'expected a number' },
      { path: '(root)', message: 'whole thing' },
    ];
    expect(issuesUnder(issues, 'churn')).toEqual({
      fields: { warnPersonPct: 'too high' },
      other: ['rules[2].params.limitHours: expected a number', 'whole thing'],
    });
    expect(issuesUnder(issues, 'rules').fields).toEqual({ '[2].params.limitHours': 'expected a number' });
  });
});

describe('what a re-check found', () => {
  it('names each severity with findings and what it was', () => {
    expect(recheckWords({ critical: 0, high: 2, medium: 1, low: 0 }, { critical: 1, high: 2, medium: 0, low: 0 })).toBe(
      '1 critical (was 0), 2 high, 0 medium (was 1)',
    );
    expect(recheckWords(null, { critical: 0, high: 0, medium: 0, low: 0 })).toBe('no open findings');
    expect(
      countsChanged({ critical: 0, high: 2, medium: 1, low: 0 }, { critical: 0, high: 2, medium: 1, low: 0 }),
    ).toBe(false);
  });
});

describe('rules in the Settings view', () => {
  const catalog = new Map(ruleCatalog().map((c) => [c.type, c]));

  it('explains each default rule with its own numbers, leaving no placeholder unfilled', () => {
    for (const rule of defaultRules()) {
      const info = catalog.get(rule.type)!;
      const schema = info.paramsSchema as JsonSchema;
      const weekdays = new Set(
        Object.entries(info.params)
          .filter(([, d]) => d.format === 'weekday')
          .map(([k]) => k),
      );
      const form = paramsToForm(schema, rule.params, weekdays);
      const text = fillExplanation(info.explanation, form, (key, value) => paramValueWords(value, info.params[key]));
      expect(text, rule.id).not.toMatch(/\{\w+\}/);
    }
    const hours = catalog.get('acgme_80h')!;
    expect(
      fillExplanation(hours.explanation, { limitHours: 80, windowDays: 28 }, (k, v) =>
        paramValueWords(v, hours.params[k]),
      ),
    ).toMatch(/^A resident works at most 80 hours a week, averaged over every 28-day window/);
    const lecture = catalog.get('standing_slot')!;
    expect(
      fillExplanation(
        lecture.explanation,
        { weekday: 3, half: 'PM', activityCode: 'LEC', lastOfBlockActivityCode: 'ADV' },
        (k, v) => paramValueWords(v, lecture.params[k]),
      ),
    ).toMatch(/^Every Wednesday afternoon is LEC/);
    // A count reads in words, one or many (never "night(s)"), also as typed into its field.
    const nights = catalog.get('consecutive_call_nights')!;
    const inARow = (value: unknown) =>
      fillExplanation(nights.explanation, { maxConsecutiveNights: value }, (k, v) =>
        paramValueWords(v, nights.params[k]),
      );
    expect(inARow(1)).toContain('more than 1 night in a row;');
    expect(inARow(3)).toContain('more than 3 nights in a row;');
    expect(inARow('2')).toContain('more than 2 nights in a row;');
    expect(fillExplanation('{n|person|people} and {n|person|people}', { n: 2 }, (_k, v) => String(v))).toBe(
      '2 people and 2 people',
    );
    expect(fillExplanation('{missing|night}', {}, () => 'x')).toBe('{missing|night}');
  });

  it('gives every parameter of every rule type a field that round-trips its default value', () => {
    for (const rule of defaultRules()) {
      const info = catalog.get(rule.type)!;
      const schema = info.paramsSchema as JsonSchema;
      const weekdays = new Set(
        Object.entries(info.params)
          .filter(([, d]) => d.format === 'weekday')
          .map(([k]) => k),
      );
      for (const [key, s] of Object.entries(schema.properties ?? {}))
        expect(fieldKind(s, weekdays.has(key)).kind, `${rule.type}.${key}`).not.toBe('other');
      const read = formToParams(schema, paramsToForm(schema, rule.params, weekdays), weekdays);
      expect('params' in read && read.params, rule.id).toMatchObject(rule.params);
    }
  });

  it('reads numbers typed as text back, and names a wrong one by its path', () => {
    const info = catalog.get('faculty_weekly_halfdays')!;
    const schema = info.paramsSchema as JsonSchema;
    const form = paramsToForm(schema, { limits: [{ role: 'core', activityCode: 'C', min: 4, max: 6 }] }, new Set());
    expect(form).toEqual({ limits: [{ role: 'core', activityCode: 'C', min: '4', max: '6' }] });
    expect(
      formToParams(schema, { limits: [{ role: 'core', activityCode: 'C', min: '4', max: 'six' }] }, new Set()),
    ).toEqual({ errors: { 'limits[0].max': '"six" is not a number' } });
    const hours = catalog.get('acgme_80h')!.paramsSchema as JsonSchema;
    expect(formToParams(hours, { limitHours: '0', windowDays: '28' }, new Set())).toEqual({
      errors: { limitHours: 'enter more than 0' },
    });
  });
});

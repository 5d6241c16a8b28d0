// The shift editor's form logic: a rotation into fields and back into the rotations.setShifts
// input, every bad field named before sending, and the server's issue paths onto the fields.
import { describe, expect, it } from 'vitest';
import type { Activity, Rotation } from '../../core/domain/types';
import { activity } from './rules/fixtures';
import {
  draftFromRotation,
  hasShiftErrors,
  shiftIssuesToErrors,
  shiftSummary,
  toShiftsInput,
  validateShiftDraft,
} from '../../renderer/src/rotations/shiftForm';

const rotation = (extra: Partial<Rotation> = {}): Rotation => ({
  id: 'rot-em',
  code: 'EM',
  name: 'Emergency Medicine',
  setting: 'inpatient',
  leaveEligible: false,
  capacity: 3,
  worksWeekends: false,
  halfBlock: false,
  pattern: [],
  weeklyTargets: {},
  exemptFrom: [],
  color: '#c62828',
  ...extra,
});
const shift = (code: string, am: [string, string] | null, pm: [string, string] | null): Activity =>
  activity(code, am, pm, { name: `${code} shift`, color: '#c62828' });
const activities = new Map([
  ['EDD', shift('EDD', ['07:00', '12:00'], ['12:00', '19:00'])],
  ['EDN', shift('EDN', null, ['19:00', '07:00'])],
]);
const every = (n: number) => Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, n]));

describe('shift form', () => {
  it('offers day and night shifts for a rotation that has none, switched off', () => {
    const d = draftFromRotation(rotation(), activities);
    expect(d.shiftBased).toBe(false);
    expect(d.shifts.map((s) => [s.code, s.start, s.end])).toEqual([
      ['EMD', '07:00', '19:00'],
      ['EMN', '19:00', '07:00'],
    ]);
    expect(toShiftsInput('rot-em', d)).toEqual({ rotationId: 'rot-em', shifts: null });
  });

  it('reads a shift-based rotation back with its times and cover, and sends it unchanged', () => {
    const shifts = {
      shifts: [
        { activityCode: 'EDD', cover: every(1) },
        { activityCode: 'EDN', cover: { ...every(1), '6': 2 } },
      ],
      minRestHours: 10,
      maxConsecutiveShifts: 5,
      minHoursPerWeek: 36,
      maxHoursPerWeek: 60,
      minWeekendsOff: 1,
    };
    const d = draftFromRotation(rotation({ shifts }), activities);
    expect(d.shifts[1]).toEqual({
      code: 'EDN',
      name: 'EDN shift',
      start: '19:00',
      end: '07:00',
      cover: ['1', '1', '1', '1', '1', '2', '1'],
    });
    expect(validateShiftDraft(d)).toEqual({});
    const input = toShiftsInput('rot-em', d);
    expect(input.shifts!.shifts[1]).toEqual({
      code: 'EDN',
      name: 'EDN shift',
      start: '19:00',
      end: '07:00',
      cover: { ...every(1), '6': 2 },
    });
    expect(input.shifts!.minRestHours).toBe(10);
    expect(shiftSummary(rotation({ shifts }), activities)).toBe('EDD 07:00–19:00 · EDN 19:00–07:00');
  });

  it('names every bad field before sending', () => {
    const d = { ...draftFromRotation(rotation(), activities), shiftBased: true };
    d.shifts[1] = { ...d.shifts[1], code: 'EMD', start: '7:00', cover: ['1', '1', 'x', '1', '1', '1', '-1'] };
    const e = validateShiftDraft({ ...d, minHoursPerWeek: '70', maxHoursPerWeek: '60', maxConsecutiveShifts: '2.5' });
    expect(hasShiftErrors(e)).toBe(true);
    expect(e).toMatchObject({
      'shifts.1.code': 'Also shift 1',
      'shifts.1.start': 'HH:MM',
      'shifts.1.cover.2': 'a number',
      'shifts.1.cover.6': '0–100',
      minHoursPerWeek: 'Above the most (60)',
      maxConsecutiveShifts: 'Most shifts in a row: a whole number',
    });
    expect(validateShiftDraft({ ...d, shifts: [] }).shifts).toBe('Add at least one shift');
  });

  it('puts the server issues beside their fields', () => {
    const { fields, other } = shiftIssuesToErrors([
      { path: 'shifts.shifts[1].start', message: 'expected a time as HH:MM (24h)' },
      { path: 'shifts.shifts[0].cover.6', message: 'too big' },
      { path: 'shifts.minHoursPerWeek', message: '70 is above maxHoursPerWeek 60' },
      { path: 'rotationId', message: 'must not be empty' },
    ]);
    expect(fields).toEqual({
      'shifts.1.start': 'expected a time as HH:MM (24h)',
      'shifts.0.cover.5': 'too big',
      minHoursPerWeek: '70 is above maxHoursPerWeek 60',
    });
    expect(other).toEqual(['rotationId: must not be empty']);
  });
});

// The shift editor's form: a rotation's shifts and limits as text fields, checked before sending
// (each problem beside its field), turned into the rotations.setShifts input, and the server's
// issues mapped back onto the fields they name.
import type { Activity, Rotation } from '../../../core/domain/types';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export interface ShiftRow {
  code: string;
  name: string;
  start: string;
  end: string;
  /** Residents needed, Monday … Sunday. */
  cover: string[];
}

export interface ShiftDraft {
  shiftBased: boolean;
  shifts: ShiftRow[];
  minRestHours: string;
  maxConsecutiveShifts: string;
  minHoursPerWeek: string;
  maxHoursPerWeek: string;
  minWeekendsOff: string;
}

/** Field key → message: `shifts.0.code`, `shifts.0.cover.5`, `minRestHours`… */
export type ShiftErrors = Record<string, string | undefined>;

const LIMITS = {
  minRestHours: { label: 'Rest between shifts', min: 0, max: 24, whole: false },
  maxConsecutiveShifts: { label: 'Most shifts in a row', min: 1, max: 28, whole: true },
  minHoursPerWeek: { label: 'Least hours a week', min: 0, max: 168, whole: false },
  maxHoursPerWeek: { label: 'Most hours a week', min: 0, max: 168, whole: false },
  minWeekendsOff: { label: 'Weekends off per four', min: 0, max: 4, whole: true },
} as const;
type LimitKey = keyof typeof LIMITS;

/** A shift's start and end from its activity's half-day times (AM start … PM end). */
export function shiftTimes(activity: Activity | undefined): { start: string; end: string } {
  const first = activity?.am ?? activity?.pm;
  const last = activity?.pm ?? activity?.am;
  return { start: first?.start ?? '', end: last?.end ?? '' };
}

/** Day and night shifts of 12 hours, one resident each every day: a starting point for a new shift rotation. */
export function defaultShifts(rotation: Rotation): ShiftRow[] {
  const every = Array.from({ length: 7 }, () => '1');
  const prefix = rotation.code
    .replace(/[^A-Z0-9]/gi, '')
    .slice(0, 6)
    .toUpperCase();
  return [
    { code: `${prefix}D`, name: `${rotation.name} day`, start: '07:00', end: '19:00', cover: [...every] },
    { code: `${prefix}N`, name: `${rotation.name} night`, start: '19:00', end: '07:00', cover: [...every] },
  ];
}

export function draftFromRotation(rotation: Rotation, activities: Map<string, Activity>): ShiftDraft {
  const s = rotation.shifts;
  if (!s)
    return {
      shiftBased: false,
      shifts: defaultShifts(rotation),
      minRestHours: '10',
      maxConsecutiveShifts: '5',
      minHoursPerWeek: '36',
      maxHoursPerWeek: '60',
      minWeekendsOff: '1',
    };
  return {
    shiftBased: true,
    shifts: s.shifts.map((sh) => {
      const a = activities.get(sh.activityCode);
      return {
        code: sh.activityCode,
        name: a?.name ?? sh.activityCode,
        ...shiftTimes(a),
        cover: WEEKDAYS.map((_, i) => String(sh.cover[String(i + 1)] ?? 0)),
      };
    }),
    minRestHours: String(s.minRestHours),
    maxConsecutiveShifts: String(s.maxConsecutiveShifts),
    minHoursPerWeek: String(s.minHoursPerWeek),
    maxHoursPerWeek: String(s.maxHoursPerWeek),
    minWeekendsOff: String(s.minWeekendsOff),
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const CODE = /^[A-Z0-9/_-]{1,8}$/i;

function numberIn(text: string, min: number, max: number, whole: boolean): number | string {
  const t = text.trim();
  if (t === '') return 'required';
  const n = Number(t);
  if (!Number.isFinite(n)) return 'a number';
  if (whole && !Number.isInteger(n)) return 'a whole number';
  if (n < min || n > max) return `${min}–${max}`;
  return n;
}

export function validateShiftDraft(d: ShiftDraft): ShiftErrors {
  const errors: ShiftErrors = {};
  if (!d.shiftBased) return errors;
  if (d.shifts.length === 0) errors.shifts = 'Add at least one shift';
  const seen = new Map<string, number>();
  d.shifts.forEach((row, i) => {
    const code = row.code.trim().toUpperCase();
    if (!CODE.test(code)) errors[`shifts.${i}.code`] = 'Up to 8 letters, digits, / _ -';
    else if (seen.has(code)) errors[`shifts.${i}.code`] = `Also shift ${seen.get(code)! + 1}`;
    else seen.set(code, i);
    if (!row.name.trim()) errors[`shifts.${i}.name`] = 'Required';
    if (!TIME.test(row.start)) errors[`shifts.${i}.start`] = 'HH:MM';
    if (!TIME.test(row.end)) errors[`shifts.${i}.end`] = 'HH:MM';
    row.cover.forEach((c, k) => {
      const v = numberIn(c, 0, 100, true);
      if (typeof v === 'string') errors[`shifts.${i}.cover.${k}`] = v;
    });
  });
  for (const key of Object.keys(LIMITS) as LimitKey[]) {
    const { min, max, whole, label } = LIMITS[key];
    const v = numberIn(d[key], min, max, whole);
    if (typeof v === 'string') errors[key] = `${label}: ${v}`;
  }
  const lo = Number(d.minHoursPerWeek);
  const hi = Number(d.maxHoursPerWeek);
  if (!errors.minHoursPerWeek && !errors.maxHoursPerWeek && lo > hi) errors.minHoursPerWeek = `Above the most (${hi})`;
  return errors;
}

export function hasShiftErrors(e: ShiftErrors): boolean {
  return Object.values(e).some(Boolean);
}

export function toShiftsInput(rotationId: string, d: ShiftDraft) {
  return {
    rotationId,
    shifts: d.shiftBased
      ? {
          shifts: d.shifts.map((row) => ({
            code: row.code.trim().toUpperCase(),
            name: row.name.trim(),
            start: row.start,
            end: row.end,
            cover: Object.fromEntries(row.cover.map((c, k) => [String(k + 1), Number(c)])) as Record<
              '1' | '2' | '3' | '4' | '5' | '6' | '7',
              number
            >,
          })),
          minRestHours: Number(d.minRestHours),
          maxConsecutiveShifts: Number(d.maxConsecutiveShifts),
          minHoursPerWeek: Number(d.minHoursPerWeek),
          maxHoursPerWeek: Number(d.maxHoursPerWeek),
          minWeekendsOff: Number(d.minWeekendsOff),
        }
      : null,
  };
}

/**
 * Server issues onto the form's fields: `shifts.shifts[1].start` → `shifts.1.start`,
 * `shifts.shifts[0].cover.6` → `shifts.0.cover.5` (Saturday), `shifts.minRestHours` →
 * `minRestHours`; what names no field goes to `other`.
 */
export function shiftIssuesToErrors(issues: readonly { path: string; message: string }[]): {
  fields: ShiftErrors;
  other: string[];
} {
  const fields: ShiftErrors = {};
  const other: string[] = [];
  for (const issue of issues) {
    const path = issue.path.replace(/^shifts\./, '');
    const row = /^shifts\[(\d+)\]\.(code|name|start|end|cover)(?:\.([1-7]))?$/.exec(path);
    const key = row
      ? `shifts.${row[1]}.${row[2]}${row[3] ? `.${Number(row[3]) - 1}` : ''}`
      : path in LIMITS
        ? path
        : null;
    if (key) fields[key] = issue.message;
    else other.push(issue.path === '(root)' ? issue.message : `${issue.path}: ${issue.message}`);
  }
  return { fields, other };
}

/** "EDD 07:00–19:00 · EDN 19:00–07:00" for the rotations table. */
export function shiftSummary(rotation: Rotation, activities: Map<string, Activity>): string {
  if (!rotation.shifts) return '';
  return rotation.shifts.shifts
    .map((sh) => {
      const { start, end } = shiftTimes(activities.get(sh.activityCode));
      return `${sh.activityCode} ${start}–${end}`;
    })
    .join(' · ');
}

// Read-only views of ProgramData that every generation model needs: who is schedulable, who is
// available when (the one definition in core/domain/availability), day types, rule parameters,
// soft-goal weights and activity hours.
import { listText } from './model';
import { DateTime } from 'luxon';
import { Availability, partLabel, type Unavailability } from '../../domain/availability';
import { addDays, isoWeekday } from '../../domain/calendar';
import { outsideWords } from '../../domain/program-dates';
import { defaultSettings } from '../../domain/defaults';
import { compileRules } from '../../rules/registry';
import { pgyIn, type ProgramData } from '../../domain/program';
import type {
  Absence,
  AcademicYearId,
  Activity,
  CallPreference,
  DayType,
  HalfDay,
  IsoDate,
  IsoWeekday,
  Person,
  ProgramSettings,
  RuleConfig,
} from '../../domain/types';

const weekdays = new Map<IsoDate, IsoWeekday>();
/** ISO weekday of a date, memoised (the models ask for the same few hundred dates many times). */
export function weekdayOf(date: IsoDate): IsoWeekday {
  let w = weekdays.get(date);
  if (w === undefined) weekdays.set(date, (w = isoWeekday(date)));
  return w;
}

export interface Resident {
  person: Person;
  pgy: number;
}

/** Active residents with a PGY level in the year, ordered by PGY then name. */
export function residentsOf(data: ProgramData, year: AcademicYearId): Resident[] {
  return data.people
    .filter((p) => p.kind === 'resident' && p.active)
    .map((person) => ({ person, pgy: pgyIn(person, year) }))
    .filter((r): r is Resident => r.pgy !== null)
    .sort(
      (a, b) => a.pgy - b.pgy || a.person.name.localeCompare(b.person.name) || a.person.id.localeCompare(b.person.id),
    );
}

/** Active faculty the solver may schedule (adjunct faculty are never auto-scheduled). */
export function schedulableFaculty(data: ProgramData): Person[] {
  return data.people
    .filter((p) => p.kind === 'faculty' && p.active && p.facultyRole !== 'adjunct')
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

const availabilityMemo = new WeakMap<
  ProgramData,
  { absences: Absence[]; people: Person[]; settings: ProgramSettings; availability: Availability }
>();
/**
 * Who is available when (core/domain/availability: the definition the compliance engine checks),
 * memoised per program data object while its absences and settings stay the same objects.
 */
export function availabilityOf(data: ProgramData): Availability {
  const memo = availabilityMemo.get(data);
  if (memo && memo.absences === data.absences && memo.people === data.people && memo.settings === data.settings)
    return memo.availability;
  const availability = new Availability(data.absences, data.settings.absencePolicies, data.people);
  availabilityMemo.set(data, { absences: data.absences, people: data.people, settings: data.settings, availability });
  return availability;
}

/** "vacation 2026-08-03–2026-08-07 (requested)", "not in the program (after their last day, 8 Jan 2027)". */
export function absenceText(why: Unavailability): string {
  if (why.kind === 'outside') return `not in the program (${outsideWords(why.dates, why.date)})`;
  const a = why.absence;
  const part = a.part === undefined ? '' : ` ${partLabel(a.part)}`;
  const status = why.approved ? '' : ' (requested)';
  return (
    `${why.policy.name.toLowerCase()} ` + `${a.start}–${a.end}${part}${why.recovery ? ' (recovery days)' : ''}${status}`
  );
}

/** "Dr Lee is on vacation 2026-08-03–2026-08-07": why someone is not used. */
export function unavailableText(person: Person, why: Unavailability): string {
  return `${person.name} is ${why.kind === 'outside' ? '' : 'on '}${absenceText(why)}`;
}

/** Someone a requirement cannot use, as "<name> is <state>" ("on vacation 2026-08-03–2026-08-07"). */
export interface Unused {
  name: string;
  state: string;
}

/** The state of an approved absence, or null for none or a requested one. */
export function unusedFor(person: Person, why: Unavailability | null): Unused | null {
  return why?.approved ? { name: person.name, state: `on ${absenceText(why)}` } : null;
}

/**
 * Everyone with the same reason said once, a count and the first few names, not a page of them:
 * "F-APD, F-C1, F-C2 and 5 more are on tdy 2026-08-12–2026-08-12; F-PD is on the inpatient week".
 */
export function unusedText(list: Unused[]): string {
  const byState = new Map<string, string[]>();
  for (const u of list) byState.set(u.state, [...(byState.get(u.state) ?? []), u.name]);
  return [...byState]
    .map(([state, names]) => `${listText(names, 5)} ${names.length === 1 ? 'is' : 'are'} ${state}`)
    .join('; ');
}

/** Whether a call preference (the person's own, or their faculty role's) avoids a weekday. */
export function avoidsCallOn(
  preferences: readonly CallPreference[] | undefined,
  person: Person,
  weekday: IsoWeekday,
): boolean {
  return (preferences ?? []).some(
    (p) =>
      (p.personId === person.id || (p.personId === null && p.role !== null && p.role === person.facultyRole)) &&
      p.avoidWeekdays.includes(weekday),
  );
}

export function dayTypeMap(data: ProgramData): Map<IsoDate, DayType> {
  const m = new Map<IsoDate, DayType>();
  for (const h of data.holidays) m.set(h.date, h.dayType);
  return m;
}

/**
 * Enabled rules of a type with their parameters parsed by the compliance engine's own schemas
 * (defaults filled in), so the models read every parameter exactly as the checker does.
 */
export function compiledRulesOfType<P>(settings: ProgramSettings, type: string): { config: RuleConfig; params: P }[] {
  return compileRules(settings, null)
    .filter((r) => r.active.config.type === type)
    .map((r) => ({ config: r.active.config, params: r.active.params as P }));
}

/** Enabled rules of a type. */
export function rulesOfType(settings: ProgramSettings, type: string): RuleConfig[] {
  return settings.rules.filter((r) => r.enabled && r.type === type);
}

/** Whether a rule's scope covers a person (empty lists = everyone). */
export function ruleApplies(rule: RuleConfig, person: Person, pgy: number | null): boolean {
  if (rule.scope.kinds.length > 0 && !rule.scope.kinds.includes(person.kind)) return false;
  if (rule.scope.pgyLevels.length > 0 && (pgy === null || !rule.scope.pgyLevels.includes(pgy))) return false;
  return true;
}

export function numberParam(rule: RuleConfig, key: string): number {
  const v = rule.params[key];
  if (typeof v !== 'number' || !Number.isFinite(v))
    throw new Error(`Rule "${rule.id}": parameter "${key}" must be a number, got ${JSON.stringify(v)}`);
  return v;
}

export function stringParam(rule: RuleConfig, key: string): string {
  const v = rule.params[key];
  if (typeof v !== 'string' || v === '')
    throw new Error(`Rule "${rule.id}": parameter "${key}" must be a text, got ${JSON.stringify(v)}`);
  return v;
}

/** A soft-goal weight from the program's settings; keys the program lacks fall back to the defaults. */
export function weightOf(settings: ProgramSettings, key: string): number {
  const v = settings.solverWeights[key] ?? defaultSettings().solverWeights[key];
  if (v === undefined) throw new Error(`No solver weight "${key}" in the program settings or the defaults`);
  return v;
}

/** Real elapsed hours of an activity in one half of a date, in the program's time zone (DST-aware). */
export function activityHours(activity: Activity, half: HalfDay, date: IsoDate, timeZone: string): number {
  if (!activity.countsTowardDutyHours) return 0;
  const range = half === 'AM' ? activity.am : activity.pm;
  if (!range) return 0;
  return elapsedHours(date, range.start, range.end, timeZone);
}

/** Hours from `start` on `date` to `end` (the next day when end <= start), as real elapsed time. */
export function elapsedHours(date: IsoDate, start: string, end: string, timeZone: string): number {
  const from = DateTime.fromISO(`${date}T${start}`, { zone: timeZone });
  let to = DateTime.fromISO(`${date}T${end}`, { zone: timeZone });
  if (end <= start) to = DateTime.fromISO(`${addDays(date, 1)}T${end}`, { zone: timeZone });
  if (!from.isValid || !to.isValid) throw new Error(`Cannot compute hours for ${date} ${start}–${end} in ${timeZone}`);
  return to.diff(from, 'hours').hours;
}

export function activityMap(data: ProgramData): Map<string, Activity> {
  return new Map(data.activities.map((a) => [a.code, a]));
}

/** Look an activity code up, with an error naming what needs it. */
export function requireActivity(activities: Map<string, Activity>, code: string, neededFor: string): Activity {
  const a = activities.get(code);
  if (!a) throw new Error(`Activity "${code}" (${neededFor}) is not defined in the program's activities`);
  return a;
}

// Absences: days away from the program per academic year, and work scheduled while a person is
// unavailable. Availability has one definition (core/domain/availability): an approved absence of
// any type covers every half-day and call it overlaps, plus its policy's recovery days; a
// requested one is to be avoided (flagged low); a type's policy may relax it on purpose.
// Overlapping and duplicate absences are one stretch of time away: each fault is one finding.
import { z } from 'zod';
import { academicYearEnd, academicYearLabel, academicYearStart } from '../domain/calendar';
import { DEFAULT_AWAY_TYPES } from '../domain/defaults';
import { halvesOf, partLabel, type AbsenceGroup, type AbsenceUnavailability } from '../domain/availability';
import { inProgramOn, outsideWords, programDatesWords, programDaysIn } from '../domain/program-dates';
import { absenceTypeCode } from '../domain/schemas';
import { SEVERITIES, type Absence, type Finding, type InpatientWeek, type Severity, type Slot } from '../domain/types';
import { formatDate, formatDateRange, listShort, plural } from './explain';
import {
  makeFinding,
  overlaps,
  slotOf,
  type ActiveRule,
  type DaySpan,
  type PersonRule,
  type RuleContext,
} from './rule';
import { slotIndex, type PersonSchedule, type ScheduleState } from './state';

const severity = z.enum(SEVERITIES as [Severity, ...Severity[]]);

const awayParams = z.strictObject({
  warnDays: z.number().min(0),
  limitDays: z.number().min(0),
  warnSeverity: severity.default('medium'),
  /** Absence types that count as time away. */
  absenceTypes: z.array(absenceTypeCode).default([...DEFAULT_AWAY_TYPES]),
  /** Working days (Monday–Friday, holidays and closures left out) or every calendar day. */
  count: z.enum(['working_days', 'calendar_days']).default('working_days'),
});

/** Days that are not working days for the days-away count. */
const NON_WORKING = new Set(['federal_holiday', 'training_holiday', 'closure']);

export const daysAwayRule: PersonRule<z.output<typeof awayParams>> = {
  type: 'days_away',
  unit: 'person',
  params: awayParams,
  reachDays: () => 0,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { clock } = state;
    const p = rule.params;
    const out: Finding[] = [];
    const working = p.count === 'working_days';
    const what = working ? 'working days' : 'days';
    for (let year = clock.academicYearAt(span.from); year <= clock.academicYearAt(span.to); year++) {
      const first = clock.offsetOf(academicYearStart(year));
      const last = clock.offsetOf(academicYearEnd(year));
      // Half-days away, so duplicates count once and part-day absences count half a day.
      const away = new Uint8Array((last - first + 1) * 2);
      for (const a of ps.absences) {
        if (a.status !== 'approved' || !p.absenceTypes.includes(a.type)) continue;
        const halves = halvesOf(a.part);
        const from = Math.max(first, clock.offsetOf(a.start));
        const to = Math.min(last, clock.offsetOf(a.end));
        for (let d = from; d <= to; d++) {
          if (working && !isWorkingDay(state, d)) continue;
          for (const h of halves) away[(d - first) * 2 + (h === 'PM' ? 1 : 0)] = 1;
        }
      }
      const days = away.reduce((n, x) => n + x, 0) / 2;
      if (days < p.warnDays && days <= p.limitDays) continue;
      const over = days > p.limitDays;
      const label = academicYearLabel(year);
      const types = p.absenceTypes.map((t) => state.policyOf(t).name.toLowerCase());
      out.push(
        makeFinding(state, rule, {
          personId: ps.person.id,
          from: first,
          to: last,
          measured: days,
          limit: over ? p.limitDays : p.warnDays,
          unit: `${what} away`,
          severity: over ? undefined : p.warnSeverity,
          message: over
            ? `${plural(days, working ? 'working day' : 'day')} away in ${label}; limit ${p.limitDays}`
            : `${plural(days, working ? 'working day' : 'day')} away in ${label}; warning at ${p.warnDays}, limit ` +
              `${p.limitDays}`,
          explanation:
            `Approved absences (${listShort(types, 6)}) keep ${ps.person.name} away from the program ` +
            `${plural(days, working ? 'working day' : 'day')} in ${label}. The program allows at most ` +
            `${p.limitDays} ${what} a year and warns from ${p.warnDays}.`,
        }),
      );
    }
    return out;
  },
};

function isWorkingDay(state: ScheduleState, day: number): boolean {
  const { clock } = state;
  if (day < 0 || day >= clock.length) return true;
  return clock.weekday[day] <= 5 && !NON_WORKING.has(state.dayType[day]);
}

const conflictParams = z.strictObject({
  /** A call on an approved absence (the night is uncovered): critical by default. */
  callSeverity: severity.default('critical'),
  /** Work on a requested (not yet approved) absence. */
  requestedSeverity: severity.default('low'),
});
type ConflictParams = z.output<typeof conflictParams>;

/** "vacation Aug 3 – 7 (plus 3 recovery days)", "conference Aug 4 PM". */
export function describeAbsence(state: ScheduleState, a: Absence): string {
  const policy = state.policyOf(a.type);
  const part = a.part === undefined ? '' : ` ${partLabel(a.part)}`;
  const recovery = policy.recoveryDays ? ` (plus ${plural(policy.recoveryDays, 'recovery day')})` : '';
  return `${policy.name.toLowerCase()} ${formatDateRange(a.start, a.end)}${part}${recovery}`;
}

function describeGroup(state: ScheduleState, g: AbsenceGroup): string {
  return listShort(g.absences.map((a) => describeAbsence(state, a)));
}

/** An absence's requested/approved standing, in words for a finding. */
const standing = (approved: boolean) => (approved ? 'absent' : 'has requested time off');

export const absenceConflictRule: PersonRule<ConflictParams> = {
  type: 'absence_conflict',
  unit: 'person',
  params: conflictParams,
  reachDays: () => 0,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const availability = state.availability(ps);
    if (availability.empty) return [];
    const p = rule.params;
    const groups = [
      ...availability.groups(true).map((g) => ({ ...g, approved: true })),
      ...availability.groups(false).map((g) => ({ ...g, approved: false })),
    ];
    const groupOfAbsence = new Map<string, (typeof groups)[number]>();
    for (const g of groups) for (const a of g.absences) groupOfAbsence.set(a.id, g);
    const out: Finding[] = outsideProgramFindings(ctx, rule, ps, span);

    // Inpatient weeks over an absence: one finding per week, its own calls folded in.
    const weeks = inpatientWeekConflicts(ctx, rule, ps, span, out);

    // Half-days of work, over the whole of every group the span reaches (a finding is one group's
    // half-days, all of them) and no further: a trial edit checks a few weeks, not the year.
    const slotsOf = new Map<(typeof groups)[number], { slots: Slot[]; codes: Set<string> }>();
    const { clock } = state;
    let from = clock.length;
    let to = -1;
    for (const g of groups) {
      const range = { from: clock.offsetOf(g.start), to: clock.offsetOf(g.end) };
      if (!overlaps(range, span)) continue;
      from = Math.min(from, Math.max(0, range.from));
      to = Math.max(to, Math.min(clock.length - 1, range.to));
    }
    for (let day = from; day <= to; day++) {
      for (const half of ['AM', 'PM'] as const) {
        const list = ps.slots[slotIndex(day, half)];
        if (!list) continue;
        const date = clock.dates[day];
        for (const a of list) {
          if (state.activity(a.activityCode).category === 'time_off') continue;
          if (
            a.activityCode === ctx.options.inpatientWeekActivityCode &&
            weeks.some((w) => w.start <= date && date <= w.end)
          )
            continue;
          const why = availability.halfDay(date, half);
          if (why?.kind !== 'absence') continue;
          const g = groupOfAbsence.get(why.absence.id)!;
          let entry = slotsOf.get(g);
          if (!entry) slotsOf.set(g, (entry = { slots: [], codes: new Set() }));
          entry.slots.push(slotOf(state, slotIndex(day, half)));
          entry.codes.add(a.activityCode);
        }
      }
    }
    for (const [g, { slots, codes }] of slotsOf) {
      const range = { from: clock.offsetOf(g.start), to: clock.offsetOf(g.end) };
      if (!overlaps(range, span)) continue;
      const what = describeGroup(state, g);
      out.push(
        makeFinding(state, rule, {
          personId: ps.person.id,
          ...range,
          slots,
          measured: slots.length,
          limit: 0,
          unit: 'half-days',
          severity: g.approved ? undefined : p.requestedSeverity,
          key: g.approved ? 'half-days' : 'requested-half-days',
          message: `${plural(slots.length, 'half-day')} of work during ${g.approved ? '' : 'requested '}${what}`,
          explanation:
            `${ps.person.name} ${standing(g.approved)} (${what}), yet ${[...codes].sort().join(', ')} ` +
            `${slots.length === 1 ? 'is' : 'are'} scheduled on ` +
            `${listShort(slots.map((s) => `${formatDate(s.date)} ${s.half}`))}.` +
            (g.approved ? '' : ' Approve or deny the request, or move the work.'),
        }),
      );
    }

    // Calls (outside the inpatient weeks already reported).
    for (const c of ps.calls) {
      const day = clock.offsetOf(c.date);
      if (day < span.from || day > span.to) continue;
      if (weeks.some((w) => w.start <= c.date && c.date <= w.end)) continue;
      const type = state.callTypes.get(c.callTypeCode)!;
      const why = availability.call(c.date, type.start, type.end);
      if (why?.kind !== 'absence') continue;
      const what = describeAbsence(state, why.absence);
      const nightBefore = c.date < why.absence.start;
      out.push(
        makeFinding(state, rule, {
          personId: ps.person.id,
          from: day,
          to: day,
          measured: 1,
          limit: 0,
          unit: 'calls',
          severity: why.approved ? p.callSeverity : p.requestedSeverity,
          key: `call:${c.callTypeCode}`,
          message:
            `${c.callTypeCode} call on ${formatDate(c.date)} ${nightBefore ? 'runs into' : 'during'} ` +
            `${why.approved ? '' : 'requested '}${what}`,
          explanation:
            `${ps.person.name} is scheduled for ${type.name} on ${formatDate(c.date)} ` +
            `(${type.start}–${type.end}) but ${standing(why.approved)} ` +
            `(${what})${nightBefore ? '; the call ends on the morning the absence starts' : ''}.${callRelaxText(why)}`,
        }),
      );
    }
    return out;
  },
};

function callRelaxText(why: AbsenceUnavailability): string {
  const from = why.policy.relax.callsFrom;
  return from && !why.recovery ? ` ${why.policy.name} allows only calls starting at ${from} or later.` : '';
}

/** Inpatient weeks of a person overlapping an absence: each reported once (with its own calls). */
function inpatientWeekConflicts(
  ctx: RuleContext,
  rule: ActiveRule<ConflictParams>,
  ps: PersonSchedule,
  span: DaySpan,
  out: Finding[],
): InpatientWeek[] {
  const { state } = ctx;
  const { clock } = state;
  const p = rule.params;
  const availability = state.availability(ps);
  const found: InpatientWeek[] = [];
  for (const w of ps.inpatientWeeks) {
    const why = availability.inpatientWeek(w.start, w.end);
    if (why?.kind !== 'absence') continue;
    found.push(w);
    const range = { from: clock.offsetOf(w.start), to: clock.offsetOf(w.end) };
    if (!overlaps(range, span)) continue;
    // The week's own calls are part of it: one on an approved absence leaves a night uncovered.
    const callOnAbsence = ps.calls.some((c) => {
      if (c.date < w.start || c.date > w.end) return false;
      const type = state.callTypes.get(c.callTypeCode)!;
      return availability.call(c.date, type.start, type.end)?.approved === true;
    });
    const what = describeAbsence(state, why.absence);
    out.push(
      makeFinding(state, rule, {
        personId: ps.person.id,
        ...range,
        measured: 1,
        limit: 0,
        unit: 'inpatient weeks',
        severity: !why.approved ? p.requestedSeverity : callOnAbsence ? p.callSeverity : undefined,
        key: 'inpatient-week',
        message:
          `Inpatient week ${formatDateRange(w.start, w.end)} overlaps ` + `${why.approved ? '' : 'requested '}${what}`,
        explanation:
          `${ps.person.name} is the inpatient attending ${formatDateRange(w.start, w.end)} but ` +
          `${standing(why.approved)} ` +
          `(${what})${callOnAbsence ? ', including nights the attending is on call' : ''}. Give the week to ` +
          `someone else.`,
      }),
    );
  }
  return found;
}

/**
 * Work, calls and inpatient weeks outside the person's days in the program (core/domain/program-dates):
 * one finding for what lies before their first day and one for what lies after their last. Time off
 * there is nothing; plan entries of blocks wholly outside are the plan rule's (rotation_plan).
 */
function outsideProgramFindings(
  ctx: RuleContext,
  rule: ActiveRule<ConflictParams>,
  ps: PersonSchedule,
  span: DaySpan,
): Finding[] {
  const { state } = ctx;
  const { clock } = state;
  const person = ps.person;
  if (person.startDate === undefined && person.endDate === undefined) return [];
  const sides = new Map<
    'before' | 'after',
    { from: number; to: number; slots: Slot[]; calls: string[]; weeks: string[]; blocks: string[] }
  >();
  const note = (day: number) => {
    const date = clock.dateAt(day);
    const side = person.startDate !== undefined && date < person.startDate ? 'before' : 'after';
    let entry = sides.get(side);
    if (!entry) sides.set(side, (entry = { from: day, to: day, slots: [], calls: [], weeks: [], blocks: [] }));
    entry.from = Math.min(entry.from, day);
    entry.to = Math.max(entry.to, day);
    return entry;
  };
  const from = Math.max(0, span.from);
  const to = Math.min(clock.length - 1, span.to);
  for (let day = from; day <= to; day++) {
    if (inProgramOn(person, clock.dates[day])) continue;
    for (const half of ['AM', 'PM'] as const) {
      const list = ps.slots[slotIndex(day, half)];
      if (list?.some((a) => state.activity(a.activityCode).category !== 'time_off'))
        note(day).slots.push(slotOf(state, slotIndex(day, half)));
    }
  }
  for (const c of ps.calls) {
    const day = clock.offsetOf(c.date);
    if (day >= span.from && day <= span.to && !inProgramOn(person, c.date))
      note(day).calls.push(`${c.callTypeCode} ${formatDate(c.date)}`);
  }
  for (const w of ps.inpatientWeeks) {
    const range = { from: clock.offsetOf(w.start), to: clock.offsetOf(w.end) };
    if (!overlaps(range, span) || (inProgramOn(person, w.start) && inProgramOn(person, w.end))) continue;
    const outside = inProgramOn(person, w.start) ? range.to : range.from;
    note(outside).weeks.push(formatDateRange(w.start, w.end));
  }
  // Plan entries of (half-)blocks wholly outside: the resident cannot do that rotation there.
  for (const ra of ps.rotationAssignments) {
    const block = state.blockByKey.get(`${ra.academicYear}:${ra.blockNumber}`);
    if (!block) continue;
    const range = {
      from: ra.part === 'second' ? block.secondHalfDay : block.firstDay,
      to: ra.part === 'first' ? block.secondHalfDay - 1 : block.lastDay,
    };
    if (!overlaps(range, span) || programDaysIn(person, clock.dateAt(range.from), clock.dateAt(range.to)) > 0) continue;
    const half = ra.part === 'full' ? '' : ` (${ra.part} half)`;
    note(range.from).blocks.push(
      `${state.rotations.get(ra.rotationId)?.code ?? ra.rotationId} in block ${ra.blockNumber}${half}`,
    );
  }
  const out: Finding[] = [];
  for (const [side, e] of sides) {
    const what = [
      e.slots.length ? `${plural(e.slots.length, 'half-day')} of work` : '',
      e.calls.length ? plural(e.calls.length, 'call') : '',
      e.weeks.length ? plural(e.weeks.length, 'inpatient week') : '',
      e.blocks.length ? plural(e.blocks.length, 'plan entry', 'plan entries') : '',
    ].filter(Boolean);
    const where = outsideWords(person, clock.dateAt(e.from));
    out.push(
      makeFinding(state, rule, {
        personId: person.id,
        from: e.from,
        to: e.to,
        slots: e.slots,
        measured: e.slots.length + e.calls.length + e.weeks.length + e.blocks.length,
        limit: 0,
        unit: 'items',
        severity: e.calls.length || e.weeks.length ? rule.params.callSeverity : undefined,
        key: `outside-${side}`,
        message: `${listShort(what)} ${where}`,
        explanation: `${person.name} is in the program ${programDatesWords(person)}, yet has ${listShort([
          ...e.slots.map((s) => `${formatDate(s.date)} ${s.half}`),
          ...e.calls.map((c) => `${c} call`),
          ...e.weeks.map((w) => `the inpatient week ${w}`),
          ...e.blocks,
        ])} scheduled ${where}. Remove it or give it to someone in the program.`,
      }),
    );
  }
  return out;
}

// Absences: days away from the program per academic year, and work scheduled while a person is
// absent (half-days during a blocking absence or its recovery days; calls and inpatient weeks
// during any approved absence). Only approved absences count.
import { z } from 'zod';
import { academicYearEnd, academicYearLabel, academicYearStart } from '../domain/calendar';
import { ABSENCE_TYPES, SEVERITIES, type Absence, type AbsenceType, type Finding, type Severity, type Slot } from '../domain/types';
import { formatDateRange, formatDate, listShort, plural } from './explain';
import { makeFinding, overlaps, slotOf, type PersonRule } from './rule';
import { slotIndex, type ScheduleState } from './state';

const typeWords = (t: AbsenceType) => t.replace(/_/g, ' ');

const awayParams = z.strictObject({
  warnDays: z.number().int().min(0),
  limitDays: z.number().int().min(0),
  warnSeverity: z.enum(SEVERITIES as [Severity, ...Severity[]]).default('medium'),
  /** Absence types that count as away; empty = all. */
  absenceTypes: z.array(z.enum(ABSENCE_TYPES as [AbsenceType, ...AbsenceType[]])).default([]),
});

export const daysAwayRule: PersonRule<z.output<typeof awayParams>> = {
  type: 'days_away',
  unit: 'person',
  params: awayParams,
  reachDays: () => 0,
  check(ctx, rule, ps, span) {
    const { clock } = ctx.state;
    const p = rule.params;
    const out: Finding[] = [];
    for (let year = clock.academicYearAt(span.from); year <= clock.academicYearAt(span.to); year++) {
      const first = clock.offsetOf(academicYearStart(year));
      const last = clock.offsetOf(academicYearEnd(year));
      const away = new Uint8Array(last - first + 1);
      for (const a of ps.absences) {
        if (a.status !== 'approved' || (p.absenceTypes.length && !p.absenceTypes.includes(a.type))) continue;
        const from = Math.max(first, clock.offsetOf(a.start));
        const to = Math.min(last, clock.offsetOf(a.end));
        for (let d = from; d <= to; d++) away[d - first] = 1;
      }
      const days = away.reduce((n, x) => n + x, 0);
      if (days < p.warnDays && days <= p.limitDays) continue;
      const over = days > p.limitDays;
      const label = academicYearLabel(year);
      out.push(
        makeFinding(ctx.state, rule, {
          personId: ps.person.id,
          from: first,
          to: last,
          measured: days,
          limit: over ? p.limitDays : p.warnDays,
          unit: 'days away',
          severity: over ? undefined : p.warnSeverity,
          message: over
            ? `${plural(days, 'day')} away in ${label}; limit ${p.limitDays}`
            : `${plural(days, 'day')} away in ${label}; warning at ${p.warnDays}, limit ${p.limitDays}`,
          explanation: `Approved absences keep ${ps.person.name} away from the program ${plural(days, 'day')} in ${label}. The program allows at most ${p.limitDays} days a year and warns from ${p.warnDays}.`,
        }),
      );
    }
    return out;
  },
};

/** Days an absence keeps a person off work: its dates, plus recovery days when it blocks. */
function blockedRange(state: ScheduleState, a: Absence): { from: number; to: number; blocks: boolean; recoveryDays: number } {
  const { blocks, recoveryDays } = state.absenceBlocking(a);
  return { from: state.clock.offsetOf(a.start), to: state.clock.offsetOf(a.end) + recoveryDays, blocks, recoveryDays };
}

function describeAbsence(a: Absence, recoveryDays: number): string {
  const recovery = recoveryDays ? ` (plus ${plural(recoveryDays, 'recovery day')})` : '';
  return `${typeWords(a.type)} ${formatDateRange(a.start, a.end)}${recovery}`;
}

const conflictParams = z.strictObject({});

export const absenceConflictRule: PersonRule<z.output<typeof conflictParams>> = {
  type: 'absence_conflict',
  unit: 'person',
  params: conflictParams,
  reachDays: () => 0,
  check(ctx, rule, ps, span) {
    const { state } = ctx;
    const { clock } = state;
    const out: Finding[] = [];
    const absences = ps.absences.filter((a) => a.status === 'approved').sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    for (const a of absences) {
      const range = blockedRange(state, a);
      // Half-days of duty during a blocking absence or its recovery days.
      if (range.blocks && overlaps(range, span)) {
        const slots: Slot[] = [];
        const codes = new Set<string>();
        for (let day = Math.max(0, range.from); day <= Math.min(clock.length - 1, range.to); day++) {
          for (const half of ['AM', 'PM'] as const) {
            for (const x of ps.slots[slotIndex(day, half)] ?? []) {
              if (!state.activity(x.activityCode).countsTowardDutyHours) continue;
              slots.push(slotOf(state, slotIndex(day, half)));
              codes.add(x.activityCode);
            }
          }
        }
        if (slots.length) {
          const what = describeAbsence(a, range.recoveryDays);
          out.push(
            makeFinding(state, rule, {
              personId: ps.person.id,
              from: range.from,
              to: range.to,
              slots,
              measured: slots.length,
              limit: 0,
              unit: 'half-days',
              key: `${a.id}:half-days`,
              message: `${plural(slots.length, 'half-day')} of work during ${what}`,
              explanation: `${ps.person.name} is absent (${what}), and the absence policy for ${typeWords(a.type)} blocks scheduling, yet ${[...codes].sort().join(', ')} ${slots.length === 1 ? 'is' : 'are'} scheduled on ${listShort(slots.map((s) => `${formatDate(s.date)} ${s.half}`))}.`,
            }),
          );
        }
      }
      // Calls during any approved absence (and the recovery days of a blocking one).
      for (const c of ps.calls) {
        const day = clock.offsetOf(c.date);
        if (day < range.from || day > range.to || day < span.from || day > span.to) continue;
        const what = describeAbsence(a, range.recoveryDays);
        out.push(
          makeFinding(state, rule, {
            personId: ps.person.id,
            from: day,
            to: day,
            measured: 1,
            limit: 0,
            unit: 'calls',
            key: `${a.id}:call:${c.callTypeCode}`,
            message: `${c.callTypeCode} call on ${formatDate(c.date)} during ${what}`,
            explanation: `${ps.person.name} is scheduled for ${state.callTypes.get(c.callTypeCode)!.name} on ${formatDate(c.date)} while absent (${what}).`,
          }),
        );
      }
      // Inpatient weeks overlapping the absence.
      for (const w of ps.inpatientWeeks) {
        const from = Math.max(range.from, clock.offsetOf(w.start));
        const to = Math.min(range.to, clock.offsetOf(w.end));
        if (from > to || !overlaps({ from, to }, span)) continue;
        const what = describeAbsence(a, range.recoveryDays);
        out.push(
          makeFinding(state, rule, {
            personId: ps.person.id,
            from,
            to,
            measured: to - from + 1,
            limit: 0,
            unit: 'days',
            key: `${a.id}:inpatient:${w.start}`,
            message: `Inpatient week ${formatDateRange(w.start, w.end)} overlaps ${what}`,
            explanation: `${ps.person.name} has the inpatient week ${formatDateRange(w.start, w.end)} while absent (${what}); ${plural(to - from + 1, 'day')} overlap (${formatDateRange(clock.dateAt(from), clock.dateAt(to))}).`,
          }),
        );
      }
    }
    return out;
  },
};

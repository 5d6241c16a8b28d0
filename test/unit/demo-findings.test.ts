// The demo program should look like a real, well-run program when opened: validated by the
// compliance engine, the reference demo has no critical or high finding (the 24-hour L&D call
// across the daylight-saving fall-back night ends an hour earlier on the clock, as programs run
// it), and only a handful of medium and low ones a real program plausibly has. The profile is
// bounded by severity and rule so a generator regression shows up here; a 100-resident demo keeps
// the same quality in proportion, with faculty and resident call growing with it.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { generateProgram, residentsPerPgyFor } from '../../core/demo/generate';
import { datesInRange, isoWeekday } from '../../core/domain/calendar';
import type { ProgramData } from '../../core/domain/program';
import type { Finding } from '../../core/domain/types';
import { complianceInput, validate } from '../../core/rules';

const YEAR = { start: '2026-07-01', end: '2027-06-30' };
const reference = generateProgram({ seed: 20260701, academicYear: 2026 });
const referenceFindings = validate(complianceInput(reference, YEAR));

/** Findings counted by "severity rule", e.g. { 'low certification_expired': 5 }. */
function profile(findings: Finding[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of findings) out[`${f.severity} ${f.ruleId}`] = (out[`${f.severity} ${f.ruleId}`] ?? 0) + 1;
  return out;
}

/** The day before the fall-back night (the night with 25 hours) in the program's time zone. */
function fallBackEve(data: ProgramData): string {
  const zone = data.settings.timeZone;
  const days = datesInRange(YEAR.start, YEAR.end);
  const offset = (date: string) => DateTime.fromISO(`${date}T12:00`, { zone }).offset;
  const eve = days.find((d, i) => i + 1 < days.length && offset(days[i + 1]) < offset(d));
  if (!eve) throw new Error(`no fall-back night in ${zone}`);
  return eve;
}

/**
 * No critical or high finding, though 24-hour L&D calls cross the fall-back night (they end an hour earlier on the
 * clock).
 */
function expectNoSeriousFinding(data: ProgramData, findings: Finding[]) {
  const eve = fallBackEve(data);
  expect(data.calls.filter((c) => c.callTypeCode === 'LD' && c.date === eve).length).toBeGreaterThan(0);
  expect(findings.filter((f) => f.severity === 'critical' || f.severity === 'high').map((f) => f.message)).toEqual([]);
}

describe('the reference demo program, validated', () => {
  it('has no critical or high finding, the L&D call across the fall-back night included', () => {
    expect(fallBackEve(reference)).toBe('2026-10-31');
    expectNoSeriousFinding(reference, referenceFindings);
  });

  it(
    'has only a handful of medium and low findings: a few expiring certifications, at most a resident near the ' +
      'days-away warning',
    () => {
      const counts = profile(referenceFindings);
      const minor = referenceFindings.filter((f) => f.severity === 'medium' || f.severity === 'low');
      expect(minor.length).toBeLessThan(15);
      // Only these rules may fire at all: no clinic over capacity, no unprecepted slot, no faculty
      // short of their weekly clinic, no rest, day-off or call-frequency problem.
      const allowed = ['low certification_expired', 'medium days_away'];
      expect(Object.keys(counts).filter((k) => !allowed.includes(k))).toEqual([]);
      expect(counts['low certification_expired']).toBeGreaterThanOrEqual(1);
      expect(counts['low certification_expired']).toBeLessThanOrEqual(10);
      expect(counts['medium days_away'] ?? 0).toBeLessThanOrEqual(3);
      // "Near the warning": whoever is flagged is at the warning, never past the limit.
      for (const f of referenceFindings.filter((x) => x.ruleId === 'days_away')) expect(f.measured).toBeLessThan(28);
    },
  );

  it('gives core faculty four to six clinic half-days in every full week they are available', () => {
    const holidays = new Set(reference.holidays.map((h) => h.date));
    const away = new Set<string>();
    for (const a of reference.absences.filter((x) => x.status === 'approved'))
      for (const d of datesInRange(a.start, a.end)) away.add(`${a.personId}:${d}`);
    for (const w of reference.inpatientWeeks)
      for (const d of datesInRange(w.start, w.end)) away.add(`${w.personId}:${d}`);
    const timeOff = new Set(reference.activities.filter((a) => a.category === 'time_off').map((a) => a.code));
    const core = reference.people.filter((p) => p.facultyRole === 'core').map((p) => p.id);
    const weekdays = datesInRange(YEAR.start, YEAR.end).filter((d) => isoWeekday(d) <= 5);
    const cells = new Map(reference.assignments.map((a) => [`${a.personId}:${a.date}:${a.half}`, a.activityCode]));
    let fullWeeks = 0;
    for (const id of core) {
      const weeks = new Map<string, string[]>();
      for (const d of weekdays) {
        const monday = DateTime.fromISO(d).startOf('week').toISODate()!;
        weeks.set(monday, [...(weeks.get(monday) ?? []), d]);
      }
      for (const days of weeks.values()) {
        if (days.length < 5 || days.some((d) => holidays.has(d) || away.has(`${id}:${d}`))) continue;
        const codes = days.flatMap((d) => [cells.get(`${id}:${d}:AM`)!, cells.get(`${id}:${d}:PM`)!]);
        if (codes.some((c) => timeOff.has(c))) continue; // post-call afternoons scale the minimum down
        fullWeeks++;
        const clinic = codes.filter((c) => c === 'C').length;
        expect(clinic, `${id} in the week of ${days[0]}`).toBeGreaterThanOrEqual(4);
        expect(clinic, `${id} in the week of ${days[0]}`).toBeLessThanOrEqual(6);
      }
    }
    expect(fullWeeks).toBeGreaterThan(50);
  });
});

describe('a 100-resident demo program', () => {
  const big = generateProgram({ seed: 20260701, academicYear: 2026, residentsPerPgy: residentsPerPgyFor(100) });
  const findings = validate(complianceInput(big, YEAR));

  it('grows its faculty and resident call with the program; faculty call stays one a night', () => {
    const faculty = (d: ProgramData) => d.people.filter((p) => p.kind === 'faculty').length;
    const calls = (d: ProgramData, code: string) => d.calls.filter((c) => c.callTypeCode === code).length;
    expect(faculty(big)).toBeGreaterThanOrEqual(5 * faculty(reference));
    expect(calls(big, 'LD')).toBeGreaterThanOrEqual(5 * calls(reference, 'LD'));
    expect(calls(big, 'OC')).toBe(calls(reference, 'OC'));
    // Every PGY level shares the L&D call.
    const pgyOf = new Map(big.people.map((p) => [p.id, p.pgyByYear['2026']]));
    const byLevel = [1, 2, 3].map(
      (l) => big.calls.filter((c) => c.callTypeCode === 'LD' && pgyOf.get(c.personId) === l).length,
    );
    for (const n of byLevel) expect(n).toBeGreaterThan(calls(big, 'LD') / 6);
  });

  it('keeps the reference quality in proportion', () => {
    expectNoSeriousFinding(big, findings);
    const counts = profile(findings);
    const minor = findings.filter((f) => f.severity === 'medium' || f.severity === 'low');
    expect(minor.length).toBeLessThan((15 * 100) / 17);
    for (const rule of [
      'clinic_capacity',
      'supervision',
      'acgme_day_off',
      'acgme_80h',
      'acgme_call_frequency',
      'consecutive_days',
    ])
      expect(Object.keys(counts).filter((k) => k.endsWith(` ${rule}`))).toEqual([]);
    // Faculty weeks short of the clinic minimum: a rare tight week at most (71 faculty × 52 weeks).
    expect(counts['low faculty_weekly_halfdays'] ?? 0).toBeLessThanOrEqual(10);
  });
});

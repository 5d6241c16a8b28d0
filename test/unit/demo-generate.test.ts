// The demo generator: deterministic per seed, the reference program's shape, a complete
// schedule (every resident has a rotation in every block, every person an activity in every slot)
// and the program policies it is meant to respect.
import { describe, expect, it } from 'vitest';
import { blocksForYear, datesInRange, isoWeekday } from '../../core/domain/calendar';
import { generateProgram, residentsPerPgyFor } from '../../core/demo/generate';
import * as S from '../../core/domain/schemas';

const reference = generateProgram({ seed: 20260701, academicYear: 2026 });
const residents = reference.people.filter((p) => p.kind === 'resident');
const faculty = reference.people.filter((p) => p.kind === 'faculty');
const blocks = blocksForYear(2026, reference.settings.blockLayout);
const rotationById = new Map(reference.rotations.map((r) => [r.id, r]));

describe('generateProgram', () => {
  it('is deterministic: the same seed gives the same program, another seed another', () => {
    expect(generateProgram({ seed: 20260701, academicYear: 2026 })).toEqual(reference);
    expect(generateProgram({ seed: 2, academicYear: 2026 }).people.map((p) => p.name)).not.toEqual(
      reference.people.map((p) => p.name),
    );
  });

  it('has the reference shape: 6/6/5 residents, 12 faculty with real roles, ~20 rotations', () => {
    const byPgy = [1, 2, 3].map((l) => residents.filter((r) => r.pgyByYear['2026'] === l).length);
    expect(byPgy).toEqual([6, 6, 5]);
    expect(faculty).toHaveLength(12);
    const roles = faculty.map((f) => f.facultyRole);
    for (const role of ['pd', 'apd', 'oic', 'chief', 'sports_med', 'adjunct']) expect(roles).toContain(role);
    expect(roles.filter((r) => r === 'core').length).toBeGreaterThanOrEqual(5);
    expect(reference.rotations.length).toBeGreaterThanOrEqual(18);
    expect(reference.rotations.length).toBeLessThanOrEqual(26);
    expect(new Set(reference.people.map((p) => p.name)).size).toBe(reference.people.length);
  });

  it('has about 100 resident and 70 faculty absences, mostly vacation and conference', () => {
    const ofResidents = reference.absences.filter((a) => a.personId.startsWith('res-'));
    const ofFaculty = reference.absences.filter((a) => a.personId.startsWith('fac-'));
    expect(ofResidents.length).toBeGreaterThanOrEqual(80);
    expect(ofResidents.length).toBeLessThanOrEqual(120);
    expect(ofFaculty.length).toBeGreaterThanOrEqual(55);
    expect(ofFaculty.length).toBeLessThanOrEqual(90);
    const common = reference.absences.filter((a) => a.type === 'vacation' || a.type === 'conference').length;
    expect(common / reference.absences.length).toBeGreaterThan(0.6);
  });

  it('holds each conference on consecutive working days of one week: days at a conference are not days off', () => {
    // A conference across a weekend or a closed holiday would take those days off with it
    // (core/rules/windows awayNotOnLeaveCoverage), so the demo never draws one.
    const big = generateProgram({ seed: 7, academicYear: 2026, residentsPerPgy: residentsPerPgyFor(100) });
    for (const program of [reference, big]) {
      const closed = new Set(program.holidays.filter((h) => h.dayType !== 'minimal_manning').map((h) => h.date));
      const conferences = program.absences.filter((a) => a.type === 'conference');
      expect(conferences.length).toBeGreaterThan(10);
      for (const c of conferences) {
        const days = datesInRange(c.start, c.end);
        const bad = days.filter((d) => isoWeekday(d) >= 6 || closed.has(d));
        expect(bad, `${c.personId} ${c.start}..${c.end}`).toEqual([]);
        expect(isoWeekday(c.end) - isoWeekday(c.start)).toBe(days.length - 1);
      }
    }
  });

  it('gives every resident a rotation in every block (whole, or both halves)', () => {
    for (const r of residents)
      for (const b of blocks) {
        const parts = reference.rotationAssignments
          .filter((a) => a.personId === r.id && a.blockNumber === b.number)
          .map((a) => a.part)
          .sort();
        expect([['full'], ['first', 'second']]).toContainEqual(parts);
      }
  });

  it('puts exactly one resident per PGY level on FMIT each block and at most one on night float at a time', () => {
    for (const b of blocks) {
      const onFmit = reference.rotationAssignments.filter(
        (a) => a.blockNumber === b.number && a.rotationId === 'rot-fmit',
      );
      const levels = onFmit.map((a) => residents.find((r) => r.id === a.personId)!.pgyByYear['2026']).sort();
      expect(levels).toEqual([1, 2, 3]);
      for (const part of ['first', 'second'] as const) {
        const nf = reference.rotationAssignments.filter(
          (a) => a.blockNumber === b.number && a.rotationId === 'rot-nf' && (a.part === part || a.part === 'full'),
        );
        expect(nf.length).toBeLessThanOrEqual(1);
      }
    }
  });

  it('gives every person exactly one activity in every slot of the year, all known codes', () => {
    const days = datesInRange('2026-07-01', '2027-06-30');
    expect(reference.assignments).toHaveLength(reference.people.length * days.length * 2);
    const keys = new Set(reference.assignments.map((a) => `${a.personId}:${a.date}:${a.half}`));
    expect(keys.size).toBe(reference.assignments.length);
    const codes = new Set(reference.activities.map((a) => a.code));
    for (const a of reference.assignments) expect(codes.has(a.activityCode)).toBe(true);
  });

  it('follows the standing rules: weekends, Wednesday lecture except exempt rotations, night float OFF/NF', () => {
    const rotationOn = (personId: string, date: string) => {
      const block = blocks.find((b) => b.start <= date && date <= b.end)!;
      const entries = reference.rotationAssignments.filter(
        (a) => a.personId === personId && a.blockNumber === block.number,
      );
      const entry = entries.find(
        (a) => a.part === 'full' || (a.part === 'first' ? date < block.secondHalfStart : date >= block.secondHalfStart),
      )!;
      return rotationById.get(entry.rotationId)!;
    };
    const holidays = new Set(reference.holidays.map((h) => h.date));
    let checkedLecture = 0;
    for (const a of reference.assignments) {
      if (!a.personId.startsWith('res-') || a.source === 'preload') continue;
      const rotation = rotationOn(a.personId, a.date);
      const wd = isoWeekday(a.date);
      if (wd === 6 && !rotation.worksWeekends) expect(['W', 'PC']).toContain(a.activityCode);
      if (wd === 3 && a.half === 'PM' && !holidays.has(a.date) && !['PC'].includes(a.activityCode)) {
        if (rotation.exemptFrom.includes('wednesday_lecture')) expect(['LEC', 'ADV']).not.toContain(a.activityCode);
        else {
          expect(['LEC', 'ADV']).toContain(a.activityCode);
          checkedLecture++;
        }
      }
      if (rotation.code === 'NF' && [1, 2, 3, 4, 7].includes(wd))
        expect(a.activityCode).toBe(a.half === 'AM' ? 'OFF' : 'NF');
    }
    expect(checkedLecture).toBeGreaterThan(500);
  });

  it('schedules faculty overnight call Sunday–Thursday, FMIT weeks Friday–Thursday, and 24-hour L&D call', () => {
    const overnight = reference.calls.filter((c) => c.callTypeCode === 'OC');
    for (const c of overnight) expect([7, 1, 2, 3, 4]).toContain(isoWeekday(c.date));
    expect(new Set(overnight.map((c) => c.date)).size).toBe(overnight.length);
    expect(overnight.length).toBeGreaterThan(250);
    expect(reference.inpatientWeeks.length).toBeGreaterThanOrEqual(51);
    for (const w of reference.inpatientWeeks) {
      expect(isoWeekday(w.start)).toBe(5);
      expect(isoWeekday(w.end)).toBe(4);
      // The FMIT attending takes no Sunday–Thursday call that week.
      expect(overnight.some((c) => c.personId === w.personId && c.date >= w.start && c.date <= w.end)).toBe(false);
    }
    const ld = reference.calls.filter((c) => c.callTypeCode === 'LD');
    expect(ld.length).toBeGreaterThan(100);
    for (const c of ld) expect(c.personId.startsWith('res-')).toBe(true);
  });

  it('produces data that passes the entity schemas', () => {
    for (const p of reference.people) expect(S.personSchema.safeParse(p).success).toBe(true);
    for (const r of reference.rotations) expect(S.rotationSchema.safeParse(r).success).toBe(true);
    for (const a of reference.activities) expect(S.activitySchema.safeParse(a).success).toBe(true);
    for (const a of reference.absences) expect(S.absenceSchema.safeParse(a).success).toBe(true);
    expect(S.programSettingsSchema.safeParse(reference.settings).success).toBe(true);
  });

  // How fast is bench:solve's business (it prints the generator's time with its figures), not a test's.
  it('scales to 100 residents', () => {
    const big = generateProgram({ seed: 1, academicYear: 2027, residentsPerPgy: residentsPerPgyFor(100) });
    expect(big.people.filter((p) => p.kind === 'resident')).toHaveLength(100);
    expect(big.assignments).toHaveLength(big.people.length * datesInRange('2027-07-01', '2028-06-30').length * 2);
  });

  it('rejects impossible options with a clear message', () => {
    expect(() => generateProgram({ seed: 1, academicYear: 2026, residentsPerPgy: [] })).toThrow(/residentsPerPgy/);
    expect(() => generateProgram({ seed: 1, academicYear: 2026, facultyCount: 3 })).toThrow(
      /facultyCount must be at least 7/,
    );
  });
});

// Weekly hours and the rolling 28-day average, hand-computed on one resident whose schedule is
// replaced by a few known items: a week of 12-hour days, a moonlighting shift, leave that the
// 80-hour rule leaves out of the average, and a 24-hour call on the spring-forward night (23 h).
import { describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import type { ProgramData } from '../../core/domain/program';
import { yearHours } from '../../core/services/compliance/hours';

const base = generateProgram({
  seed: 11,
  academicYear: 2026,
  residentsPerPgy: [3, 3, 3],
  facultyCount: 8,
  learnerCount: 0,
});
const WHO = 'res-04';

function scheduleFor(
  extra: Partial<Pick<ProgramData, 'assignments' | 'calls' | 'absences' | 'moonlighting'>>,
): ProgramData {
  const others = <T extends { personId: string }>(list: T[]) => list.filter((x) => x.personId !== WHO);
  return {
    ...base,
    settings: { ...base.settings, timeZone: 'America/New_York' },
    assignments: [...others(base.assignments), ...(extra.assignments ?? [])],
    calls: [...others(base.calls), ...(extra.calls ?? [])],
    absences: [...others(base.absences), ...(extra.absences ?? [])],
    moonlighting: [...others(base.moonlighting), ...(extra.moonlighting ?? [])],
    inpatientWeeks: others(base.inpatientWeeks),
  };
}

const emWeek = [
  '2027-01-04',
  '2027-01-05',
  '2027-01-06',
  '2027-01-07',
  '2027-01-08',
  '2027-01-09',
  '2027-01-10',
].flatMap((date) =>
  (['AM', 'PM'] as const).map((half) => ({
    personId: WHO,
    date,
    half,
    activityCode: 'EM',
    source: 'manual' as const,
    locked: true,
  })),
);

/** Five hours of moonlighting on a Saturday evening. */
const eveningShift = {
  id: 'ml-1',
  personId: WHO,
  start: '2027-01-16T18:00',
  end: '2027-01-16T23:00',
  internal: false,
  approved: true,
};

function weeksOf(data: ProgramData) {
  const result = yearHours(data, 2026, [WHO]);
  const [resident] = result.residents;
  return { result, resident, week: (start: string) => resident.weeks.find((w) => w.start === start)! };
}

describe('weekly hours', () => {
  it('sums real duty hours per ISO week and averages the 28 days ending each Sunday', () => {
    const { result, resident, week } = weeksOf(
      scheduleFor({
        assignments: emWeek,
        moonlighting: [eveningShift],
      }),
    );
    expect(result).toMatchObject({ academicYear: 2026, limitHours: 80, windowDays: 28, includeMoonlighting: true });
    expect(resident.weeks).toHaveLength(53);
    expect(resident.weeks[0]).toMatchObject({ start: '2026-06-29', end: '2026-07-05', hours: 0 });
    // EM is 07:00–13:00 and 13:00–19:00: 12 hours a day.
    expect(week('2027-01-04')).toEqual({ start: '2027-01-04', end: '2027-01-10', hours: 84, rolling: 21, peak: 21 });
    // Moonlighting counts toward the 80 hours: (84 + 5) h over 28 days = 22.25 h a week.
    expect(week('2027-01-11')).toEqual({ start: '2027-01-11', end: '2027-01-17', hours: 5, rolling: 22.3, peak: 22.3 });
    expect(week('2027-02-01').rolling).toBe(1.3); // only the 5 moonlighting hours left in 28 days
    expect(resident).toMatchObject({ maxAverage: 22.3, maxAverageEnds: '2027-01-16', weeksOver: 0 });
  });

  it('leaves approved leave days out of the average, as the 80-hour rule does', () => {
    const { week } = weeksOf(
      scheduleFor({
        assignments: emWeek,
        absences: [
          {
            id: 'lv-1',
            personId: WHO,
            type: 'vacation',
            start: '2027-01-18',
            end: '2027-01-31',
            status: 'approved',
            note: null,
          },
        ],
      }),
    );
    // Jan 4–31: 84 hours over 14 days that are not leave = 42 h a week.
    expect(week('2027-01-25').rolling).toBe(42);
    // A denied request changes nothing: 84 h over 28 days.
    const denied = weeksOf(
      scheduleFor({
        assignments: emWeek,
        absences: [
          {
            id: 'lv-1',
            personId: WHO,
            type: 'vacation',
            start: '2027-01-18',
            end: '2027-01-31',
            status: 'denied',
            note: null,
          },
        ],
      }),
    );
    expect(denied.week('2027-01-25').rolling).toBe(21);
  });

  it('counts a 24-hour call on the spring-forward night as 23 hours', () => {
    const { week } = weeksOf(
      scheduleFor({ calls: [{ date: '2027-03-13', callTypeCode: 'LD', personId: WHO, source: 'manual' }] }),
    );
    // Sat 13 Mar 07:00 to Sun 14 Mar 07:00 EDT; the week of Mon 8 Mar holds all of it.
    expect(week('2027-03-08').hours).toBe(23);
  });

  it("gives one person's hours from their part of the program alone, equal to their row of everyone's", () => {
    // Moonlighting, leave left out of the average, and a 24-hour call crossing midnight: the page a
    // resident opens and the Compliance view's chart show the same figures.
    const data = scheduleFor({
      assignments: emWeek,
      moonlighting: [eveningShift],
      absences: [
        {
          id: 'lv-1',
          personId: WHO,
          type: 'vacation',
          start: '2027-01-25',
          end: '2027-01-29',
          status: 'approved',
          note: null,
        },
      ],
      calls: [{ date: '2027-01-20', callTypeCode: 'LD', personId: WHO, source: 'manual' }],
    });
    const everyone = yearHours(data, 2026);
    const mine = yearHours(data, 2026, [WHO]);
    const row = everyone.residents.find((r) => r.personId === WHO)!;
    expect(mine).toEqual({ ...everyone, residents: [row] });
    // The row holds all three: 84 h of EM + 5 h moonlighting, the 24-hour call, leave days left out.
    expect(row.weeks.find((w) => w.start === '2027-01-11')!.hours).toBe(5);
    expect(row.weeks.find((w) => w.start === '2027-01-18')!.hours).toBe(24);
    expect(row.weeks.find((w) => w.start === '2027-01-25')!.rolling).toBe(Math.round(((84 + 5 + 24) / 23) * 70) / 10);
  });

  it("reads no one else's rows for one person's hours (another person's unreadable row does not stop them)", () => {
    const data = scheduleFor({ assignments: emWeek });
    const broken = {
      ...data,
      assignments: [...data.assignments, { ...emWeek[0], personId: 'res-01', activityCode: 'NO-SUCH-ACTIVITY' }],
    };
    expect(() => yearHours(broken, 2026)).toThrow(/NO-SUCH-ACTIVITY/);
    expect(yearHours(broken, 2026, [WHO])).toEqual(yearHours(data, 2026, [WHO]));
  });

  it('draws no limit when the 80-hour rule is off, and lists only residents of the year', () => {
    const data = scheduleFor({ assignments: emWeek });
    const off = {
      ...data,
      settings: {
        ...data.settings,
        rules: data.settings.rules.map((r) => (r.type === 'acgme_80h' ? { ...r, enabled: false } : r)),
      },
    };
    const result = yearHours(off, 2026);
    expect(result.limitHours).toBeNull();
    expect(result.residents.map((r) => r.pgy)).toEqual([3, 3, 3, 2, 2, 2, 1, 1, 1]);
    expect(result.residents.find((r) => r.personId === WHO)!.weeks.find((w) => w.start === '2027-01-04')!.hours).toBe(
      84,
    );
  });
});

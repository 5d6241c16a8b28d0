// The block half-day model: each hard rule on a small block where it binds, the solution checked
// by the compliance engine (supervision, capacity, standing slots, post-call, ACGME, absences,
// faculty limits) or by independent counting; an infeasible block gets a diagnosis.
import { describe, expect, it } from 'vitest';
import { addDays, datesInRange, isoWeekday } from '../../core/domain/calendar';
import type { ProgramData } from '../../core/domain/program';
import type { CallAssignment, InpatientWeek, RotationAssignment } from '../../core/domain/types';
import { getBackend } from '../../core/solver/backends';
import { runGeneration, withGenerated } from '../../core/solver/models/generate';
import { buildBlockScheduleModel, type BlockScheduleResult } from '../../core/solver/models/halfday';
import { solveGeneration } from '../../core/solver/models/solve';
import { findingsOf, rotation, smallProgram, weekPattern, YEAR } from './generate-fixture';

const BLOCK = 2;
const START = '2026-07-30';
const END = '2026-08-26';

/** Block 2 of smallProgram() with a plan, overnight calls and inpatient weeks. */
function blockProgram(): ProgramData {
  const data = smallProgram();
  const plan: [string, string, string?][] = [
    ['PGY1-01', 'FMIT'],
    ['PGY2-01', 'FMIT'],
    ['PGY3-01', 'FMIT'],
    ['PGY2-02', 'NF', 'CARD'],
    ['PGY1-02', 'CLIN'],
    ['PGY1-03', 'CARD'],
    ['PGY2-03', 'ELEC'],
    ['PGY3-02', 'CLIN'],
    ['PGY3-03', 'ELEC'],
  ];
  const entry = (personId: string, code: string, part: RotationAssignment['part']): RotationAssignment => ({
    personId,
    academicYear: YEAR,
    blockNumber: BLOCK,
    part,
    rotationId: `rot-${code}`,
  });
  for (const [id, a, b] of plan)
    data.rotationAssignments.push(...(b ? [entry(id, a, 'first'), entry(id, b, 'second')] : [entry(id, a, 'full')]));
  const weeks: InpatientWeek[] = ['F-C1', 'F-C2', 'F-C3', 'F-C4', 'F-C5'].map((personId, i) => ({
    personId,
    start: addDays('2026-07-24', 7 * i),
    end: addDays('2026-07-30', 7 * i),
  }));
  const calls: CallAssignment[] = [];
  const pool = ['F-APD', 'F-C5', 'F-C6', 'F-C1', 'F-C2', 'F-C3', 'F-C4', 'F-PD'];
  let turn = 0;
  for (const d of datesInRange(START, END)) {
    const week = weeks.find((w) => w.start <= d && d <= w.end)!;
    if (isoWeekday(d) === 5 || isoWeekday(d) === 6) {
      calls.push({ date: d, callTypeCode: 'WKND', personId: week.personId, source: 'solver' });
      continue;
    }
    // Not the week's attending, nor next week's (the night before their week), nor the PD on Tuesday.
    const next = weeks.find((w) => w.start === addDays(d, 1));
    let who = pool[turn++ % pool.length];
    while (who === week.personId || who === next?.personId || (who === 'F-PD' && isoWeekday(d) === 2))
      who = pool[turn++ % pool.length];
    calls.push({ date: d, callTypeCode: 'OC', personId: who, source: 'solver' });
  }
  data.calls = calls;
  data.inpatientWeeks = weeks;
  return data;
}

async function schedule(data: ProgramData, backend = getBackend('highs')) {
  return solveGeneration(buildBlockScheduleModel(data, { academicYear: YEAR, blockNumber: BLOCK }), backend, {
    timeLimitSec: 30,
  });
}

async function solved(data: ProgramData): Promise<{ result: BlockScheduleResult; merged: ProgramData }> {
  const out = await schedule(data);
  expect(out.status, out.message).toBe('optimal');
  const result = out.result!;
  const ids = new Set(result.personIds);
  const merged = {
    ...data,
    assignments: [
      ...data.assignments.filter((a) => !ids.has(a.personId) || a.date < START || a.date > END),
      ...result.assignments,
    ],
  };
  return { result, merged };
}

const cell = (r: BlockScheduleResult, personId: string, date: string, half: 'AM' | 'PM') =>
  r.assignments.filter((a) => a.personId === personId && a.date === date && a.half === half);

describe('block half-day schedule', () => {
  it('fills every slot once, following patterns, standing rules, post-call days and inpatient weeks', async () => {
    const data = blockProgram();
    const { result, merged } = await solved(data);
    const people = data.people.filter((p) => p.kind === 'resident' || p.kind === 'faculty');
    for (const p of people)
      for (const d of datesInRange(START, END))
        for (const h of ['AM', 'PM'] as const) expect(cell(result, p.id, d, h), `${p.id} ${d} ${h}`).toHaveLength(1);
    // FMIT pattern cells; weekends off for clinic rotations; the lecture on Wednesday afternoon.
    expect(cell(result, 'PGY1-01', '2026-08-04', 'AM')[0].activityCode).toBe('FMIT');
    expect(cell(result, 'PGY1-02', '2026-08-01', 'AM')[0].activityCode).toBe('W');
    expect(cell(result, 'PGY1-02', '2026-08-05', 'PM')[0].activityCode).toBe('LEC');
    expect(cell(result, 'PGY1-02', '2026-08-26', 'PM')[0].activityCode).toBe('ADV'); // last Wednesday of the block
    // The attending of the week 7–13 Aug is on the inpatient service all week and off the Friday after.
    for (const d of datesInRange('2026-08-07', '2026-08-13'))
      expect(cell(result, 'F-C3', d, 'AM')[0].activityCode).toBe('FMIT');
    expect(cell(result, 'F-C3', '2026-08-14', 'AM')[0].activityCode).toBe('OFF');
    const rules = [
      'wednesday_lecture',
      'post_call',
      'double_booking',
      'call_during_inpatient_week',
      'credential_missing',
    ];
    expect(findingsOf(merged, START, END, rules)).toEqual([]);
  });

  it('schedules enough supervising faculty in every slot (compliance engine), and says why', async () => {
    const data = blockProgram();
    const { result, merged } = await solved(data);
    expect(findingsOf(merged, START, END, ['supervision'])).toEqual([]);
    const precepting = new Set(
      result.assignments.filter((a) => a.activityCode === 'AT').map((a) => `slot:${a.personId}:${a.date}:${a.half}`),
    );
    expect(precepting.size).toBeGreaterThan(10);
    const why = result.explanations.filter((e) => precepting.has(e.key));
    expect(why.length).toBe(precepting.size);
    for (const e of why)
      expect(e.reasons.map((r) => r.text).join(' | ')).toMatch(
        /learners need \d+ supervision units, so \d+ supervising faculty \(\d+ scheduled\)/,
      );
  });

  it('keeps the clinic within its hard capacity when the limit binds', async () => {
    const data = blockProgram();
    data.settings.rules = data.settings.rules.map((r) =>
      r.type === 'clinic_capacity' ? { ...r, params: { ...r.params, soft: 1, hard: 2 } } : r,
    );
    const { result, merged } = await solved(data);
    const counting = new Set(data.activities.filter((a) => a.countsTowardClinicCapacity).map((a) => a.code));
    const perSlot = new Map<string, number>();
    for (const a of result.assignments)
      if (counting.has(a.activityCode))
        perSlot.set(`${a.date}:${a.half}`, (perSlot.get(`${a.date}:${a.half}`) ?? 0) + 1);
    expect(Math.max(...perSlot.values())).toBe(2); // binds: clinic rotations want more
    expect(findingsOf(merged, START, END, ['clinic_capacity']).filter((f) => f.severity === 'high')).toEqual([]);
  });

  it(
    'runs a quarter of a fixed clinic on a training holiday: the others are off, the block is ' + 'still made',
    async () => {
      const data = blockProgram();
      // The clinic rotation's pattern fixes clinic every weekday morning (a real program's template);
      // on a training holiday the clinic takes a quarter of its 4 rooms: 1 of the 2 residents on it.
      const clin = data.rotations.find((r) => r.code === 'CLIN')!;
      clin.pattern = [weekPattern(['C', null])];
      data.settings.rules = data.settings.rules.map((r) =>
        r.type === 'clinic_capacity' ? { ...r, params: { ...r.params, soft: 4, hard: 4 } } : r,
      );
      data.holidays.push({ date: '2026-08-07', name: 'Training day', dayType: 'training_holiday' });
      const { result, merged } = await solved(data);
      const morning = ['PGY1-02', 'PGY3-02'].map((id) => cell(result, id, '2026-08-07', 'AM')[0].activityCode);
      for (const code of morning) expect(['C', 'HOL']).toContain(code);
      // The clinic's one room that morning is used, not everyone sent off.
      const counting = new Set(data.activities.filter((a) => a.countsTowardClinicCapacity).map((a) => a.code));
      const inClinic = result.assignments.filter(
        (a) => a.date === '2026-08-07' && a.half === 'AM' && counting.has(a.activityCode),
      );
      expect(inClinic).toHaveLength(1);
      // An ordinary day keeps the template's clinic for both.
      expect(['PGY1-02', 'PGY3-02'].map((id) => cell(result, id, '2026-08-06', 'AM')[0].activityCode)).toEqual([
        'C',
        'C',
      ]);
      expect(findingsOf(merged, START, END, ['clinic_capacity']).filter((f) => f.severity === 'high')).toEqual([]);
    },
  );

  it('keeps faculty within their weekly maximum per activity', async () => {
    const data = blockProgram();
    data.settings.rules = data.settings.rules.map((r) =>
      r.type === 'faculty_weekly_halfdays'
        ? { ...r, params: { limits: [{ role: 'core', activityCode: 'C', min: 4, max: 1 }] } }
        : r,
    );
    // The minimum (soft) asks for four clinic half-days a week; the maximum (hard) allows one.
    const { result, merged } = await solved(data);
    expect(
      findingsOf(merged, START, END, ['faculty_weekly_halfdays']).filter((f) => /at most/.test(f.message)),
    ).toEqual([]);
    const perWeek = new Map<string, number>();
    for (const a of result.assignments) {
      if (!a.personId.startsWith('F-C') || a.activityCode !== 'C') continue;
      const monday = addDays(a.date, 1 - isoWeekday(a.date));
      perWeek.set(`${a.personId}:${monday}`, (perWeek.get(`${a.personId}:${monday}`) ?? 0) + 1);
    }
    expect(Math.max(...perWeek.values())).toBe(1);
  });

  /**
   * blockProgram() with PGY3-03 on a rotation that works every day and aims for 14 twelve-hour half-days a week (84 h).
   */
  function heavyRotationProgram() {
    const data = blockProgram();
    data.rotations.push(
      rotation('HEAVY', {
        setting: 'inpatient',
        leaveEligible: false,
        worksWeekends: true,
        pattern: [weekPattern([null, null], [null, null], { '3': [null, 'LEC'] })],
        weeklyTargets: { EM: 14, OFF: 0 },
      }),
    );
    data.rotationAssignments.find((a) => a.personId === 'PGY3-03')!.rotationId = 'rot-HEAVY';
    return data;
  }

  it('keeps ACGME hours, days off and consecutive days when the rotation would break them', async () => {
    const data = heavyRotationProgram();
    const { result, merged } = await solved(data);
    expect(findingsOf(merged, START, END, ['acgme_80h', 'acgme_day_off', 'consecutive_days'])).toEqual([]);
    const em = result.assignments.filter((a) => a.personId === 'PGY3-03' && a.activityCode === 'EM').length;
    expect(em).toBeLessThan(4 * 14); // the rules bind: the target is not met
    expect(em).toBeGreaterThan(40); // but the rotation still works most of the time
  });

  it('does not take days away at a conference for days off (the compliance engine does not)', async () => {
    const data = heavyRotationProgram();
    // Five conference days mid-block: not leave, so they stay in the windows, and not free either.
    data.absences.push({
      id: 'conf-1',
      personId: 'PGY3-03',
      type: 'conference',
      start: '2026-08-10',
      end: '2026-08-14',
      status: 'approved',
      note: null,
    });
    const { merged } = await solved(data);
    expect(findingsOf(merged, START, END, ['acgme_day_off'])).toEqual([]);
  });

  it('does not take a day with a conference afternoon for a day off (its hours are not free time)', async () => {
    const data = heavyRotationProgram();
    // An afternoon conference on every day of the block but six: a day with nothing else scheduled
    // still has no 24 free hours, so the six days left must carry the days off.
    const keep = new Set(['2026-08-02', '2026-08-08', '2026-08-09', '2026-08-15', '2026-08-16', '2026-08-23']);
    datesInRange(START, END)
      .filter((date) => !keep.has(date))
      .forEach((date, i) =>
        data.absences.push({
          id: `conf-pm-${i}`,
          personId: 'PGY3-03',
          type: 'conference',
          start: date,
          end: date,
          part: 'PM',
          status: 'approved',
          note: null,
        }),
      );
    const { merged } = await solved(data);
    expect(findingsOf(merged, START, END, ['acgme_day_off'])).toEqual([]);
  });

  it('respects locked slots and blocking absences', async () => {
    const data = blockProgram();
    data.assignments.push({
      personId: 'PGY1-02',
      date: '2026-08-04',
      half: 'AM',
      activityCode: 'SIM',
      source: 'manual',
      locked: true,
    });
    data.absences.push({
      id: 'x1',
      personId: 'PGY3-02',
      type: 'tdy',
      start: '2026-08-10',
      end: '2026-08-12',
      status: 'approved',
      note: null,
    });
    data.absences.push({
      id: 'x2',
      personId: 'F-C6',
      type: 'convalescent',
      start: '2026-08-17',
      end: '2026-08-18',
      status: 'approved',
      note: null,
    });
    // F-C6 has no call around the absence.
    data.calls = data.calls.map((c) =>
      c.personId === 'F-C6' && c.date >= '2026-08-16' && c.date <= '2026-08-21' ? { ...c, personId: 'F-APD' } : c,
    );
    const { result, merged } = await solved(data);
    expect(cell(result, 'PGY1-02', '2026-08-04', 'AM')[0]).toMatchObject({
      activityCode: 'SIM',
      source: 'manual',
      locked: true,
    });
    for (const d of datesInRange('2026-08-10', '2026-08-12'))
      expect(cell(result, 'PGY3-02', d, 'PM')[0].activityCode).toBe('TDY');
    // Convalescent leave blocks three recovery days after it.
    for (const d of datesInRange('2026-08-17', '2026-08-21'))
      if (isoWeekday(d) <= 5) expect(cell(result, 'F-C6', d, 'AM')[0].activityCode).toBe('LV');
    expect(findingsOf(merged, START, END, ['absence_conflict'])).toEqual([]);
  });

  it('keeps a lock over an approved absence or the rest after a 24-hour call, saying whose, when, why', async () => {
    const data = blockProgram();
    const lock = (personId: string, date: string) =>
      data.assignments.push({ personId, date, half: 'AM', activityCode: 'C', source: 'manual', locked: true });
    data.absences.push({
      id: 'v1',
      personId: 'PGY1-02',
      type: 'vacation',
      start: '2026-08-10',
      end: '2026-08-14',
      status: 'approved',
      note: null,
    });
    lock('PGY1-02', '2026-08-11');
    data.calls.push({ date: '2026-08-17', callTypeCode: 'LD', personId: 'PGY3-02', source: 'manual' });
    lock('PGY3-02', '2026-08-18');
    const report = await runGeneration(getBackend('highs'), {
      scope: 'halfday',
      program: data,
      academicYear: YEAR,
      blockNumber: BLOCK,
      timeLimitSec: 30,
    });
    const kept = { half: 'AM', activityCode: 'C' };
    expect(report.lockedOverUnavailable).toEqual([
      { ...kept, personId: 'PGY1-02', name: 'PGY1-02', date: '2026-08-11', why: 'on vacation 2026-08-10–2026-08-14' },
      {
        ...kept,
        personId: 'PGY3-02',
        name: 'PGY3-02',
        date: '2026-08-18',
        why: 'resting after LD call on 2026-08-17 (free again Aug 18 21:00: 14 h after 24 h of in-house call)',
      },
    ]);
    expect(report.message).toContain(
      'Kept 2 locked half-days where their people are unavailable: PGY1-02 Aug 11 AM (C, on vacation ' +
        '2026-08-10–2026-08-14) and PGY3-02 Aug 18 AM (C, resting after LD call on 2026-08-17 (free again Aug 18 ' +
        '21:00: 14 h after 24 h of in-house call)). Unlock them, or change the absence or the call, to have the ' +
        'generator plan them.',
    );
    // Kept as locked, and the cell says why it is work on a day off.
    const slot = (p: string, d: string) => report.assignments!.filter((a) => a.personId === p && a.date === d);
    expect(slot('PGY1-02', '2026-08-11').find((a) => a.half === 'AM')).toMatchObject({ ...kept, locked: true });
    const why = report.explanations.find((e) => e.key === 'slot:PGY1-02:2026-08-11:AM')!;
    expect(why.reasons.map((r) => r.text)).toEqual([
      'Locked manual entry, kept although PGY1-02 is on vacation 2026-08-10–2026-08-14',
    ]);
    // The compliance engine reads the same availability: that half-day is work during the vacation.
    const after = withGenerated(data, report, YEAR);
    expect(findingsOf(after, START, END, ['absence_conflict']).map((f) => [f.personId, f.slots, f.message])).toEqual([
      ['PGY1-02', [{ date: '2026-08-11', half: 'AM' }], '1 half-day of work during vacation Aug 10 – Aug 14'],
    ]);
  });

  describe('rests a resident after a 24-hour in-house call until the rest-after-call rule frees them', () => {
    // A 24-hour call from 20:00 ends the next evening; 14 h later is 10:00 the day after that, so the
    // morning two days after the call is still rest (ACGME), and the afternoon is not.
    const evenCall = (): ProgramData => {
      const data = blockProgram();
      data.callTypes.push({
        code: 'LDN',
        name: 'Labor & delivery 24-hour call from 20:00',
        start: '20:00',
        end: '20:00',
        inHouse: true,
        for: 'resident',
        countsTowardDutyHours: true,
        clockChange: 'scheduled_hours',
      });
      data.calls.push({ date: '2026-08-17', callTypeCode: 'LDN', personId: 'PGY3-02', source: 'manual' });
      return data;
    };
    const restFindings = (data: ProgramData) =>
      findingsOf(data, START, END, ['acgme_rest_after_call', 'acgme_continuous']).filter(
        (f) => f.personId === 'PGY3-02',
      );

    it('plans no work before they are free again, and work once they are', async () => {
      const { result, merged } = await solved(evenCall());
      const codes = (d: string, h: 'AM' | 'PM') => cell(result, 'PGY3-02', d, h).map((a) => a.activityCode);
      expect([codes('2026-08-18', 'AM'), codes('2026-08-18', 'PM'), codes('2026-08-19', 'AM')]).toEqual([
        ['PC'],
        ['PC'],
        ['PC'],
      ]);
      expect(codes('2026-08-19', 'PM')).not.toEqual(['PC']);
      expect(restFindings(merged)).toEqual([]);
    });

    it('names a lock kept inside that rest, and the compliance engine finds that same half-day', async () => {
      const data = evenCall();
      data.assignments.push({
        personId: 'PGY3-02',
        date: '2026-08-19',
        half: 'AM',
        activityCode: 'C',
        source: 'manual',
        locked: true,
      });
      const report = await runGeneration(getBackend('highs'), {
        scope: 'halfday',
        program: data,
        academicYear: YEAR,
        blockNumber: BLOCK,
        timeLimitSec: 30,
      });
      expect(report.lockedOverUnavailable).toEqual([
        {
          personId: 'PGY3-02',
          name: 'PGY3-02',
          date: '2026-08-19',
          half: 'AM',
          activityCode: 'C',
          why: 'resting after LDN call on 2026-08-17 (free again Aug 19 10:00: 14 h after 24 h of in-house call)',
        },
      ]);
      const found = restFindings(withGenerated(data, report, YEAR));
      expect(found.map((f) => [f.ruleId, f.slots, f.measured])).toEqual([
        ['acgme_rest_after_call', [{ date: '2026-08-19', half: 'AM' }], 12],
      ]);
    });
  });

  it('diagnoses a slot no faculty member can supervise', async () => {
    const data = blockProgram();
    for (const p of data.people.filter((x) => x.kind === 'faculty'))
      data.absences.push({
        id: `dep-${p.id}`,
        personId: p.id,
        type: 'deployment',
        start: '2026-08-17',
        end: '2026-08-17',
        status: 'approved',
        note: null,
      });
    data.calls = data.calls.filter((c) => c.date < '2026-08-16' || c.date > '2026-08-17');
    const out = await schedule(data);
    expect(out.status).toBe('infeasible');
    const d = out.diagnosis!;
    const monday = d.relaxations.find((r) => r.groupId === 'supervision:2026-08-17:AM')!;
    expect(monday.message).toMatch(/^Mon 17 Aug AM needs \d+ more supervising faculty/);
    expect(monday.message).toContain('F-PD has DEP (deployment 2026-08-17–2026-08-17');
  });

  it('counts free days after night float as the compliance engine does, across the spring-forward day', async () => {
    // Block 10 (2027-03-11 – 04-07) holds the daylight-saving change of 2027-03-14; night float
    // in its first half, then the inpatient team: the free days after nights are exactly enough.
    const data = smallProgram();
    const entry = (
      personId: string,
      code: string,
      block: number,
      part: RotationAssignment['part'],
    ): RotationAssignment => ({
      personId,
      academicYear: YEAR,
      blockNumber: block,
      part,
      rotationId: `rot-${code}`,
    });
    const others = ['PGY1-01', 'PGY1-02', 'PGY1-03', 'PGY2-01', 'PGY2-03', 'PGY3-01', 'PGY3-02', 'PGY3-03'];
    data.rotationAssignments = [
      entry('PGY2-02', 'NF', 10, 'first'),
      entry('PGY2-02', 'FMIT', 10, 'second'),
      ...others.map((id, i) => entry(id, i < 2 ? 'FMIT' : 'CLIN', 10, 'full')),
    ];
    const out = await solveGeneration(
      buildBlockScheduleModel(data, { academicYear: YEAR, blockNumber: 10 }),
      getBackend('highs'),
      { timeLimitSec: 30 },
    );
    expect(out.status, out.message).toBe('optimal');
    const merged = { ...data, assignments: out.result!.assignments };
    expect(
      findingsOf(merged, '2027-03-11', '2027-04-07', ['acgme_day_off', 'acgme_80h', 'consecutive_days', 'post_call']),
    ).toEqual([]);
  });

  it(
    'schedules everyone else when a resident added mid-year has no plan entry, names them and leaves ' + 'their slots',
    async () => {
      const data = blockProgram();
      // PGY3-03 has no rotation in block 2 but a slot entered by hand earlier (not locked).
      data.rotationAssignments = data.rotationAssignments.filter((r) => r.personId !== 'PGY3-03');
      data.assignments.push({
        personId: 'PGY3-03',
        date: '2026-08-04',
        half: 'AM',
        activityCode: 'SIM',
        source: 'solver',
        locked: false,
      });
      const name = data.people.find((p) => p.id === 'PGY3-03')!.name;
      const report = await runGeneration(getBackend('highs'), {
        scope: 'halfday',
        program: data,
        academicYear: YEAR,
        blockNumber: BLOCK,
      });
      expect(report.status, report.message).toBe('succeeded');
      expect(report.personIds).not.toContain('PGY3-03');
      expect(report.personIds).toContain('PGY3-02');
      expect(report.unplanned).toEqual([
        { personId: 'PGY3-03', name, days: datesInRange(START, END), blockNumber: BLOCK },
      ]);
      expect(report.message).toContain(
        `Not scheduled (no rotation in the annual plan, their half-days unchanged): block 2: ${name} (${START} ` +
          `and 27 ` +
          `more days)`,
      );
      const merged = withGenerated(data, report, YEAR);
      expect(merged.assignments.filter((a) => a.personId === 'PGY3-03')).toEqual([data.assignments.at(-1)]);

      // A block nobody is planned in: the plan itself is missing, and the run says so.
      data.rotationAssignments = [];
      expect(() => buildBlockScheduleModel(data, { academicYear: YEAR, blockNumber: BLOCK })).toThrow(
        /^No rotation in the annual plan for block 2 for: .*Generate or enter the annual plan first\.$/,
      );
    },
  );

  it('HiGHS and GLPK agree on the optimal objective', async () => {
    const data = blockProgram();
    const [a, b] = [await schedule(data), await schedule(data, getBackend('glpk'))];
    expect(a.status).toBe('optimal');
    expect(b.status).toBe('optimal');
    expect(a.figures.objective!).toBeCloseTo(b.figures.objective!, 6);
  });
});

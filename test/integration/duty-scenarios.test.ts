// Duty the ACGME way and services through the exchange format and `cli validate`, as an
// independent scenario suite runs it: small program files written as JSON (the way a person
// authors them), each exactly at a limit and one minute (or one resident) over. Home call with
// callbacks, 24 + 4, moonlighting; an inpatient service staffed by several rotations.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../core/cli/main';
import { datesInRange } from '../../core/domain/calendar';
import { defaultSettings } from '../../core/domain/defaults';
import { exchangeActivity as activity } from '../exchange-activity';

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-scenarios-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Json = Record<string, unknown>;
const day = (start: string, end: string) => ({ start, end });
const resident = (id: string, pgy: number) => ({
  id,
  name: `Resident ${id}`,
  kind: 'resident',
  facultyRole: null,
  pgyByYear: { '2026': pgy },
  email: null,
  active: true,
  credentials: [],
  certifications: [],
});

/**
 * A program file: a PGY-2 and a PGY-1, a small catalog (patientCare left to its default on most), and the given
 * schedule.
 */
function programFile(schedule: Json, version = 2): Json {
  return {
    format: 'residency-program',
    version,
    exportedAt: '2026-07-01T00:00:00Z',
    program: {
      settings: defaultSettings('Scenario program'),
      academicYears: [2026],
      people: [resident('r2', 2), resident('r1', 1)],
      activities: [
        activity('WARD', 'clinical', day('06:00', '12:00'), day('12:00', '18:00')),
        activity('C', 'clinical', day('08:00', '12:00'), day('13:00', '17:00')),
        activity('HO', 'clinical', day('07:00', '11:00'), null, { patientCare: false }),
        activity('HO1', 'clinical', day('07:00', '11:01'), null, { patientCare: false }),
        activity('RND', 'clinical', day('07:00', '07:01'), null),
      ],
      rotations: [],
      callTypes: [
        {
          code: 'LD',
          name: 'L&D 24-hour call',
          start: '07:00',
          end: '07:00',
          inHouse: true,
          for: 'resident',
          countsTowardDutyHours: true,
        },
        {
          code: 'HC',
          name: 'Home call',
          start: '08:00',
          end: '08:00',
          inHouse: false,
          for: 'resident',
          countsTowardDutyHours: true,
        },
      ],
      holidays: [],
      absences: [],
      rotationAssignments: [],
      assignments: [],
      calls: [],
      inpatientWeeks: [],
      moonlighting: [],
      ...schedule,
    },
  };
}

let seq = 0;
async function validateFile(
  file: Json,
  rule: string,
): Promise<{
  code: number;
  findings: { ruleId: string; personId: string; measured: number; limit: number; message: string }[];
}> {
  const p = path.join(dir, `scenario-${++seq}.json`);
  fs.writeFileSync(p, JSON.stringify(file, null, 1));
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['validate', p, '--year', '2026'], { out: (l) => out.push(l), err: (l) => err.push(l) });
  if (code !== 0 && code !== 3) throw new Error(`validate failed (${code}): ${err.join('\n')}`);
  const report = JSON.parse(out.join('\n')) as {
    findings: { ruleId: string; personId: string; measured: number; limit: number; message: string }[];
  };
  return { code, findings: report.findings.filter((f) => f.ruleId === rule) };
}

const halfDays = (personId: string, dates: string[], code: string, halves = ['AM', 'PM']) =>
  dates.flatMap((date) =>
    halves.map((half) => ({ personId, date, half, activityCode: code, source: 'manual', locked: false })),
  );
const isWeekend = (d: string) => [0, 6].includes(new Date(`${d}T12:00Z`).getUTCDay());
const month = datesInRange('2026-09-07', '2026-10-04'); // Monday … Sunday, 28 days

describe('cli validate on exchange files: duty the ACGME way', () => {
  it(
    'home call: 60 h/week of ward + weekend home call with 80 h of callbacks is at the 80-hour limit; one minute ' +
      'more is over',
    async () => {
      const weekends = month.filter(isWeekend);
      const schedule = (lastEnd: string) => ({
        assignments: halfDays(
          'r2',
          month.filter((d) => !isWeekend(d)),
          'WARD',
        ),
        calls: weekends.map((date) => ({ date, callTypeCode: 'HC', personId: 'r2', source: 'manual' })),
        callbacks: weekends.map((d, i) => ({
          id: `cb${i}`,
          personId: 'r2',
          start: `${d}T09:00`,
          end: i === weekends.length - 1 ? `${d}T${lastEnd}` : `${d}T19:00`,
        })),
      });
      expect((await validateFile(programFile(schedule('19:00')), 'acgme_80h')).findings).toEqual([]);
      const over = await validateFile(programFile(schedule('19:01')), 'acgme_80h');
      expect(over.code).toBe(3);
      expect(over.findings.map((f) => [f.personId, f.limit, f.message])).toEqual([
        ['r2', 80, '80.004 h/week averaged over Sep 7 – Oct 4; limit 80'],
      ]);
      // Home call is no double booking against its callbacks, and no continuous-work finding.
      expect((await validateFile(programFile(schedule('19:00')), 'double_booking')).findings).toEqual([]);
      expect((await validateFile(programFile(schedule('19:00')), 'acgme_continuous')).findings).toEqual([]);
    },
  );

  it('home call is not a day off', async () => {
    const off = ['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-25'];
    const wards = halfDays(
      'r2',
      datesInRange('2026-09-01', '2026-09-28').filter((d) => !off.includes(d)),
      'WARD',
    );
    expect((await validateFile(programFile({ assignments: wards }), 'acgme_day_off')).findings).toEqual([]);
    const onCall = await validateFile(
      programFile({
        assignments: wards,
        calls: [{ date: '2026-09-25', callTypeCode: 'HC', personId: 'r2', source: 'manual' }],
      }),
      'acgme_day_off',
    );
    expect(onCall.findings.map((f) => [f.measured, f.limit])).toEqual([[3, 4]]);
  });

  it('24 + 4: handoff up to 4 h after a 24-hour call is allowed; 4 h 01 min or new patient care is not', async () => {
    const after = (code: string) =>
      programFile({
        calls: [{ date: '2026-09-01', callTypeCode: 'LD', personId: 'r2', source: 'manual' }],
        assignments: halfDays('r2', ['2026-09-02'], code, ['AM']),
      });
    expect((await validateFile(after('HO'), 'acgme_continuous')).findings).toEqual([]);
    const over = await validateFile(after('HO1'), 'acgme_continuous');
    expect(over.findings.map((f) => [f.limit, f.message])).toEqual([
      [28, '28.02 h of continuous work, Sep 1 07:00 – Sep 2 11:01; limit 24 + 4 for transitions'],
    ]);
    const care = await validateFile(after('RND'), 'acgme_continuous');
    expect(care.findings.map((f) => f.limit)).toEqual([24]);
  });

  it('moonlighting after a 24-hour call: 14 h of rest exactly is fine, one minute less is not', async () => {
    const shift = (start: string) =>
      programFile({
        calls: [{ date: '2026-09-01', callTypeCode: 'LD', personId: 'r2', source: 'manual' }],
        moonlighting: [{ id: 'ml1', personId: 'r2', start, end: '2026-09-02T23:30', internal: false, approved: true }],
      });
    expect((await validateFile(shift('2026-09-02T21:00'), 'acgme_rest_after_call')).findings).toEqual([]);
    const short = await validateFile(shift('2026-09-02T20:59'), 'acgme_rest_after_call');
    expect(short.findings.map((f) => [f.limit, f.measured])).toEqual([[14, 13.983333]]);
  });

  it('PGY-1 moonlighting is a finding, also in a version 1 file whose rules predate the rule', async () => {
    const schedule = {
      moonlighting: [{ id: 'ml1', personId: 'r1', start: '2026-09-05T08:00', end: '2026-09-05T20:00', internal: true }],
    };
    const v1 = programFile(schedule, 1) as { program: { settings: { rules: { type: string }[] }; activities: Json[] } };
    v1.program.settings.rules = v1.program.settings.rules.filter((r) => !r.type.startsWith('moonlighting'));
    for (const a of v1.program.activities) delete a.patientCare;
    const found = await validateFile(v1, 'moonlighting_pgy1');
    expect(found.findings.map((f) => [f.personId, f.message])).toEqual([
      ['r1', 'Resident r1 (PGY-1) moonlights Sep 5 08:00 – Sep 5 20:00; PGY-1 residents may not moonlight'],
    ]);
    // Version 1 had no approval: its moonlighting counts as approved.
    expect((await validateFile(v1, 'moonlighting_approval')).findings).toEqual([]);
  });
});

describe('cli validate on exchange files: services', () => {
  const rotation = (id: string, code: string) => ({
    id,
    code,
    name: code,
    setting: 'inpatient',
    leaveEligible: false,
    capacity: 5,
    worksWeekends: true,
    halfBlock: false,
    pattern: [
      Object.fromEntries(
        ['1', '2', '3', '4', '5', '6', '7'].map((d) => [
          d,
          { AM: { activityCode: null, protected: false }, PM: { activityCode: null, protected: false } },
        ]),
      ),
    ],
    weeklyTargets: {},
    exemptFrom: [],
    color: '#888888',
  });
  const people = [resident('i1', 1), resident('i2', 1), resident('r2', 2), resident('r3', 3), resident('r4', 3)];
  // Block 3 of 2026: Aug 27 – Sep 23.
  const entry = (personId: string, rotationId: string) => ({
    personId,
    academicYear: 2026,
    blockNumber: 3,
    part: 'full',
    rotationId,
  });

  function servicesFile(plan: Json[]): Json {
    const file = programFile({}) as { program: Json & { settings: Json & { rules: Json[] } } };
    file.program.people = people;
    file.program.rotations = [
      rotation('fi', 'FMIT-I'),
      rotation('fr', 'FMIT-R'),
      rotation('fpa', 'FMIT-PA'),
      rotation('clin', 'CLIN'),
    ];
    file.program.settings.services = [
      {
        code: 'FMIT',
        name: 'Inpatient team',
        rotationCodes: ['FMIT-I', 'FMIT-R', 'FMIT-PA'],
        staffing: [
          { pgyLevels: [1], min: 1, max: 1 },
          { pgyLevels: [2, 3], min: 2, max: 2 },
        ],
      },
    ];
    file.program.settings.rules = file.program.settings.rules.filter((r) => r.type !== 'service_staffing');
    file.program.settings.rules.push({
      id: 'inpatient_service',
      type: 'service_staffing',
      enabled: true,
      severity: 'high',
      scope: { kinds: ['resident'], pgyLevels: [] },
      params: {},
    });
    file.program.rotationAssignments = plan;
    return file;
  }

  it(
    'counts residents over every rotation of the service: exactly at the staffing lines, then one ' + 'intern over',
    async () => {
      const plan = [entry('i1', 'fi'), entry('r2', 'fr'), entry('r3', 'fpa'), entry('i2', 'clin'), entry('r4', 'clin')];
      expect((await validateFile(servicesFile(plan), 'inpatient_service')).findings).toEqual([]);
      const over = await validateFile(
        servicesFile([...plan.slice(0, 3), entry('i2', 'fi'), entry('r4', 'clin')]),
        'inpatient_service',
      );
      expect(over.findings.map((f) => [f.measured, f.limit, f.message])).toEqual([
        [2, 1, 'FMIT block 3, days 1–14 (Aug 27 – Sep 9): 2 PGY-1 residents; exactly 1 required'],
        [2, 1, 'FMIT block 3, days 15–28 (Sep 10 – Sep 23): 2 PGY-1 residents; exactly 1 required'],
      ]);
    },
  );

  it('reads a version 2 file: its inpatient-team rule becomes a service with the same rule id', async () => {
    const file = programFile({}, 2) as { program: Json & { settings: Json & { rules: Json[]; services?: unknown } } };
    delete file.program.settings.services;
    file.program.settings.rules = file.program.settings.rules.filter((r) => r.type !== 'service_staffing');
    file.program.settings.rules.push({
      id: 'inpatient_team',
      type: 'inpatient_team',
      enabled: true,
      severity: 'high',
      scope: { kinds: ['resident'], pgyLevels: [] },
      params: { rotationCode: 'FMIT', perPgyLevel: 1 },
    });
    file.program.people = people;
    file.program.rotations = [rotation('fmit', 'FMIT'), rotation('clin', 'CLIN')];
    file.program.rotationAssignments = [
      entry('i1', 'fmit'),
      entry('r2', 'fmit'),
      entry('i2', 'clin'),
      entry('r3', 'clin'),
      entry('r4', 'clin'),
    ];
    const found = await validateFile(file, 'inpatient_team');
    expect(found.findings.map((f) => f.message)).toEqual([
      'FMIT block 3, days 1–14 (Aug 27 – Sep 9): 0 PGY-3 residents; exactly 1 required',
      'FMIT block 3, days 15–28 (Sep 10 – Sep 23): 0 PGY-3 residents; exactly 1 required',
    ]);
  });
});

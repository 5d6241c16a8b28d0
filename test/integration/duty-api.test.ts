// Moonlighting, callbacks, the patient-care mark and a call type's fall-back night through the real core, signed in:
// each change
// audited and counted by the compliance engine at once; bad input refused with its field and
// nothing written; approving moonlighting is the program director's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRow, FindingsResult, GridData, HomeCall } from '../../core/api/contract';
import type { Core, CoreSession } from '../../core/api/core';
import { demoAccounts, DEMO_PASSWORD } from '../../core/demo/accounts';
import { generateProgram } from '../../core/demo/generate';
import type { Absence, Activity, Callback, CallType, MoonlightingEntry } from '../../core/domain/types';
import { createProgramFile } from '../../core/services/create';
import { signIn, TEST_PASSWORD_COST } from '../sign-in';
import { createTestCore, value } from '../test-core';

const YEAR = 2026;
let dir: string;
let core: Core;
let coordinator: CoreSession;
let director: CoreSession;
const data = generateProgram({ seed: 5, academicYear: YEAR, residentsPerPgy: [2, 2, 2], facultyCount: 8 });
const pgy = (n: number) =>
  data.people
    .filter((p) => p.kind === 'resident' && p.pgyByYear[String(YEAR)] === n)
    .sort((a, b) => a.id.localeCompare(b.id))[0];
const intern = pgy(1);
const senior = pgy(3);
const faculty = data.people.find((p) => p.kind === 'faculty' && p.facultyRole === 'core')!;
// A resident home call (08:00 → 08:00) for the senior resident on a Saturday.
const HOME = {
  code: 'HC',
  name: 'Resident home call',
  start: '08:00',
  end: '08:00',
  inHouse: false,
  for: 'resident' as const,
  countsTowardDutyHours: true,
  clockChange: 'scheduled_hours' as const,
};
const HOME_DAY = '2026-09-12';
// The night the clocks fall back in America/New_York: 07:00 EDT → 07:00 EST is 25 real hours.
const FALL_BACK = '2026-10-31';
const call = async <T>(s: CoreSession, method: string, input: unknown) => value<T>(await s.dispatch(method, input));
const refusal = async (s: CoreSession, method: string, input: unknown) => {
  const e = await s.dispatch(method, input);
  if (e.ok) throw new Error(`${method} accepted ${JSON.stringify(input)}`);
  return e.error;
};
const findings = async (ruleId: string) =>
  (await call<FindingsResult>(coordinator, 'compliance.findings', { academicYear: YEAR })).findings.filter(
    (f) => f.ruleId === ruleId,
  );
const auditOf = async (entity: string) =>
  (await call<{ entries: AuditRow[] }>(coordinator, 'audit.query', { entity })).entries;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'duty-api-'));
  const file = path.join(dir, 'program.sqlite');
  data.callTypes.push(HOME);
  data.calls = data.calls.filter(
    (c) => !(c.personId === senior.id && c.date >= '2026-09-10' && c.date <= '2026-09-14'),
  );
  data.calls.push({ date: HOME_DAY, callTypeCode: 'HC', personId: senior.id, source: 'manual' });
  data.calls.push({ date: FALL_BACK, callTypeCode: 'LD', personId: senior.id, source: 'manual' });
  await createProgramFile(file, data, {
    accounts: { seeds: demoAccounts(data, YEAR), password: DEMO_PASSWORD, cost: TEST_PASSWORD_COST },
  });
  core = await createTestCore({ dbPath: file, workerDir: path.join(dir, 'no-workers'), actor: 'system' });
  coordinator = core.openSession();
  await signIn(coordinator.dispatch, 'coordinator');
  director = core.openSession();
  await signIn(director.dispatch, 'program_director');
});
afterAll(async () => {
  await core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('moonlighting', () => {
  it('records a PGY-1 resident’s shift, audited, and the compliance engine finds it at once', async () => {
    const entry = await call<MoonlightingEntry>(coordinator, 'moonlighting.create', {
      personId: intern.id,
      start: '2026-09-05T08:00',
      end: '2026-09-05T20:00',
      internal: false,
      approved: false,
    });
    expect(entry).toMatchObject({ personId: intern.id, internal: false, approved: false });
    expect(
      (await call<MoonlightingEntry[]>(coordinator, 'moonlighting.list', { academicYear: YEAR })).map((m) => m.id),
    ).toContain(entry.id);
    expect((await findings('moonlighting_pgy1')).map((f) => f.personId)).toEqual([intern.id]);
    expect((await findings('moonlighting_approval')).map((f) => f.personId)).toContain(intern.id);
    expect((await auditOf('moonlighting')).map((a) => a.action)).toContain('moonlighting.create');
    await call(coordinator, 'moonlighting.delete', { id: entry.id });
    expect(await findings('moonlighting_pgy1')).toEqual([]);
  });

  it('refuses what is not a resident’s shift, with the field, and writes nothing', async () => {
    const before = (await call<MoonlightingEntry[]>(coordinator, 'moonlighting.list', { academicYear: YEAR })).length;
    const notResident = await refusal(coordinator, 'moonlighting.create', {
      personId: faculty.id,
      start: '2026-09-05T08:00',
      end: '2026-09-05T20:00',
      internal: true,
      approved: false,
    });
    expect(notResident).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'personId', message: 'not a resident' }],
    });
    const backwards = await refusal(coordinator, 'moonlighting.create', {
      personId: senior.id,
      start: '2026-09-05T20:00',
      end: '2026-09-05T08:00',
      internal: true,
      approved: false,
    });
    expect(backwards.issues).toEqual([{ path: 'end', message: 'must end after it starts' }]);
    const typo = await refusal(coordinator, 'moonlighting.create', {
      personId: senior.id,
      start: '2026-09-05T08:00',
      end: '2026-10-05T08:00',
      internal: true,
      approved: false,
    });
    expect(typo.issues).toEqual([{ path: 'end', message: 'a shift lasts at most 48 hours' }]);
    const outside = await refusal(coordinator, 'moonlighting.create', {
      personId: senior.id,
      start: '2031-09-05T08:00',
      end: '2031-09-05T20:00',
      internal: true,
      approved: false,
    });
    expect(outside.issues).toEqual([{ path: 'start', message: 'outside the program’s academic years' }]);
    expect((await call<MoonlightingEntry[]>(coordinator, 'moonlighting.list', { academicYear: YEAR })).length).toBe(
      before,
    );
  });

  it('only the program director approves: the coordinator’s approval is refused, the director’s kept', async () => {
    const fields = { personId: senior.id, start: '2026-10-03T08:00', end: '2026-10-03T20:00', internal: true };
    expect(await refusal(coordinator, 'moonlighting.create', { ...fields, approved: true })).toMatchObject({
      code: 'forbidden',
      message: expect.stringContaining('program director'),
    });
    const entry = await call<MoonlightingEntry>(coordinator, 'moonlighting.create', { ...fields, approved: false });
    expect(
      await refusal(coordinator, 'moonlighting.update', { id: entry.id, ...fields, approved: true }),
    ).toMatchObject({ code: 'forbidden' });
    const approved = await call<MoonlightingEntry>(director, 'moonlighting.update', {
      id: entry.id,
      ...fields,
      approved: true,
    });
    expect(approved.approved).toBe(true);
    // The coordinator may still change the approved shift's times, keeping the approval.
    expect(
      (
        await call<MoonlightingEntry>(coordinator, 'moonlighting.update', {
          id: entry.id,
          ...fields,
          end: '2026-10-03T19:00',
          approved: true,
        })
      ).end,
    ).toBe('2026-10-03T19:00');
    expect(
      (await findings('moonlighting_approval')).some((f) => f.personId === senior.id && f.start === '2026-10-03'),
    ).toBe(false);
  });
});

describe('callbacks', () => {
  it(
    'lists home calls with their real times, and records a callback during one (no double booking; counted ' +
      'as work)',
    async () => {
      const home = await call<HomeCall[]>(coordinator, 'callbacks.homeCalls', {
        academicYear: YEAR,
        personId: senior.id,
      });
      expect(home).toEqual([
        {
          personId: senior.id,
          date: HOME_DAY,
          callTypeCode: 'HC',
          callTypeName: 'Resident home call',
          start: `${HOME_DAY}T08:00`,
          end: '2026-09-13T08:00',
        },
      ]);
      const callback = await call<Callback>(coordinator, 'callbacks.create', {
        personId: senior.id,
        start: '2026-09-13T02:00',
        end: '2026-09-13T05:30',
        note: 'admission',
      });
      expect(callback).toMatchObject({ note: 'admission' });
      expect((await call<Callback[]>(coordinator, 'callbacks.list', { academicYear: YEAR })).map((c) => c.id)).toEqual([
        callback.id,
      ]);
      expect(
        (await findings('double_booking')).filter(
          (f) => f.personId === senior.id && f.start >= '2026-09-12' && f.start <= '2026-09-13',
        ),
      ).toEqual([]);
      const hours = await call<{ residents: { personId: string; weeks: { start: string; hours: number }[] }[] }>(
        coordinator,
        'compliance.hours',
        { academicYear: YEAR, personIds: [senior.id] },
      );
      const week = hours.residents[0].weeks.find((w) => w.start === '2026-09-07')!;
      const without = week.hours;
      // Moved within the same call: checked again, audited with its before and after.
      const moved = await call<Callback>(coordinator, 'callbacks.update', {
        id: callback.id,
        personId: senior.id,
        start: '2026-09-13T01:00',
        end: '2026-09-13T04:30',
        note: 'admission',
      });
      expect(moved).toEqual({ ...callback, start: '2026-09-13T01:00', end: '2026-09-13T04:30' });
      const outside = await refusal(coordinator, 'callbacks.update', { ...moved, start: '2026-09-13T09:00' });
      expect(outside.code).toBe('invalid_input');
      expect((await call<Callback[]>(coordinator, 'callbacks.list', { academicYear: YEAR }))[0]).toEqual(moved);
      await call(coordinator, 'callbacks.delete', { id: callback.id });
      const gone = await refusal(coordinator, 'callbacks.delete', { id: callback.id });
      expect(gone).toMatchObject({ code: 'not_found', message: `No callback with id "${callback.id}"` });
      const after = await call<typeof hours>(coordinator, 'compliance.hours', {
        academicYear: YEAR,
        personIds: [senior.id],
      });
      expect(without - after.residents[0].weeks.find((w) => w.start === '2026-09-07')!.hours).toBeCloseTo(3.5, 5);
      expect((await auditOf('callback')).map((a) => a.action)).toEqual(
        expect.arrayContaining(['callbacks.create', 'callbacks.update', 'callbacks.delete']),
      );
    },
  );

  it('refuses a callback outside the person’s home calls', async () => {
    const error = await refusal(coordinator, 'callbacks.create', {
      personId: senior.id,
      start: '2026-09-13T09:00',
      end: '2026-09-13T10:00',
      note: null,
    });
    expect(error).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'start', message: 'not during one of this person’s home calls' }],
    });
    const long = await refusal(coordinator, 'callbacks.create', {
      personId: senior.id,
      start: '2026-09-12T09:00',
      end: '2026-09-13T10:00',
      note: null,
    });
    expect(long.issues).toEqual([{ path: 'end', message: 'a callback lasts at most 24 hours' }]);
  });
});

describe('the schedule grid', () => {
  it(
    'shows moonlighting and callbacks with the half-days they cover; residents and faculty see only ' + 'their own',
    async () => {
      const resident = core.openSession();
      const me = (await signIn(resident.dispatch, 'resident')).account!.personId!;
      const other = senior.id === me ? intern.id : senior.id;
      const shift = (personId: string, start: string, end: string) =>
        call<MoonlightingEntry>(coordinator, 'moonlighting.create', {
          personId,
          start,
          end,
          internal: false,
          approved: false,
        });
      // A night shift from 21:00 to 07:00 covers that evening (PM) and the next morning (AM).
      const mine = await shift(me, '2026-10-03T21:00', '2026-10-04T07:00');
      const theirs = await shift(other, '2026-10-03T08:00', '2026-10-03T12:00');
      try {
        const range = { start: '2026-10-03', end: '2026-10-03' };
        const staff = await call<GridData>(coordinator, 'schedule.grid', range);
        const byId = new Map(staff.duty.map((d) => [d.id, d]));
        // The range clips the night: only its evening is on the grid of 3 October.
        expect(byId.get(mine.id)).toMatchObject({ kind: 'moonlighting', slots: [{ date: '2026-10-03', half: 'PM' }] });
        // Ending exactly at noon is the morning only.
        expect(byId.get(theirs.id)?.slots).toEqual([{ date: '2026-10-03', half: 'AM' }]);
        const next = await call<GridData>(coordinator, 'schedule.grid', { start: '2026-10-04', end: '2026-10-05' });
        expect(next.duty.find((d) => d.id === mine.id)?.slots).toEqual([{ date: '2026-10-04', half: 'AM' }]);
        // Outside the range: nothing.
        const later = await call<GridData>(coordinator, 'schedule.grid', { start: '2026-10-05', end: '2026-10-06' });
        expect(later.duty.filter((d) => d.id === mine.id || d.id === theirs.id)).toEqual([]);

        const own = await call<GridData>(resident, 'schedule.grid', range);
        expect(own.duty.map((d) => d.personId)).toEqual([me]);
        const facultySession = core.openSession();
        await signIn(facultySession.dispatch, 'faculty');
        expect((await call<GridData>(facultySession, 'schedule.grid', range)).duty).toEqual([]);
      } finally {
        for (const id of [mine.id, theirs.id]) await call(coordinator, 'moonlighting.delete', { id });
      }
    },
  );
});

describe('absence notes on the schedule grid', () => {
  it('shows everyone’s leave, but a note only to staff and to the person it belongs to', async () => {
    const resident = core.openSession();
    const me = (await signIn(resident.dispatch, 'resident')).account!.personId!;
    const other = senior.id === me ? intern.id : senior.id;
    const leave = (personId: string, note: string) =>
      call<Absence>(coordinator, 'absences.create', {
        personId,
        type: 'sick',
        start: '2026-11-10',
        end: '2026-11-10',
        status: 'approved',
        note,
      });
    const mine = await leave(me, 'dentist');
    const theirs = await leave(other, 'surgery follow-up');
    try {
      const range = { start: '2026-11-10', end: '2026-11-10' };
      const noteOf = (grid: GridData, id: string) => grid.absences.find((a) => a.id === id)?.note;
      const staff = await call<GridData>(coordinator, 'schedule.grid', range);
      expect([noteOf(staff, mine.id), noteOf(staff, theirs.id)]).toEqual(['dentist', 'surgery follow-up']);
      const own = await call<GridData>(resident, 'schedule.grid', range);
      expect([noteOf(own, mine.id), noteOf(own, theirs.id)]).toEqual(['dentist', null]);
    } finally {
      for (const id of [mine.id, theirs.id]) await call(coordinator, 'absences.delete', { id });
    }
  });
});

describe('patient care', () => {
  it('marks an activity as transition/education, audited; residents cannot', async () => {
    const resident = core.openSession();
    await signIn(resident.dispatch, 'resident');
    expect(
      await refusal(resident, 'activities.setPatientCare', { changes: [{ code: 'PCAT', patientCare: false }] }),
    ).toMatchObject({ code: 'forbidden' });
    const marked = await call<Activity[]>(coordinator, 'activities.setPatientCare', {
      changes: [
        { code: 'PCAT', patientCare: false },
        { code: 'C', patientCare: true },
      ],
    });
    expect(marked.map((a) => [a.code, a.patientCare])).toEqual([['PCAT', false]]); // C was patient care already
    expect(
      (await call<Activity[]>(coordinator, 'activities.list', {})).find((a) => a.code === 'PCAT')!.patientCare,
    ).toBe(false);
    expect((await auditOf('activity')).map((a) => [a.action, a.entityId])).toContainEqual([
      'activities.setPatientCare',
      'PCAT',
    ]);
    // All or nothing: an unknown code refuses the whole change.
    const bad = await refusal(coordinator, 'activities.setPatientCare', {
      changes: [
        { code: 'PCAT', patientCare: true },
        { code: 'NOPE', patientCare: false },
      ],
    });
    expect(bad).toMatchObject({
      code: 'not_found',
      issues: [{ path: 'changes[1].code', message: 'no such activity' }],
    });
    expect(
      (await call<Activity[]>(coordinator, 'activities.list', {})).find((a) => a.code === 'PCAT')!.patientCare,
    ).toBe(false);
  });
});

describe('a call type on the night the clocks fall back', () => {
  const onFallBack = async () =>
    (await findings('acgme_continuous')).filter((f) => f.personId === senior.id && f.start === FALL_BACK);
  const ld = async () => (await call<CallType[]>(coordinator, 'callTypes.list', {})).find((t) => t.code === 'LD')!;

  it('ends the call after its scheduled hours by default; keeping its clock end makes it 25 h, a finding', async () => {
    expect(data.settings.timeZone).toBe('America/New_York');
    expect((await ld()).clockChange).toBe('scheduled_hours');
    expect(await onFallBack()).toEqual([]); // 07:00 EDT → 06:00 EST: 24 real hours

    const resident = core.openSession();
    await signIn(resident.dispatch, 'resident');
    expect(
      await refusal(resident, 'callTypes.setClockChange', { changes: [{ code: 'LD', clockChange: 'clock_end' }] }),
    ).toMatchObject({ code: 'forbidden' });

    const changed = await call<CallType[]>(coordinator, 'callTypes.setClockChange', {
      changes: [{ code: 'LD', clockChange: 'clock_end' }],
    });
    expect(changed.map((t) => [t.code, t.clockChange])).toEqual([['LD', 'clock_end']]);
    expect((await ld()).clockChange).toBe('clock_end');
    const [finding, ...more] = await onFallBack(); // 07:00 EDT → 07:00 EST: 25 real hours
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ end: '2026-11-01', measured: 25, limit: 24 });
    expect(finding.explanation).toContain('keeps its clock end on the night the clocks fall back');
    expect((await auditOf('call_type')).map((a) => [a.action, a.entityId])).toContainEqual([
      'callTypes.setClockChange',
      'LD',
    ]);

    // All or nothing: an unknown code or a word the setting does not know refuses the change.
    const unknown = await refusal(coordinator, 'callTypes.setClockChange', {
      changes: [
        { code: 'LD', clockChange: 'scheduled_hours' },
        { code: 'NOPE', clockChange: 'clock_end' },
      ],
    });
    expect(unknown).toMatchObject({
      code: 'not_found',
      issues: [{ path: 'changes[1].code', message: 'no such call type' }],
    });
    const badWord = await refusal(coordinator, 'callTypes.setClockChange', {
      changes: [{ code: 'LD', clockChange: 'longer' }],
    });
    expect(badWord).toMatchObject({ code: 'invalid_input' });
    expect(badWord.issues?.[0].path).toBe('changes[0].clockChange');
    expect((await ld()).clockChange).toBe('clock_end');

    await call(coordinator, 'callTypes.setClockChange', { changes: [{ code: 'LD', clockChange: 'scheduled_hours' }] });
    expect(await onFallBack()).toEqual([]);
  });
});

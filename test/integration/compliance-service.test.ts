// The compliance service over a real program file: findings equal the engine's full validation,
// stay equal after publishes, rollbacks and settings changes (kept current by incremental edits
// where possible), drafts are checked as published + their changes, acknowledgements are stored
// and audited, filters narrow the list, and the hours and summary agree with the findings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgramData } from '../../core/domain/program';
import {
  acknowledgeComplianceFinding,
  complianceFindings,
  complianceHours,
  complianceOf,
  complianceSummary,
  type ComplianceContext,
} from '../../core/services/compliance';
import { baseOf } from '../../core/services/compliance/checked-schedule';
import { ProgramCompliance } from '../../core/services/compliance/program-cache';
import { snapshotOf } from '../../core/services/compliance/snapshot';
import { readProgramData } from '../../core/db/program-data';
import {
  acknowledgeFinding,
  compareDraft,
  createDraft,
  editDraft,
  publishDraft,
  queryAudit,
  rollbackPublication,
  validateDraft,
  type DraftContext,
} from '../../core/services/drafts';
import { applyDiffToProgram } from '../../core/services/drafts/overlay-program';
import { createAbsence, deleteAbsence } from '../../core/services/absences';
import { setupAdministrator, signIn } from '../../core/services/accounts';
import { scheduleVersion } from '../../core/services/schedule-version';
import { updatePerson } from '../../core/services/people';
import type { Program } from '../../core/services/program';
import { updateSettings } from '../../core/services/settings';
import { DEMO_PASSWORD, TEST_PASSWORD_COST as COST } from '../sign-in';
import { buildFixture, freshFindings, ids, openCopy, slotsOf, YEAR, type Fixture } from './compliance-fixture';

let fixture: Fixture;
beforeAll(async () => {
  fixture = await buildFixture();
});
afterAll(() => fixture.cleanup());

const published = { academicYear: YEAR, draftId: null };

async function withProgram(body: (ctx: ComplianceContext & DraftContext, program: Program) => Promise<void>) {
  const program = await openCopy(fixture);
  try {
    await body({ program, actor: 'coordinator' }, program);
  } finally {
    await program.close();
  }
}

/** A new draft putting `activityCode` in `cells`. */
async function draftSetting(ctx: DraftContext, name: string, cells: ReturnType<typeof slotsOf>, activityCode: string) {
  const draft = await createDraft(ctx, { name });
  await editDraft(ctx, draft.id, { kind: 'setActivity', cells, activityCode });
  return draft;
}

/** Publish a draft, acknowledging (for the draft) whatever blocking findings it adds. */
async function publish(ctx: DraftContext, draftId: number) {
  const v = await validateDraft(ctx, draftId);
  for (const f of v.added.filter((x) => x.blocking))
    await acknowledgeFinding(ctx, {
      findingId: f.id,
      draftId,
      reasonCode: 'approved_exception',
      reason: 'test publish',
    });
  return publishDraft(ctx, { draftId, acceptChurnWarnings: true, breakGlass: null });
}

describe('compliance findings of the published schedule', () => {
  it('equal the engine run from scratch, sorted most serious first, with names and categories', async () => {
    await withProgram(async (ctx, program) => {
      const result = await complianceFindings(ctx, published);
      expect(ids(result.findings)).toEqual(ids(await freshFindings(program)));
      expect(result.total).toBe(result.findings.length);
      expect(result.range).toEqual({ start: '2026-07-01', end: '2027-06-30' });
      const ranks = result.findings.map((f) => ['critical', 'high', 'medium', 'low'].indexOf(f.severity));
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      const named = result.findings.find((f) => f.personId !== null)!;
      expect(named.personName).toBe(fixture.data.people.find((p) => p.id === named.personId)!.name);
      expect(result.findings.every((f) => f.acknowledgement === null)).toBe(true);
      expect(result.rules.map((r) => r.id)).toContain('acgme_80h');
    });
  });

  it('read the program in parts, between which other work runs, to what one whole read gives', async () => {
    await withProgram(async (ctx, program) => {
      const whole = await readProgramData(program.db);
      expect(whole.assignments.length).toBeGreaterThan(3 * 7);
      const cache = new ProgramCompliance(program, () => new Date(), 7);
      let turns = 0;
      let reading = true;
      const count = () => {
        if (!reading) return;
        turns++;
        setImmediate(count);
      };
      setImmediate(count);
      const schedule = await cache.year(YEAR);
      reading = false;
      expect(turns).toBeGreaterThan(0);
      expect(schedule.base).toEqual(baseOf(whole));
      expect(schedule.snapshot).toEqual(snapshotOf(whole));
      expect(ids(schedule.findings())).toEqual(ids(await freshFindings(program)));

      // After a publish it reads again in parts: the same as a whole read of the new schedule.
      const draft = await draftSetting(ctx, 'parts', slotsOf('res-01', '2026-09-01', 2), 'OFF');
      await publish(ctx, draft.id);
      const after = await cache.year(YEAR);
      expect(after.snapshot).toEqual(snapshotOf(await readProgramData(program.db)));
      expect(ids(after.findings())).toEqual(ids(await freshFindings(program)));
    });
  });

  it('follow publishes and rollbacks incrementally (same validator, only the changed slots re-checked)', async () => {
    await withProgram(async (ctx, program) => {
      await complianceFindings(ctx, published);
      const validator = await complianceOf(program).year(YEAR);
      const version = validator.version;

      const draft = await draftSetting(ctx, '80 hours for res-04', slotsOf('res-04', '2027-01-04', 28), 'EM');
      const publication = await publish(ctx, draft.id);

      const after = await complianceFindings(ctx, published);
      expect(await complianceOf(program).year(YEAR)).toBe(validator);
      expect(validator.version).toBe(version + 1);
      expect(ids(after.findings)).toEqual(ids(await freshFindings(program)));
      const hours = after.findings.find((f) => f.ruleId === 'acgme_80h' && f.personId === 'res-04');
      expect(hours).toMatchObject({ severity: 'critical', unit: 'h/week', limit: 80 });
      expect(hours!.measured).toBeGreaterThan(80);
      // Acknowledged for the draft at publish time: it counts for the published schedule now.
      expect(hours!.acknowledgement).toMatchObject({ draftId: draft.id, reasonCode: 'approved_exception' });

      await rollbackPublication(ctx, { publicationId: publication.id, reason: 'undo the test' });
      const rolledBack = await complianceFindings(ctx, published);
      expect(ids(rolledBack.findings)).toEqual(ids(await freshFindings(program)));
      expect(rolledBack.findings.some((f) => f.ruleId === 'acgme_80h' && f.personId === 'res-04')).toBe(false);
    });
  });

  it('follow absences added and removed through the absences service', async () => {
    await withProgram(async (ctx, program) => {
      await complianceFindings(ctx, published);
      const validator = await complianceOf(program).year(YEAR);
      const absence = await createAbsence(
        program,
        { personId: 'res-02', type: 'tdy', start: '2026-10-05', end: '2026-10-09', status: 'approved', note: null },
        'coordinator',
      );
      const during = await complianceFindings(ctx, published, { personIds: ['res-02'], ruleIds: ['absence_conflict'] });
      expect(during.findings.map((f) => f.id)).toContain('absence_conflict|res-02|2026-10-05|2026-10-09|half-days');
      expect(await complianceOf(program).year(YEAR)).toBe(validator);
      expect(ids((await complianceFindings(ctx, published)).findings)).toEqual(ids(await freshFindings(program)));
      await deleteAbsence(program, absence.id, 'coordinator');
      expect(
        (await complianceFindings(ctx, published, { personIds: ['res-02'], ruleIds: ['absence_conflict'] })).findings,
      ).toEqual([]);
      expect(validator.version).toBe(2);
    });
  });

  it('ignore draft work (no re-read), and start over when the rules or people change', async () => {
    await withProgram(async (ctx, program) => {
      const before = await complianceFindings(ctx, published);
      const validator = await complianceOf(program).year(YEAR);
      await draftSetting(ctx, 'scratch', slotsOf('res-01', '2026-09-01', 2), 'OFF');
      expect(ids((await complianceFindings(ctx, published)).findings)).toEqual(ids(before.findings));
      expect(validator.version).toBe(0);

      // Switch off the rule behind a finding, one that leaves a resident's finding to rename below:
      // its findings go.
      const someone = before.findings.find((f) => f.personId?.startsWith('res-'))!;
      const ruleId = before.findings.find((f) => f.ruleId !== someone.ruleId)!.ruleId;
      const settings = {
        ...fixture.data.settings,
        rules: fixture.data.settings.rules.map((r) => (r.id === ruleId ? { ...r, enabled: false } : r)),
      };
      await updateSettings(program, settings, 'coordinator');
      const fewer = await complianceFindings(ctx, published);
      expect(fewer.findings.some((f) => f.ruleId === ruleId)).toBe(false);
      expect(fewer.rules.map((r) => r.id)).not.toContain(ruleId);
      expect(ids(fewer.findings)).toEqual(ids(await freshFindings(program)));

      expect(ids(fewer.findings)).toContain(someone.id);
      const person = fixture.data.people.find((p) => p.id === someone.personId)!;
      await updatePerson(
        program,
        person.id,
        {
          name: `${person.name} Jr`,
          kind: 'resident',
          facultyRole: null,
          pgy: person.pgyByYear[String(YEAR)],
          academicYear: YEAR,
          email: person.email,
          active: true,
        },
        'coordinator',
      );
      const renamed = await complianceFindings(ctx, { ...published });
      expect(renamed.findings.find((f) => f.id === someone.id)!.personName).toBe(`${person.name} Jr`);
    });
  });

  it('leave the program unread after a sign-in: a draft keeps its validator, a sweep stays current', async () => {
    await withProgram(async (ctx, program) => {
      await setupAdministrator(program, { username: 'admin', displayName: 'Admin', password: DEMO_PASSWORD }, COST);
      const draft = await draftSetting(ctx, 'looked at', slotsOf('res-01', '2026-09-01', 2), 'OFF');
      const validator = await complianceOf(program).draft(draft.id, YEAR);
      const version = await scheduleVersion(program.db);
      await signIn(program, 'admin', DEMO_PASSWORD, COST);
      await signIn(program, 'admin', 'not the password', COST).catch(() => undefined);
      // Re-reading the program drops every draft's validator (built again: a year's schedule) and moves the
      // schedule's version, which would mark the last contingency sweep stale ("account signIn at …").
      expect(await complianceOf(program).draft(draft.id, YEAR)).toBe(validator);
      expect(await scheduleVersion(program.db)).toEqual(version);
    });
  });

  it('filter by rule, severity, person, dates and acknowledgement', async () => {
    await withProgram(async (ctx) => {
      const all = (await complianceFindings(ctx, published)).findings;
      const rule = all[0].ruleId;
      const byRule = await complianceFindings(ctx, published, { ruleIds: [rule] });
      expect(byRule.findings.length).toBeGreaterThan(0);
      expect(byRule.findings.every((f) => f.ruleId === rule)).toBe(true);
      expect(byRule.total).toBe(all.length);

      const low = await complianceFindings(ctx, published, { severities: ['low'] });
      expect(low.findings.map((f) => f.id)).toEqual(all.filter((f) => f.severity === 'low').map((f) => f.id));

      const person = all.find((f) => f.personId)!.personId!;
      const mine = await complianceFindings(ctx, published, { personIds: [person] });
      expect(mine.findings.map((f) => f.id)).toEqual(all.filter((f) => f.personId === person).map((f) => f.id));

      // A window filter keeps findings that overlap it, including ones that only touch it.
      const from = '2026-10-01';
      const to = '2026-10-31';
      const october = await complianceFindings(ctx, published, { from, to });
      expect(october.findings.map((f) => f.id)).toEqual(
        all.filter((f) => f.end >= from && f.start <= to).map((f) => f.id),
      );
      expect(october.findings.length).toBeLessThan(all.length);

      await acknowledgeComplianceFinding(ctx, {
        ...published,
        findingId: all[1].id,
        reasonCode: 'staffing_shortage',
        reason: 'known gap, covered by locums',
      });
      const acked = await complianceFindings(ctx, published, { acknowledged: true });
      expect(acked.findings.map((f) => f.id)).toEqual([all[1].id]);
      const open = await complianceFindings(ctx, published, { acknowledged: false, severities: [all[1].severity] });
      expect(open.findings.map((f) => f.id)).not.toContain(all[1].id);

      await expect(complianceFindings(ctx, published, { from: '2026-11-01', to: '2026-10-01' })).rejects.toThrow(
        /ends \(2026-10-01\) before it starts/,
      );
      await expect(complianceFindings(ctx, { academicYear: 2031, draftId: null })).rejects.toThrow(
        /no academic year 2031/,
      );
    });
  });
});

describe('acknowledging a finding', () => {
  it('stores it program-wide with the reason, audits it, keeps the finding listed and marked', async () => {
    await withProgram(async (ctx) => {
      const { findings } = await complianceFindings(ctx, published);
      const target = findings.find((f) => f.personId !== null)!;
      const result = await acknowledgeComplianceFinding(ctx, {
        ...published,
        findingId: target.id,
        reasonCode: 'approved_exception',
        reason: 'PD approved the exception',
      });
      expect(result.acknowledgement).toMatchObject({
        findingId: target.id,
        draftId: null,
        reasonCode: 'approved_exception',
        reason: 'PD approved the exception',
        actor: 'coordinator',
      });

      const after = await complianceFindings(ctx, published);
      expect(after.findings).toHaveLength(findings.length);
      expect(after.findings.find((f) => f.id === target.id)!.acknowledgement?.reason).toBe('PD approved the exception');

      const audit = await queryAudit(ctx, { action: 'finding.acknowledge', entityId: target.id, limit: 10, offset: 0 });
      expect(audit.total).toBe(1);
      expect(audit.entries[0]).toMatchObject({
        actor: 'coordinator',
        after: {
          reasonCode: 'approved_exception',
          reason: 'PD approved the exception',
          draftId: null,
          personId: target.personId,
          ruleId: target.ruleId,
          severity: target.severity,
        },
      });
      // So the person's audit trail shows it.
      const byPerson = await queryAudit(ctx, {
        personId: target.personId!,
        action: 'finding.acknowledge',
        limit: 10,
        offset: 0,
      });
      expect(byPerson.entries.map((e) => e.entityId)).toEqual([target.id]);

      // A program-wide acknowledgement counts for drafts too.
      const draft = await draftSetting(ctx, 'later', slotsOf('res-02', '2027-02-01', 1), 'OFF');
      const inDraft = await complianceFindings(ctx, { academicYear: YEAR, draftId: draft.id });
      expect(inDraft.findings.find((f) => f.id === target.id)?.acknowledgement?.id).toBe(result.acknowledgement!.id);
    });
  });

  it('refuses a finding that does not exist and changes nothing', async () => {
    await withProgram(async (ctx) => {
      await expect(
        acknowledgeComplianceFinding(ctx, {
          ...published,
          findingId: 'acgme_80h|nobody|2026-07-01|2026-07-28',
          reasonCode: 'other',
          reason: 'nothing here',
        }),
      ).rejects.toThrow(/No current finding/);
      expect((await queryAudit(ctx, { action: 'finding.acknowledge', limit: 10, offset: 0 })).total).toBe(0);
    });
  });
});

describe('checking a draft', () => {
  it('is the published schedule with the draft changes, re-checked incrementally after each edit', async () => {
    await withProgram(async (ctx, program) => {
      const draft = await createDraft(ctx, { name: 'long block' });
      const target = { academicYear: YEAR, draftId: draft.id };
      const drafted = async () => {
        const { diff } = await compareDraft(ctx, { draftId: draft.id });
        return freshFindings(program, (d: ProgramData) => applyDiffToProgram(d, diff));
      };
      expect(ids((await complianceFindings(ctx, target)).findings)).toEqual(ids(await freshFindings(program)));
      const validator = await complianceOf(program).draft(draft.id, YEAR);

      await editDraft(ctx, draft.id, {
        kind: 'setActivity',
        cells: slotsOf('res-04', '2027-01-04', 28),
        activityCode: 'EM',
      });
      const heavy = await complianceFindings(ctx, target);
      expect(ids(heavy.findings)).toEqual(ids(await drafted()));
      expect(heavy.findings.some((f) => f.ruleId === 'acgme_80h' && f.personId === 'res-04')).toBe(true);
      expect(await complianceOf(program).draft(draft.id, YEAR)).toBe(validator);

      // Undo part of it: clearing keys falls back to the published values.
      await editDraft(ctx, draft.id, {
        kind: 'revert',
        cells: slotsOf('res-04', '2027-01-18', 14),
        calls: [],
        inpatientWeeks: [],
      });
      const lighter = await complianceFindings(ctx, target);
      expect(ids(lighter.findings)).toEqual(ids(await drafted()));
      expect(lighter.findings.some((f) => f.ruleId === 'acgme_80h' && f.personId === 'res-04')).toBe(false);

      // The published schedule is untouched by the draft.
      expect(ids((await complianceFindings(ctx, published)).findings)).toEqual(ids(await freshFindings(program)));
    });
  });

  it('refuses drafts that are unknown or no longer open', async () => {
    await withProgram(async (ctx) => {
      await expect(complianceFindings(ctx, { academicYear: YEAR, draftId: 999 })).rejects.toThrow(
        /No draft with id 999/,
      );
      const draft = await draftSetting(ctx, 'to publish', slotsOf('res-02', '2027-02-01', 1), 'OFF');
      await publish(ctx, draft.id);
      await expect(complianceFindings(ctx, { academicYear: YEAR, draftId: draft.id })).rejects.toThrow(
        /is published; only open drafts/,
      );
    });
  });
});

describe('hours and summary', () => {
  it('chart weekly hours with the 28-day average that agrees with the 80-hour findings', async () => {
    await withProgram(async (ctx) => {
      const draft = await draftSetting(ctx, '80 hours', slotsOf('res-04', '2027-01-04', 28), 'EM');
      const target = { academicYear: YEAR, draftId: draft.id };
      const hours = await complianceHours(ctx, target);
      expect(hours).toMatchObject({ limitHours: 80, windowDays: 28, includeMoonlighting: true });
      expect(hours.residents).toHaveLength(9);
      const res04 = hours.residents.find((r) => r.personId === 'res-04')!;
      // ISO weeks from the Monday on or before July 1 to the week holding June 30.
      expect(res04.weeks[0].start).toBe('2026-06-29');
      expect(res04.weeks.at(-1)!.end).toBe('2027-07-04');
      // Twelve-hour EM days, seven days a week: at least 84 hours (calls may add more).
      for (const start of ['2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25']) {
        expect(res04.weeks.find((w) => w.start === start)!.hours).toBeGreaterThanOrEqual(84);
      }
      expect(res04.weeks.find((w) => w.start === '2027-01-25')!.rolling).toBeGreaterThanOrEqual(84);
      expect(res04.maxAverage).toBeGreaterThan(80);
      expect(res04.weeksOver).toBeGreaterThan(0);

      const { findings } = await complianceFindings(ctx, target, { ruleIds: ['acgme_80h'] });
      for (const r of hours.residents) {
        expect(r.maxAverage > 80, r.personId).toBe(findings.some((f) => f.personId === r.personId));
      }
      const only = await complianceHours(ctx, { ...published }, ['res-01']);
      expect(only.residents.map((r) => r.personId)).toEqual(['res-01']);
    });
  });

  it('summarises counts, worst residents and the weeks at risk ahead', async () => {
    await withProgram(async (ctx) => {
      const draft = await draftSetting(ctx, '80 hours', slotsOf('res-04', '2027-01-04', 28), 'EM');
      const target = { academicYear: YEAR, draftId: draft.id };
      const { findings } = await complianceFindings(ctx, target);
      const summary = await complianceSummary(ctx, target, '2026-12-30');
      const count = (s: string) => findings.filter((f) => f.severity === s).length;
      expect(summary.counts).toEqual({
        critical: count('critical'),
        high: count('high'),
        medium: count('medium'),
        low: count('low'),
      });
      expect(summary.open).toEqual(summary.counts);
      expect(summary.worstResidents[0].personId).toBe('res-04');
      expect(summary.worstResidents.length).toBeLessThanOrEqual(5);
      expect(summary.byRule.reduce((n, r) => n + r.count, 0)).toBe(findings.length);
      // Eight weeks ahead from the week of 30 Dec; the 80-hour run (4–31 Jan) is critical, and
      // its last week is the first whose 28-day average is all EM days.
      expect(summary.weeksAtRisk.length).toBeGreaterThan(0);
      expect(summary.weeksAtRisk.every((w) => w.start >= '2026-12-28' && w.start <= '2027-02-15')).toBe(true);
      const jan25 = summary.weeksAtRisk.find((w) => w.start === '2027-01-25')!;
      expect(jan25.critical).toBeGreaterThan(0);
      expect(jan25.residentsNearLimit.map((r) => r.personId)).toContain('res-04');
      expect(jan25.reasons.join(' ')).toMatch(/critical.*h\/week/);

      // Acknowledged findings leave the open counts.
      const critical = findings.find((f) => f.severity === 'critical')!;
      await acknowledgeComplianceFinding(ctx, {
        ...target,
        findingId: critical.id,
        reasonCode: 'clinical_necessity',
        reason: 'surge coverage approved',
      });
      const after = await complianceSummary(ctx, target, '2026-12-30');
      expect(after.open.critical).toBe(summary.open.critical - 1);
      expect(after.acknowledged).toBe(1);

      // After the year there is nothing ahead.
      expect((await complianceSummary(ctx, published, '2027-08-01')).weeksAtRisk).toEqual([]);
    });
  });
});

// compliance.* through the API dispatcher (input checks, filters, acknowledgement audited,
// refusals with their codes) and the `validate` CLI command (JSON output, exit codes: 3 while a
// critical finding is open, 0 once it is acknowledged, 1 failed, 2 called wrongly).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type ComplianceFinding, type FindingsResult } from '../../core/api/contract';
import { createHandlers } from '../../core/api/handlers';
import { createDispatcher, type Envelope } from '../../core/api/kit';
import { main } from '../../core/cli/main';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { JobService } from '../../core/jobs/service';
import { exportProgramToFile } from '../../core/services/exchange';
import type { Program } from '../../core/services/program';
import { buildFixture, openCopy, slotsOf, withActivity, YEAR, type Fixture } from './compliance-fixture';

let fixture: Fixture;
let program: Program;
let pool: WorkerPool;
let dispatch: ReturnType<typeof createDispatcher>;

beforeAll(async () => {
  // res-04 works 12-hour EM days for four weeks in January: over 80 hours a week (critical).
  fixture = await buildFixture(withActivity('res-04', '2027-01-04', 28, 'EM'));
  program = await openCopy(fixture);
  pool = createWorkerPool({ workerDir: path.join(fixture.dir, 'no-workers'), maxThreads: 1 });
  const handlers = createHandlers({ program: () => program, jobs: new JobService(pool), actor: 'coordinator' });
  dispatch = createDispatcher(contract, () => handlers);
});

afterAll(async () => {
  await program.close();
  await pool.close();
  fixture.cleanup();
});

async function ok<T>(method: string, payload: unknown): Promise<T> {
  const result = (await dispatch(method, payload)) as Envelope<T>;
  if (!result.ok) throw new Error(`${method} failed: ${result.error.message}`);
  return result.value;
}
async function refused(method: string, payload: unknown) {
  const result = await dispatch(method, payload);
  if (result.ok) throw new Error(`${method} accepted ${JSON.stringify(payload)}`);
  return result.error;
}

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('compliance API', () => {
  it('lists the year’s findings, critical ones first (the 80-hour one among them), and filters them', async () => {
    const all = await ok<FindingsResult>('compliance.findings', { academicYear: YEAR });
    const critical = all.findings.filter((f) => f.severity === 'critical');
    expect(all.findings.slice(0, critical.length)).toEqual(critical);
    expect(critical.find((f) => f.ruleId === 'acgme_80h')).toMatchObject({
      personId: 'res-04',
      acknowledgement: null,
      limit: 80,
    });
    expect(all.totals.critical).toBe(critical.length);
    const filtered = await ok<FindingsResult>('compliance.findings', {
      academicYear: YEAR,
      severities: ['critical'],
      personIds: ['res-04'],
      ruleIds: ['acgme_80h'],
      from: '2027-01-20',
      to: '2027-01-21',
    });
    expect(filtered.findings.map((f) => f.ruleId)).toEqual(['acgme_80h']);
    expect(filtered.total).toBe(all.total);
  });

  it('refuses bad filters and unknown years or drafts, naming the problem', async () => {
    const badSeverity = await refused('compliance.findings', { academicYear: YEAR, severities: ['urgent'] });
    expect(badSeverity.code).toBe('invalid_input');
    expect(badSeverity.issues?.[0].path).toBe('severities[0]');
    const backwards = await refused('compliance.findings', {
      academicYear: YEAR,
      from: '2027-02-01',
      to: '2027-01-01',
    });
    expect(backwards.issues).toEqual([{ path: 'to', message: 'end must be on or after start' }]);
    expect(await refused('compliance.findings', { academicYear: 2031 })).toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/no academic year 2031/),
    });
    expect(await refused('compliance.hours', { academicYear: YEAR, draftId: 77 })).toMatchObject({
      code: 'not_found',
      message: 'No draft with id 77',
    });
  });

  it('acknowledges with a reason code and text (audited), and needs a real reason and a current finding', async () => {
    const { findings } = await ok<FindingsResult>('compliance.findings', {
      academicYear: YEAR,
      severities: ['critical'],
    });
    const noReason = await refused('compliance.acknowledge', {
      academicYear: YEAR,
      findingId: findings[0].id,
      reasonCode: 'other',
      reason: ' ',
    });
    expect(noReason.issues?.[0].path).toBe('reason');
    expect(
      await refused('compliance.acknowledge', {
        academicYear: YEAR,
        findingId: findings[0].id,
        reasonCode: 'because',
        reason: 'a reason',
      }),
    ).toMatchObject({ code: 'invalid_input' });
    expect(
      await refused('compliance.acknowledge', {
        academicYear: YEAR,
        findingId: 'nope',
        reasonCode: 'other',
        reason: 'a reason',
      }),
    ).toMatchObject({ code: 'not_found' });

    const acked = await ok<ComplianceFinding>('compliance.acknowledge', {
      academicYear: YEAR,
      findingId: findings[0].id,
      reasonCode: 'clinical_necessity',
      reason: 'ED surge, PD approved',
    });
    expect(acked.acknowledgement).toMatchObject({
      reasonCode: 'clinical_necessity',
      reason: 'ED surge, PD approved',
      actor: 'coordinator',
    });
    const audit = await ok<{
      total: number;
      entries: { action: string; entityId: string; after: { reason: string } }[];
    }>('audit.query', { action: 'finding.acknowledge' });
    expect(audit.entries.map((e) => [e.entityId, e.after.reason])).toContainEqual([
      findings[0].id,
      'ED surge, PD approved',
    ]);
    const still = await ok<FindingsResult>('compliance.findings', { academicYear: YEAR, acknowledged: true });
    expect(still.findings.map((f) => f.id)).toEqual([findings[0].id]);
  });

  it('gives hours and a summary for the year', async () => {
    const hours = await ok<{ residents: { personId: string; maxAverage: number }[]; limitHours: number }>(
      'compliance.hours',
      { academicYear: YEAR, personIds: ['res-04'] },
    );
    expect(hours.limitHours).toBe(80);
    expect(hours.residents).toHaveLength(1);
    expect(hours.residents[0].maxAverage).toBeGreaterThan(80);
    const summary = await ok<{ worstResidents: { personId: string }[]; asOf: string }>('compliance.summary', {
      academicYear: YEAR,
      asOf: '2026-12-28',
    });
    expect(summary.asOf).toBe('2026-12-28');
    expect(summary.worstResidents.map((r) => r.personId)).toContain('res-04');
  });
});

describe('validate command', () => {
  it(
    'prints the findings as JSON and exits 3 while a critical finding is open, 0 once it is ' + 'acknowledged',
    async () => {
      const db = path.join(fixture.dir, 'cli.sqlite');
      fs.copyFileSync(fixture.template, db);
      const first = await cli('validate', db, '--year', String(YEAR));
      expect(first.code).toBe(3);
      const report = JSON.parse(first.out);
      expect(report).toMatchObject({
        kind: 'database',
        draftId: null,
        range: { start: '2026-07-01', end: '2027-06-30' },
      });
      expect(report.open.critical).toBeGreaterThan(0);
      expect(report.findings.length).toBe(
        report.counts.critical + report.counts.high + report.counts.medium + report.counts.low,
      );
      expect(report.findings[0]).toMatchObject({
        severity: 'critical',
        personName: expect.any(String),
        explanation: expect.any(String),
        acknowledgement: null,
      });

      // Only the days before the 80-hour run: no critical finding there.
      const before = await cli('validate', db, '--from', '2026-09-01', '--to', '2026-09-30');
      expect(before.code).toBe(0);
      expect(
        JSON.parse(before.out).findings.every(
          (f: { end: string; start: string }) => f.end >= '2026-09-01' && f.start <= '2026-09-30',
        ),
      ).toBe(true);

      // Acknowledge every open critical finding through the API on that file, then it passes.
      const { openProgram } = await import('../../core/services/program');
      const other = await openProgram(db);
      try {
        const handlers = createHandlers({ program: () => other, jobs: new JobService(pool), actor: 'pd' });
        const d = createDispatcher(contract, () => handlers);
        for (const f of report.findings.filter((x: ComplianceFinding) => x.severity === 'critical')) {
          const r = await d('compliance.acknowledge', {
            academicYear: YEAR,
            findingId: f.id,
            reasonCode: 'approved_exception',
            reason: 'accepted by the PD',
          });
          expect(r.ok).toBe(true);
        }
      } finally {
        await other.close();
      }
      const after = await cli('validate', db, '--year', String(YEAR));
      expect(after.code).toBe(0);
      expect(JSON.parse(after.out).acknowledged).toBe(report.counts.critical);
    },
  );

  it('checks an open draft of a database with --draft', async () => {
    const db = path.join(fixture.dir, 'cli-draft.sqlite');
    fs.copyFileSync(fixture.template, db);
    const { openProgram } = await import('../../core/services/program');
    const { createDraft, editDraft } = await import('../../core/services/drafts');
    const other = await openProgram(db);
    let draftId: number;
    try {
      // The draft takes res-04 off the EM run: no 80-hour finding in it.
      const ctx = { program: other, actor: 'coordinator' };
      draftId = (await createDraft(ctx, { name: 'lighter January' })).id;
      await editDraft(ctx, draftId, {
        kind: 'setActivity',
        cells: slotsOf('res-04', '2027-01-04', 28),
        activityCode: 'OFF',
      });
    } finally {
      await other.close();
    }
    const published = JSON.parse((await cli('validate', db, '--year', String(YEAR))).out);
    const drafted = await cli('validate', db, '--year', String(YEAR), '--draft', String(draftId));
    const report = JSON.parse(drafted.out);
    expect(report.draftId).toBe(draftId);
    const has80 = (r: { findings: ComplianceFinding[] }) =>
      r.findings.some((f) => f.ruleId === 'acgme_80h' && f.personId === 'res-04');
    expect(has80(published)).toBe(true);
    expect(has80(report)).toBe(false);
    const missing = await cli('validate', db, '--draft', '999');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No draft with id 999');
    expect((await cli('validate', path.join(fixture.dir, 'x.json'), '--draft', '1')).code).toBe(2);
  });

  it('checks a program exchange file without a database', async () => {
    const json = path.join(fixture.dir, 'program.json');
    const source = await openCopy(fixture);
    try {
      await exportProgramToFile(source, json);
    } finally {
      await source.close();
    }
    const result = await cli('validate', json, '--year', String(YEAR));
    expect(result.code).toBe(3);
    expect(JSON.parse(result.out)).toMatchObject({ kind: 'program-file', acknowledged: 0 });
  });

  it('refuses wrong calls with exit 2 and failures with exit 1', async () => {
    const db = fixture.template;
    expect((await cli('validate')).code).toBe(2);
    const half = await cli('validate', db, '--from', '2026-09-01');
    expect(half.code).toBe(2);
    expect(half.err).toContain('--from and --to go together');
    expect((await cli('validate', db, '--year', '2026', '--from', '2026-09-01', '--to', '2026-09-02')).code).toBe(2);
    expect((await cli('validate', db, '--from', '2026-13-01', '--to', '2026-12-02')).err).toContain(
      '--from expects a date',
    );
    const missingYear = await cli('validate', db, '--year', '2031');
    expect(missingYear.code).toBe(1);
    expect(missingYear.err).toContain('no academic year 2031');
    const missingFile = await cli('validate', path.join(fixture.dir, 'none.sqlite'));
    expect(missingFile.code).toBe(1);
    expect((await cli('validate', path.join(fixture.dir, 'none.json'))).code).toBe(1);
    const help = await cli('--help');
    expect(help.out).toContain('  validate ');
  });
});

// The Settings view's API: changing some settings at a time (the others stay), rule parameters
// checked by rule type, holidays of a year replaced as a whole; every change audited, a refused
// one writing nothing; and the next compliance check uses what was saved.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplianceSummary, ProgramInfo } from '../../core/api/contract';
import { contract } from '../../core/api/contract';
import { createHandlers } from '../../core/api/handlers';
import { createDispatcher, type Envelope } from '../../core/api/kit';
import { generateProgram } from '../../core/demo/generate';
import type { Holiday, RuleConfig } from '../../core/domain/types';
import { createWorkerPool, type WorkerPool } from '../../core/jobs/pool';
import { JobService } from '../../core/jobs/service';
import { createProgramFile } from '../../core/services/create';
import { openProgram, type Program } from '../../core/services/program';

let dir: string;
let program: Program;
let pool: WorkerPool;
let dispatch: ReturnType<typeof createDispatcher>;
const demo = generateProgram({ seed: 5, academicYear: 2026, residentsPerPgy: [3, 3, 3], facultyCount: 8 });

async function call<T>(method: string, payload: unknown): Promise<T> {
  const result = (await dispatch(method, payload)) as Envelope<T>;
  if (!result.ok) throw new Error(`${method}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}
async function failure(method: string, payload: unknown) {
  const result = await dispatch(method, payload);
  if (result.ok) throw new Error(`${method} unexpectedly succeeded`);
  return result.error;
}
const auditCount = async () => (await program.db.selectFrom('audit_log').select('id').execute()).length;
const settings = async () => (await call<ProgramInfo>('program.info', {})).settings;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settings-api-'));
  const file = path.join(dir, 'program.sqlite');
  await createProgramFile(file, demo);
  program = await openProgram(file);
  pool = createWorkerPool({ workerDir: path.join(dir, 'no-workers'), maxThreads: 1 });
  const handlers = createHandlers({ program: () => program, jobs: new JobService(pool), actor: 'coordinator' });
  dispatch = createDispatcher(contract, () => handlers);
});

afterAll(async () => {
  await program.close();
  await pool.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('changing settings', () => {
  it('changes only what it names, audited', async () => {
    const before = await settings();
    await call('program.updateSettings', {
      lockDate: '2026-09-30',
      churn: { ...before.churn, warnPeopleAffected: 12 },
    });
    const after = await settings();
    expect(after.lockDate).toBe('2026-09-30');
    expect(after.churn.warnPeopleAffected).toBe(12);
    expect({ ...after, lockDate: before.lockDate, churn: before.churn }).toEqual(before);
    const last = await program.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.action).toBe('program.updateSettings');
    expect(JSON.parse(last.after!).lockDate).toBe('2026-09-30');
  });

  it('shows a solver weight the program never set at its default, the one generation uses', async () => {
    const stored = await program.db.selectFrom('program_settings').select('json').executeTakeFirstOrThrow();
    const json = JSON.parse(stored.json);
    const { publishedSlotChange: _dropped, ...older } = json.solverWeights;
    await program.db
      .updateTable('program_settings')
      .set({ json: JSON.stringify({ ...json, solverWeights: older }) })
      .execute();
    try {
      // A program made before the app had this weight: it reads (and is used) at its default.
      expect((await settings()).solverWeights.publishedSlotChange).toBe(12);
    } finally {
      await program.db.updateTable('program_settings').set({ json: stored.json }).execute();
    }
  });

  it('refuses bad rule parameters and thresholds out of order, naming each, and writes nothing', async () => {
    const before = await settings();
    const count = await auditCount();
    const rules: RuleConfig[] = before.rules.map((r) =>
      r.type === 'acgme_80h' ? { ...r, params: { ...r.params, limitHours: -5 } } : r,
    );
    const index = rules.findIndex((r) => r.type === 'acgme_80h');
    const error = await failure('program.updateSettings', {
      rules,
      churn: { ...before.churn, warnPersonPct: 60, rejectPersonPct: 50 },
    });
    expect(error.code).toBe('invalid_input');
    expect(error.issues?.map((i) => i.path)).toEqual([`rules[${index}].params.limitHours`, 'churn.warnPersonPct']);
    const unknown = await failure('program.updateSettings', {
      rules: [...before.rules, { ...before.rules[0], id: 'mystery', type: 'no_such_rule' }],
    });
    expect(unknown.issues).toEqual([
      { path: `rules[${before.rules.length}].type`, message: 'unknown rule type "no_such_rule"' },
    ]);
    expect(await settings()).toEqual(before);
    expect(await auditCount()).toBe(count);
  });

  it('is used by the next compliance check', async () => {
    const summary = () => call<ComplianceSummary>('compliance.summary', { academicYear: 2026, draftId: null });
    const before = await summary();
    const current = await settings();
    const strict = current.rules.map((r) =>
      r.type === 'acgme_80h' ? { ...r, params: { ...r.params, limitHours: 20 } } : r,
    );
    await call('program.updateSettings', { rules: strict });
    const after = await summary();
    const hours = (s: ComplianceSummary) => s.byRule.find((r) => r.ruleId === 'acgme_80h')?.count ?? 0;
    expect(hours(after)).toBeGreaterThan(hours(before));
    await call('program.updateSettings', { rules: current.rules });
    expect(hours(await summary())).toBe(hours(before));
  });
});

describe('holidays', () => {
  it('lists a year’s holidays and replaces them as a whole, audited', async () => {
    const listed = await call<Holiday[]>('program.holidays', { academicYear: 2026 });
    expect(listed.length).toBeGreaterThan(5);
    const next: Holiday[] = [
      ...listed.slice(1),
      { date: '2027-03-17', name: 'Training day', dayType: 'training_holiday' },
    ];
    const saved = await call<Holiday[]>('program.setHolidays', { academicYear: 2026, holidays: next });
    expect(saved).toEqual([...next].sort((a, b) => a.date.localeCompare(b.date)));
    expect(await call<Holiday[]>('program.holidays', { academicYear: 2026 })).toEqual(saved);
    const last = await program.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last.action).toBe('holidays.set');
    expect(JSON.parse(last.before!)).toHaveLength(listed.length);
  });

  it('refuses dates outside the year and a day given twice, naming the entry, and writes nothing', async () => {
    const before = await call<Holiday[]>('program.holidays', { academicYear: 2026 });
    const count = await auditCount();
    const error = await failure('program.setHolidays', {
      academicYear: 2026,
      holidays: [
        { date: '2026-07-04', name: 'Independence Day', dayType: 'federal_holiday' },
        { date: '2027-07-04', name: 'Next year', dayType: 'federal_holiday' },
        { date: '2026-07-04', name: 'Again', dayType: 'closure' },
      ],
    });
    expect(error.code).toBe('invalid_input');
    expect(error.issues?.map((i) => i.path)).toEqual(['holidays[1].date', 'holidays[2].date']);
    expect(error.issues?.[0].message).toMatch(/outside AY 2026–27/);
    expect((await failure('program.holidays', { academicYear: 2031 })).code).toBe('not_found');
    expect(await call<Holiday[]>('program.holidays', { academicYear: 2026 })).toEqual(before);
    expect(await auditCount()).toBe(count);
  });
});

describe('the rule catalog', () => {
  it('explains every rule the program has', async () => {
    const catalog = await call<{ type: string; title: string; explanation: string }[]>('rules.catalog', {});
    const types = new Set(catalog.map((c) => c.type));
    for (const rule of (await settings()).rules) expect(types.has(rule.type), rule.type).toBe(true);
  });
});

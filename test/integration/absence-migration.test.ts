// Migration 0015 and exchange format 4 (program-defined absence types, part-day absences): a
// program stored or exported before them opens with today's absence policies (every type makes the
// person unavailable, recovery days kept), the new rules, credential checks for faculty only; not
// one schedule row is rewritten, and work already on an approved absence is reported on open.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { generateProgram } from '../../core/demo/generate';
import { LATEST_SCHEMA_VERSION } from '../../core/db/migrations';
import type { ProgramData } from '../../core/domain/program';
import type { Absence, ProgramSettings } from '../../core/domain/types';
import { complianceFindings } from '../../core/services/compliance';
import { validateProgramFile } from '../../core/services/exchange';
import { loadProgramData, openProgram } from '../../core/services/program';
import { programAtSchema } from './old-schema';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'absence-migration-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NEW_RULES = ['call_near_inpatient_week', 'leave_on_ineligible_rotation', 'absence_overlap'];

/** Settings as they were stored before: vacation and conference "never block", sick/medical over N days. */
function oldSettings(settings: ProgramSettings): Record<string, unknown> {
  const blocks: Record<string, unknown> = {
    vacation: 'never',
    conference: 'never',
    medical: { overDays: 7 },
    sick: { overDays: 3 },
  };
  return {
    ...settings,
    absencePolicies: settings.absencePolicies.map((p) => ({
      type: p.type,
      blocks: blocks[p.type] ?? 'always',
      recoveryDays: p.recoveryDays,
    })),
    rules: settings.rules
      .filter((r) => !NEW_RULES.includes(r.type))
      .map((r) => (r.type === 'credential_missing' ? { ...r, scope: { kinds: [], pgyLevels: [] } } : r)),
  };
}

/** A demo program with one resident's approved vacation laid over a week of their clinic. */
function programWithWorkOnVacation(): { data: ProgramData; vacation: Absence } {
  const data = generateProgram({ seed: 7, academicYear: 2026 });
  const clinic = data.assignments.find(
    (a) => a.personId.startsWith('res-') && a.activityCode === 'C' && a.date >= '2026-09-01',
  )!;
  const vacation: Absence = {
    id: 'abs-old-vac',
    personId: clinic.personId,
    type: 'vacation',
    start: clinic.date,
    end: clinic.date,
    status: 'approved',
    note: null,
  };
  data.absences = data.absences.filter(
    (a) => !(a.personId === clinic.personId && a.start <= clinic.date && clinic.date <= a.end),
  );
  data.absences.push(vacation);
  return { data, vacation };
}

describe('a program file from before absence types and parts (schema 11)', () => {
  it(
    'opens with today’s policies and rules, every schedule row as it was, and the work on absences ' + 'reported',
    async () => {
      const { data, vacation } = programWithWorkOnVacation();
      const p = path.join(dir, 'v11.sqlite');
      const old = await programAtSchema(p, 11, data);
      await sql`UPDATE program_settings SET json = ${JSON.stringify(oldSettings(data.settings))} WHERE id = 1`.execute(
        old.db,
      );
      await old.db.destroy();

      const program = await openProgram(p);
      try {
        expect(program.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
        const loaded = await loadProgramData(program);
        // Today's settings: every type blocks everything, recovery days kept; the new rules; faculty credentials.
        expect(loaded.settings.absencePolicies).toEqual(data.settings.absencePolicies);
        expect(
          loaded.settings.rules
            .map((r) => r.type)
            .filter((t) => NEW_RULES.includes(t))
            .sort(),
        ).toEqual([...NEW_RULES].sort());
        expect(loaded.settings.rules.find((r) => r.type === 'credential_missing')!.scope.kinds).toEqual(['faculty']);
        // Not one schedule row rewritten.
        expect(loaded.assignments).toEqual(data.assignments);
        expect(loaded.calls).toEqual(data.calls);
        expect(loaded.absences).toEqual(data.absences);

        const { findings } = await complianceFindings(
          { program, actor: 'test', now: () => new Date('2026-12-06T12:00:00Z') },
          { academicYear: 2026, draftId: null },
        );
        const onVacation = findings.filter(
          (f) => f.ruleId === 'absence_conflict' && f.personId === vacation.personId && f.start === vacation.start,
        );
        expect(onVacation.map((f) => [f.severity, f.unit])).toEqual([['high', 'half-days']]);

        // The rebuilt table takes part-day absences and program-defined types, and still refuses nonsense.
        const insert = (part: string, from: string | null, to: string | null, type = 'onboarding') =>
          sql`INSERT INTO absences (id, person_id, type, start, "end", part, start_time, end_time, status, note)
          VALUES (${`x-${part}-${from}-${type}`}, ${vacation.personId}, ${type}, '2026-10-01', '2026-10-01',
                  ${part}, ${from}, ${to}, 'approved', NULL)`.execute(program.db);
        await insert('AM', null, null);
        await insert('time', '12:00', '17:00');
        await expect(insert('time', null, null)).rejects.toThrow(/CHECK/);
        await expect(insert('time', '17:00', '12:00')).rejects.toThrow(/CHECK/);
        await expect(insert('evening', null, null)).rejects.toThrow(/CHECK/);
        await expect(insert('day', null, null, '')).rejects.toThrow(/CHECK/);
        const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(program.db);
        expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
      } finally {
        await program.close();
      }
    },
  );
});

describe('an exchange file of format version 3', () => {
  it('is upgraded on import: policies and rules in today’s form, everything else as it was', () => {
    const { data } = programWithWorkOnVacation();
    const v3 = {
      format: 'residency-program',
      version: 3,
      exportedAt: '2026-07-01T12:00:00.000Z',
      program: { ...data, settings: oldSettings(data.settings) },
    };
    const result = validateProgramFile(JSON.parse(JSON.stringify(v3)));
    if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    expect(result.file.version).toBe(4);
    expect(result.file.program.settings.absencePolicies).toEqual(data.settings.absencePolicies);
    expect(result.file.program.settings.rules.find((r) => r.type === 'credential_missing')!.scope.kinds).toEqual([
      'faculty',
    ]);
    expect(result.file.program.absences).toEqual(data.absences);
    expect(result.file.program.assignments).toEqual(data.assignments);
  });

  it('still reports what is wrong with it, at its own paths', () => {
    const { data } = programWithWorkOnVacation();
    const broken = {
      format: 'residency-program',
      version: 3,
      exportedAt: '2026-07-01T12:00:00.000Z',
      program: { ...data, settings: oldSettings(data.settings) },
    };
    (broken.program.absences[0] as { type: string }).type = 'holiday_trip';
    const result = validateProgramFile(JSON.parse(JSON.stringify(broken)));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([
        {
          path: 'program.absences[0].type',
          message: 'unknown absence type "holiday_trip" (define it in settings.absencePolicies)',
        },
      ]);
  });
});

// The real-like program (test/fixtures/real-like-program.ts) through the exchange format: its
// import reports the duplicate and overlapping absences, and validation finds every planted fault
// exactly once, at the severity the domain gives it, with nothing else from the rules that report
// those faults; finding ids stay the same when the validated period is widened.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../core/domain/types';
import { complianceInput, validate } from '../../core/rules';
import { complianceFindings } from '../../core/services/compliance';
import { importProgram, parseProgramFile, serializeProgramFile } from '../../core/services/exchange';
import { openProgram, type Program } from '../../core/services/program';
import { FAULT_RULES, realLikeProgramFile, type PlantedFault } from '../fixtures/real-like-program';

const { file, faults } = realLikeProgramFile();
const AY = { start: '2026-07-01', end: '2027-06-30' };
const TODAY = new Date('2026-12-06T12:00:00Z');
let dir: string;
let program: Program;
let warnings: { path: string; message: string }[];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-like-'));
  const json = path.join(dir, 'real-like.json');
  fs.writeFileSync(json, serializeProgramFile(file));
  const db = path.join(dir, 'real-like.sqlite');
  ({ warnings } = await importProgram(parseProgramFile(fs.readFileSync(json, 'utf8'), json), db));
  program = await openProgram(db);
});

afterAll(async () => {
  await program?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const matches = (fault: PlantedFault, f: Finding) =>
  f.ruleId === fault.ruleId && f.personId === fault.personId && f.start <= fault.date && fault.date <= f.end;

describe('the real-like program', () => {
  it('plants every fault class of a real year', () => {
    const kinds = new Set(faults.map((f) => f.kind));
    expect(kinds.size).toBe(11);
    expect(faults.length).toBeGreaterThanOrEqual(18);
  });

  it('reports its duplicate and overlapping absences on import, each with what and where', () => {
    const planted = faults.filter((f) => f.kind === 'duplicate_absences' || f.kind === 'overlapping_absences');
    expect(warnings).toHaveLength(planted.length);
    for (const w of warnings) expect(w.path).toMatch(/^program\.absences\[\d+\]$/);
    const duplicates = warnings.filter((w) => /duplicate of program\.absences\[\d+\]/.test(w.message));
    expect(duplicates).toHaveLength(faults.filter((f) => f.kind === 'duplicate_absences').length);
    for (const w of warnings) expect(w.message).toMatch(/res-\d+|fac-\d+/);
  });

  it('validates with every planted fault found exactly once, nothing else from those rules', async () => {
    const result = await complianceFindings(
      { program, actor: 'test', now: () => TODAY },
      { academicYear: 2026, draftId: null },
    );
    const found = result.findings.filter((f) => (FAULT_RULES as readonly string[]).includes(f.ruleId));
    for (const fault of faults) {
      const hits = found.filter((f) => matches(fault, f));
      expect(
        hits.map((h) => h.id),
        `${fault.kind}: ${fault.what}`,
      ).toHaveLength(1);
      expect(hits[0].severity, `${fault.kind}: ${fault.what}`).toBe(fault.severity);
    }
    const unexplained = found.filter((f) => !faults.some((fault) => matches(fault, f)));
    expect(unexplained.map((f) => `${f.ruleId} ${f.personId} ${f.start}: ${f.message}`)).toEqual([]);
  });

  it('keeps every finding id when the validated period is widened', () => {
    const asOf = '2026-12-06';
    const year = validate(complianceInput(file.program, AY), { asOf });
    const wider = validate(complianceInput(file.program, { start: '2026-03-01', end: '2027-09-30' }), { asOf });
    const inYear = wider.filter((f) => f.end >= AY.start && f.start <= AY.end);
    expect(inYear.map((f) => f.id).sort()).toEqual(year.map((f) => f.id).sort());
    const later = validate(complianceInput(file.program, { start: '2026-09-01', end: AY.end }), { asOf });
    const ids = new Set(year.map((f) => f.id));
    expect(later.filter((f) => !ids.has(f.id)).map((f) => f.id)).toEqual([]);
  });
});

// A small generated program on disk for the compliance tests (built once per file, copied per
// test), the engine's full validation to compare the cached, incremental results with, and a
// 28-day run of 12-hour EM days that breaks the 80-hour rule.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays } from '../../core/domain/calendar';
import type { ProgramData } from '../../core/domain/program';
import type { Finding } from '../../core/domain/types';
import { validate } from '../../core/rules/engine';
import { programToday } from '../../core/services/compliance';
import { complianceInput } from '../../core/rules/input';
import { loadProgramData, openProgram, type Program } from '../../core/services/program';
import { demoProgram, writeProgramFile } from '../program-template';

export const YEAR = 2026;
export const YEAR_RANGE = { start: '2026-07-01', end: '2027-06-30' };

export interface Fixture {
  dir: string;
  template: string;
  data: ProgramData;
  cleanup(): void;
}

/** `transform` changes the generated program before it is written (e.g. to plant a violation). */
export async function buildFixture(transform: (d: ProgramData) => ProgramData = (d) => d): Promise<Fixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compliance-'));
  const data = transform(
    demoProgram({ seed: 11, academicYear: YEAR, residentsPerPgy: [3, 3, 3], facultyCount: 8, learnerCount: 0 }),
  );
  const template = path.join(dir, 'template.sqlite');
  await writeProgramFile(template, data, 'fixture');
  return { dir, template, data, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

let copies = 0;
export async function openCopy(f: Fixture): Promise<Program> {
  const file = path.join(f.dir, `copy-${++copies}.sqlite`);
  fs.copyFileSync(f.template, file);
  return openProgram(file);
}

/** The engine run from scratch on the program as stored now: what cached results must equal. */
/** A full validation from scratch, as the service checks: certifications as of today. */
export async function freshFindings(
  program: Program,
  transform: (d: ProgramData) => ProgramData = (d) => d,
): Promise<Finding[]> {
  const data = transform(await loadProgramData(program));
  return validate(complianceInput(data, YEAR_RANGE), { asOf: programToday(data.settings.timeZone, new Date()) });
}

export const ids = (findings: readonly { id: string }[]) => findings.map((f) => f.id).sort();

/** The program with one resident's slots over some days set to an activity (published as is). */
export function withActivity(personId: string, start: string, days: number, activityCode: string) {
  return (d: ProgramData): ProgramData => {
    const cells = new Set(slotsOf(personId, start, days).map((c) => `${c.date}|${c.half}`));
    const kept = d.assignments.filter((a) => a.personId !== personId || !cells.has(`${a.date}|${a.half}`));
    const added = slotsOf(personId, start, days).map((c) => ({
      ...c,
      activityCode,
      source: 'manual' as const,
      locked: true,
    }));
    return { ...d, assignments: [...kept, ...added] };
  };
}

/** Every slot of `days` days from `start` for one person (AM and PM). */
export function slotsOf(personId: string, start: string, days: number) {
  return Array.from({ length: days }, (_, i) => addDays(start, i)).flatMap((date) =>
    (['AM', 'PM'] as const).map((half) => ({ personId, date, half })),
  );
}

// A small demo program on disk for the draft tests: built once per test file, then copied per
// test so each starts from the same published schedule.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { ProgramData } from '../../core/domain/program';
import type { Assignment, Finding } from '../../core/domain/types';
import type { ComplianceInput } from '../../core/rules/input';
import type { DraftContext, Validator } from '../../core/services/drafts';
import { draftDb } from '../../core/services/drafts/tables';
import { recordParts, type RecordedRow } from '../../core/services/drafts/publication-rows';
import { openProgram, type Program } from '../../core/services/program';
import { demoProgram, writeProgramFile } from '../program-template';

export const YEAR = 2026;

export interface Fixture {
  dir: string;
  template: string;
  data: ProgramData;
  cleanup(): void;
}

/** The fixture's program: a small demo (9 residents, 8 faculty). */
export const fixtureProgram = (): ProgramData =>
  demoProgram({ seed: 11, academicYear: YEAR, residentsPerPgy: [3, 3, 3], facultyCount: 8, learnerCount: 0 });

export async function buildFixture(options: { rules?: boolean } = {}): Promise<Fixture> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drafts-'));
  const data = fixtureProgram();
  if (options.rules === false) data.settings = { ...data.settings, rules: [] };
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

/** A test file's fixture: built before its tests, removed after them with every copy opened on it. */
export interface FileFixture {
  readonly data: ProgramData;
  /** A program copy of the fixture, closed when the file's tests end. */
  copy(): Promise<Program>;
  /** Closes this program, opened some other way, when the file's tests end. */
  keep(program: Program): void;
}

export function fixturePerFile(options: { rules?: boolean } = {}): FileFixture {
  let fixture: Fixture | undefined;
  const opened: Program[] = [];
  beforeAll(async () => {
    fixture = await buildFixture(options);
  });
  afterAll(async () => {
    for (const program of opened) await program.close();
    fixture?.cleanup();
  });
  const built = (): Fixture => {
    if (!fixture) throw new Error('the drafts fixture is built in beforeAll: use it inside a test');
    return fixture;
  };
  return {
    get data() {
      return built().data;
    },
    async copy() {
      const program = await openCopy(built());
      opened.push(program);
      return program;
    },
    keep: (program) => void opened.push(program),
  };
}

/** A clock the test moves by hand. */
export function testClock(start = '2030-01-15T12:00:00.000Z') {
  let t = Date.parse(start);
  return { now: () => new Date(t), advanceHours: (h: number) => (t += h * 3_600_000) };
}

/**
 * A rule the tests control: every slot of the checked range that `flagged` picks is a critical finding
 * (`name`: its rule id and finding ids' prefix; `what`: the finding's message).
 */
export function flagSlots(
  name: string,
  flagged: (a: Assignment, input: ComplianceInput) => boolean,
  what: (a: Assignment) => string,
): Validator {
  return (input) =>
    (input.assignments ?? [])
      .filter((a) => a.date >= input.range.start && a.date <= input.range.end && flagged(a, input))
      .map(
        (a): Finding => ({
          id: `${name}:${a.personId}:${a.date}:${a.half}`,
          ruleId: name,
          ruleType: `test_${name}`,
          severity: 'critical',
          personId: a.personId,
          start: a.date,
          end: a.date,
          slots: [{ date: a.date, half: a.half }],
          measured: 1,
          limit: 0,
          unit: 'slots',
          message: what(a),
          explanation: 'test rule',
        }),
      );
}

/**
 * A rule the tests control: every slot with activity `code` is a critical finding. Tests of the
 * publish gates use it so they know exactly which findings a draft adds.
 */
export function flagActivity(code: string): Validator {
  return flagSlots(
    'flag',
    (a) => a.activityCode === code,
    (a) => `${a.personId} has ${code} on ${a.date} ${a.half}`,
  );
}

export function context(
  program: Program,
  validate: Validator,
  clock = testClock(),
  actor = 'coordinator',
): DraftContext & { clock: ReturnType<typeof testClock> } {
  return { program, actor, now: clock.now, validate, clock };
}

/** The published tables exactly as stored: every column and the rowid, in rowid order. */
export async function dumpPublished(program: Program): Promise<string> {
  const out: unknown[] = [];
  for (const table of ['assignments', 'calls', 'inpatient_weeks', 'rotation_assignments']) {
    const { rows } = await sql`SELECT rowid AS rowid, * FROM ${sql.table(table)} ORDER BY rowid`.execute(program.db);
    out.push(rows);
  }
  return JSON.stringify(out);
}

export async function count(program: Program, table: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(program.db);
  return rows[0].n;
}

/** Every publication's record of what it changed, row by row as stored, in publication and seq order. */
export async function publicationRecords(program: Program): Promise<(RecordedRow & { publicationId: number })[]> {
  const db = draftDb(program.db);
  const out: (RecordedRow & { publicationId: number })[] = [];
  for (const { id } of await db.selectFrom('publications').select('id').orderBy('id').execute())
    for await (const part of recordParts(db, id)) out.push(...part.map((r) => ({ ...r, publicationId: id })));
  return out;
}

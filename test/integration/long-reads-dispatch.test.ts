// Requests that read a whole year (issue 15 item 1): the year's grid and a whole-program read
// go a part at a time with a turn of the event loop between two, in one read transaction on the
// program's parts reader, so that a request arriving meanwhile (a new macrotask, as an IPC message
// is) is answered before the long one ends: neither the main thread nor the reader connection is
// held for the whole read. The answers equal one whole read. The test waits on events (which answer
// arrives first), never on the clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GridData } from '../../core/api/contract';
import type { Core } from '../../core/api/core';
import { generateProgram } from '../../core/demo/generate';
import { ASSIGNMENT_ROWS_PER_PART, readProgramData } from '../../core/db/program-data';
import type { ProgramData } from '../../core/domain/program';
import { forReading, loadPackedProgram, loadProgramData, openProgram } from '../../core/services/program';
import { packProgram, type PackedProgram } from '../../core/solver/models/packed-request';
import { signedInCoreOn, value } from '../test-core';

const YEAR = 2026;
let file = '';
let closeCore: () => Promise<void> = async () => {};
let data: ProgramData;
let core: Core;

beforeAll(async () => {
  // More half-days than one part of a whole-program read holds.
  data = generateProgram({ seed: 11, academicYear: YEAR, residentsPerPgy: [6, 6, 6], facultyCount: 12 });
  ({ file, core, close: closeCore } = await signedInCoreOn('long-reads-', data));
});
afterAll(async () => {
  await closeCore();
});

/** Starts `long`, then asks `other` on the next macrotask: the order in which they end. */
async function order(long: () => Promise<unknown>, other: () => Promise<unknown>): Promise<string[]> {
  const ended: string[] = [];
  const a = long().then(() => ended.push('long'));
  const b = new Promise<void>((resolve, reject) =>
    setImmediate(() =>
      other()
        .then(() => ended.push('other'))
        .then(() => resolve(), reject),
    ),
  );
  await Promise.all([a, b]);
  return ended;
}

describe('long reads', () => {
  it("answers a request asked while the year's grid is read, and the grid equals one read", async () => {
    const year = { start: `${YEAR}-07-01`, end: `${YEAR + 1}-06-30` };
    let grid: GridData | null = null;
    const ended = await order(
      async () => (grid = value<GridData>(await core.dispatch('schedule.grid', year))),
      async () => value(await core.dispatch('program.info', {})),
    );
    expect(ended).toEqual(['other', 'long']);
    const program = await openProgram(file, { readOnly: true });
    try {
      const whole = await readProgramData(program.db);
      const inYear = whole.assignments
        .filter((a) => a.date >= year.start && a.date <= year.end)
        .sort(
          (x, y) => x.date.localeCompare(y.date) || x.half.localeCompare(y.half) || (x.personId < y.personId ? -1 : 1),
        );
      expect(inYear.length).toBeGreaterThan(0);
      expect(grid!.assignments).toEqual(inYear);
    } finally {
      await program.close();
    }
  });

  it('answers a query asked while a query reads the whole program, which equals one read', async () => {
    const program = await openProgram(file);
    try {
      const reading = forReading(program);
      const whole = await readProgramData(program.db);
      expect(whole.assignments.length).toBeGreaterThan(ASSIGNMENT_ROWS_PER_PART);
      let loaded: ProgramData | null = null;
      const ended = await order(
        async () => (loaded = await loadProgramData(reading)),
        () => reading.db.selectFrom('people').select('id').execute(),
      );
      expect(ended).toEqual(['other', 'long']);
      expect(loaded).toEqual(whole);
    } finally {
      await program.close();
    }
  });

  it(
    "answers a query asked while an export's input is read and packed, which equals the whole read " + 'packed',
    async () => {
      const program = await openProgram(file);
      try {
        const reading = forReading(program);
        const whole = await readProgramData(program.db);
        let loaded: PackedProgram | null = null;
        const ended = await order(
          async () => (loaded = await loadPackedProgram(reading)),
          () => reading.db.selectFrom('people').select('id').execute(),
        );
        expect(ended).toEqual(['other', 'long']);
        expect(loaded).toEqual(packProgram(whole));
      } finally {
        await program.close();
      }
    },
  );
});

// `contingency` and `stress` from the command line: the sweep in words and as JSON, exit code 3
// for a single point of failure, bad arguments refused with the usage (exit 2).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../core/cli/main';
import { openProgram, writeProgramData } from '../../core/services/program';
import { contingencyFixture } from '../unit/contingency-fixture';
import { buildAppWorkers } from './generation-fixture';
import { joinRegExp } from '../regexp';

let workers: { dir: string; cleanup: () => void };
let dir: string;

beforeAll(async () => {
  workers = await buildAppWorkers();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'contingency-cli-'));
}, 120_000);
afterAll(() => {
  workers?.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function fixtureDb(vas: string[]): Promise<string> {
  const file = path.join(dir, `${vas.join('-')}.sqlite`);
  const program = await openProgram(file, { create: true });
  await writeProgramData(program, contingencyFixture({ vas }), 'fixture');
  await program.close();
  return file;
}

describe('contingency CLI', () => {
  it('prints single points of failure and exits 3; --json gives the whole result', async () => {
    const db = await fixtureDb(['fac-1']);
    const words = await run([
      'contingency',
      db,
      '--from',
      '2026-10-05',
      '--to',
      '2026-10-11',
      '--worker-dir',
      workers.dir,
      '--quiet',
    ]);
    expect(words.code).toBe(3);
    expect(words.out).toMatch(
      joinRegExp(
        /Single points of failure \(their loss alone leaves coverage uncovered\): 1\n/,
        / {2}Faculty A \(Core faculty\): 1 week — 2026-10-05/,
      ),
    );
    const json = await run([
      'contingency',
      db,
      '--from',
      '2026-10-05',
      '--to',
      '2026-10-11',
      '--depth',
      '1',
      '--json',
      '--worker-dir',
      workers.dir,
      '--quiet',
    ]);
    expect(json.code).toBe(3);
    const result = JSON.parse(json.out);
    expect(result.params).toMatchObject({ depth: 1, gone: { mode: 'period' } });
    expect(result.singlePointsOfFailure[0].personId).toBe('fac-1');
  }, 300_000);

  it('runs the stress ladder', async () => {
    const db = await fixtureDb(['fac-1', 'fac-2', 'fac-3']);
    const r = await run([
      'stress',
      db,
      '--year',
      '2026',
      '--block',
      '4',
      '--samples',
      '1',
      '--worker-dir',
      workers.dir,
      '--quiet',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Stress ladder, block 4 \(2026-09-24 – 2026-10-21\), 6 staff/);
    expect(r.out.split('\n').filter((l) => /^\s+\d+ % \(/.test(l))).toHaveLength(5);
  }, 300_000);

  it('refuses bad arguments with the usage', async () => {
    const bad = await run(['contingency', 'x.sqlite', '--depth', '3']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--depth expects a whole number from 1 to 2/);
    const pair = await run(['contingency', 'x.sqlite', '--gone-from', '2026-10-05']);
    expect(pair.code).toBe(2);
    expect(pair.err).toMatch(/--gone-from and --gone-days go together/);
  });
});

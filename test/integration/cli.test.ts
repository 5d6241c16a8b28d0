// The command line: init, demo, info, export, import — exit codes, messages, and files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../core/cli/main';

let dir: string;
const at = (name: string) => path.join(dir, name);

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('cli', () => {
  it('lists its commands with --help and rejects unknown ones', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    for (const name of ['init', 'import', 'export', 'info', 'demo']) expect(help.out).toContain(`  ${name} `);
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
    const missing = await cli('info');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('expected <db>');
  });

  it('init creates an empty program that info summarises, and never overwrites', async () => {
    const db = at('init.sqlite');
    const init = await cli('init', db, '--name', 'Test Program', '--year', '2026');
    expect(init.code).toBe(0);
    const info = await cli('info', db);
    expect(info.code).toBe(0);
    const summary = JSON.parse(info.out);
    expect(summary.programName).toBe('Test Program');
    expect(summary.academicYears.map((y: { id: number }) => y.id)).toEqual([2026]);
    expect(summary.counts.residents).toBe(0);
    expect(summary.counts.activities).toBeGreaterThan(20);
    const again = await cli('init', db);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
  });

  it('demo → export → import gives the same program; a bad file writes nothing', async () => {
    const db = at('demo.sqlite');
    const demo = await cli('demo', db, '--seed', '5', '--year', '2026');
    expect(demo.code).toBe(0);
    expect(demo.out).toMatch(/17 residents, 12 faculty/);
    const json = at('demo.json');
    expect((await cli('export', db, json)).code).toBe(0);
    const copy = at('copy.sqlite');
    const imported = await cli('import', json, copy);
    expect(imported.code).toBe(0);
    const exportedAgain = at('copy.json');
    expect((await cli('export', copy, exportedAgain)).code).toBe(0);
    const a = JSON.parse(fs.readFileSync(json, 'utf8'));
    const b = JSON.parse(fs.readFileSync(exportedAgain, 'utf8'));
    expect(b.program).toEqual(a.program);

    a.program.assignments[0].activityCode = 'NOPE';
    a.program.calls[0].personId = 'ghost';
    fs.writeFileSync(at('bad.json'), JSON.stringify(a));
    const bad = await cli('import', at('bad.json'), at('bad.sqlite'));
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('program.assignments[0].activityCode: unknown activity code "NOPE"');
    expect(bad.err).toContain('program.calls[0].personId: unknown person id "ghost"');
    expect(bad.err).toContain('Nothing was written');
    expect(fs.readdirSync(dir).some((f) => f.startsWith('bad.sqlite'))).toBe(false);
    // Build, export and import a whole demo year: 33 s under load, past the 30 s default.
  }, 120_000);

  it('demo --first-block-days writes a program on a calendar from July 1 (no short block 0)', async () => {
    const db = at('july1.sqlite');
    expect((await cli('demo', db, '--seed', '3', '--year', '2027', '--first-block-days', '30')).code).toBe(0);
    const json = at('july1.json');
    expect((await cli('export', db, json)).code).toBe(0);
    const { program } = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(program.settings.blockLayout).toEqual({
      anchorWeekday: null,
      blockLengthDays: 28,
      blockCount: 13,
      firstBlockDays: 30,
    });
    const planned = new Set(program.rotationAssignments.map((a: { blockNumber: number }) => a.blockNumber));
    expect([...planned].sort((a, b) => Number(a) - Number(b))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const bad = await cli('demo', at('y.sqlite'), '--first-block-days', '3');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--first-block-days expects a whole number from 7 to 56');
  }, 120_000);

  it('refuses files that are not program databases with a clear message', async () => {
    fs.writeFileSync(at('notes.txt'), 'hello');
    const info = await cli('info', at('notes.txt'));
    expect(info.code).toBe(1);
    expect(info.err).toContain(`"${at('notes.txt')}" is not a SQLite database`);
    const bad = await cli('demo', at('x.sqlite'), '--residents', 'many');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--residents expects a whole number');
  });
});

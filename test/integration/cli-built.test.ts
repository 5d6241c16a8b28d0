// The command line as a user runs it: `npm run cli` runs scripts/cli.mjs, which runs the built
// dist/cli/main.mjs (building it first when it is missing or stale). --help loads no command,
// info reads a program, and mistakes exit with a plain message, never a stack trace.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from '../../scripts/build.mjs';

let dir: string;
let loadLog: string;
const launcher = path.join(root, 'scripts/cli.mjs');
const builtMain = path.join(root, 'dist/cli/main.mjs');

/** Records every module file the CLI loads (sync module hooks, in the child). */
const RECORD_LOADS = `const fs = require('node:fs');
const loaded = [];
require('node:module').registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });
process.on('exit', () => fs.writeFileSync(process.env.CLI_LOAD_LOG, loaded.join('\\n')));
`;

function cli(args: string[], options: { recordLoads?: boolean } = {}) {
  const preload = options.recordLoads ? ['--require', path.join(dir, 'record-loads.cjs')] : [];
  const result = spawnSync(process.execPath, [...preload, launcher, ...args], {
    cwd: dir,
    env: { ...process.env, CLI_LOAD_LOG: loadLog },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-built-'));
  loadLog = path.join(dir, 'loaded.txt');
  fs.writeFileSync(path.join(dir, 'record-loads.cjs'), RECORD_LOADS);
  // The first call builds dist/cli when it is missing or older than the sources (a fresh clone).
  const first = cli(['--help']);
  expect(first.code, first.err).toBe(0);
}, 180_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the built command line', () => {
  it('prints --help from the built file, loading no command, database or library', () => {
    expect(fs.existsSync(builtMain)).toBe(true);
    const help = cli(['--help'], { recordLoads: true });
    expect(help.code).toBe(0);
    expect(help.err).toBe('');
    for (const name of ['init', 'info', 'generate', 'validate', 'export-pdf']) expect(help.out).toContain(`  ${name} `);
    const loaded = fs.readFileSync(loadLog, 'utf8').split('\n').filter(Boolean);
    expect(loaded.some((url) => url.endsWith('/dist/cli/main.mjs'))).toBe(true);
    expect(loaded.filter((url) => url.includes('/node_modules/'))).toEqual([]);
    const cliFiles = loaded.filter((url) => url.includes('/dist/cli/'));
    const bytes = cliFiles.reduce((sum, url) => sum + fs.statSync(new URL(url)).size, 0);
    // main.mjs and the small shared command helpers: no command's chunk, no zod, kysely or exceljs.
    expect(bytes).toBeLessThan(40_000);
  });

  it('creates a program and prints its summary with info', () => {
    const db = path.join(dir, 'program.sqlite');
    const init = cli(['init', db, '--name', 'Built CLI Program', '--year', '2026']);
    expect(init.code, init.err).toBe(0);
    const info = cli(['info', db], { recordLoads: true });
    expect(info.code, info.err).toBe(0);
    const summary = JSON.parse(info.out);
    expect(summary.programName).toBe('Built CLI Program');
    expect(summary.academicYears.map((y: { id: number }) => y.id)).toEqual([2026]);
    // info needs the database, never the solver or the spreadsheet and PDF libraries.
    const loaded = fs.readFileSync(loadLog, 'utf8');
    for (const heavy of ['/node_modules/highs/', '/node_modules/glpk.js/', '/node_modules/pdfkit/', 'exceljs']) {
      expect(loaded).not.toContain(heavy);
    }
  });

  it('says what is wrong, without a stack trace, for a missing file or an unknown command', () => {
    const missing = cli(['info', path.join(dir, 'no-such-program.sqlite')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error: .*no-such-program\.sqlite/);
    expect(missing.err).not.toMatch(/\n\s+at /);
    const unknown = cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('error: unknown command "frobnicate"');
    const wrong = cli(['info']);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('expected <db>');
  });
});

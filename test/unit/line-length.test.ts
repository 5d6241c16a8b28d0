// The line-length check `npm run lint` runs (scripts/line-length.ts): 120 characters pass, 121 fail,
// counted in characters, in the project's own source only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { longLines, longLinesIn, MAX_LINE } from '../../scripts/line-length';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'line-length-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};

describe('the line-length check', () => {
  it('lets a line of exactly 120 characters through and catches one of 121, by its number', () => {
    expect(MAX_LINE).toBe(120);
    expect(longLines(`${'a'.repeat(120)}\n${'b'.repeat(121)}\r\n${'c'.repeat(120)}\r\n`)).toEqual([
      { line: 2, length: 121 },
    ]);
  });

  it('counts characters, not bytes (a dash is three bytes in UTF-8, an emoji two UTF-16 units)', () => {
    expect(longLines('—'.repeat(120))).toEqual([]);
    expect(longLines('📅'.repeat(120))).toEqual([]);
    expect(longLines('—'.repeat(121))).toEqual([{ line: 1, length: 121 }]);
  });

  it("lists file:line in the project's source folders and root files, not installed packages or other files", () => {
    const long = 'x'.repeat(121);
    write('core/domain/a.ts', `ok\n${long}\n`);
    write('renderer/src/B.tsx', long);
    write('scripts/c.mjs', long);
    write('vitest.config.ts', `\n\n${long}`);
    write('core/node_modules/pkg/index.js', long);
    write('test/.cache/d.ts', long);
    write('docs/e.ts', long);
    write('core/notes.md', long);
    expect(longLinesIn(root)).toEqual([
      'core/domain/a.ts:2 (121 characters)',
      'renderer/src/B.tsx:1 (121 characters)',
      'scripts/c.mjs:1 (121 characters)',
      'vitest.config.ts:3 (121 characters)',
    ]);
  });
});

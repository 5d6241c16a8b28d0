// Counts read as coordinators write them: one plural() for core, and no "(s)" left in the messages
// the app, the CLI or the exports put together (the e2e jargon check sees only what views show).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { plural } from '../../core/domain/words';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('counting words', () => {
  it('says one and many, with the number as findings write it', () => {
    expect(plural(1, 'half-day')).toBe('1 half-day');
    expect(plural(0, 'call night')).toBe('0 call nights');
    expect(plural(3, 'person', 'people')).toBe('3 people');
    expect(plural(2.5, 'hour')).toBe('2.5 hours');
  });

  it('no message counts with "(s)" or spells a plural by hand', () => {
    const root = path.resolve(__dirname, '../..');
    // A count put into text and followed by a "(s)" word: `${n} half-day(s)`, or in a rule's
    // explanation template (core/rules/descriptions) `{nightsBefore} night(s)`, where a count
    // reads `{nightsBefore|night}`.
    const counted = /\{[^{}]+\}\s[\w -]*\(s\)/;
    // A plural spelled by hand (`block${n === 1 ? '' : 's'}`) instead of plural() / countedWord().
    // (A verb that agrees with one, `follow${n === 1 ? 's' : ''}`, is not a plural.)
    const byHand = /=== 1 \? (''|"") : ('s'|"s")|!== 1 \? ('s'|"s") : (''|"")/;
    const offenders = ['core', 'renderer/src', 'electron', 'workers']
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${path.relative(root, file)}:${i + 1}`, line }))
          .filter(({ line }) => counted.test(line) || byHand.test(line)),
      )
      .map(({ where, line }) => `${where}: ${line.trim()}`);
    expect(offenders).toEqual([]);
    // What it catches: both forms, and not a count in words.
    const $ = '$'; // source text holding a template literal's `${…}`
    expect(counted.test(`${$}{plural(n, 'night')} before`)).toBe(false);
    expect(counted.test(`${$}{n} half-day(s)`)).toBe(true);
    expect(counted.test("'nor on the {nightsBefore} night(s) before it'")).toBe(true);
    expect(counted.test("'nor on the {nightsBefore|night} before it'")).toBe(false);
    expect(byHand.test(`${$}{n} block${$}{n === 1 ? '' : 's'}`)).toBe(true);
    expect(byHand.test(`${$}{plural(n, 'block')}`)).toBe(false);
  });
});

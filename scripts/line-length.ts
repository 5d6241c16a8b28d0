// Lines of source stay within 120 characters. Biome formats to that width but leaves alone what it
// cannot break (a long template literal, a string in a tagged SQL template, a regex): this check,
// run by `npm run lint`, fails on those and lists them as file:line.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const MAX_LINE = 120;
/** The project's own source: every folder of it, and the configuration files at the root. */
const SOURCE_DIRS = ['core', 'workers', 'renderer', 'electron', 'test', 'bench', 'build', 'scripts'];
const SOURCE_FILE = /\.(?:[cm]?[jt]s|tsx)$/;

/** The lines (numbered from 1) longer than MAX_LINE, counted in characters as Biome counts them, not bytes. */
export function longLines(text: string): { line: number; length: number }[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ line: i + 1, length: [...line].length }))
    .filter((l) => l.length > MAX_LINE);
}

/** Every source file under root (installed packages and hidden folders aside), relative, with `/`. */
function sourceFiles(root: string): string[] {
  const out = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE_FILE.test(e.name))
    .map((e) => e.name);
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.')) walk(rel);
      else if (e.isFile() && SOURCE_FILE.test(e.name)) out.push(rel);
    }
  };
  for (const dir of SOURCE_DIRS) if (readdirSync(root).includes(dir)) walk(dir);
  return out.sort();
}

/** `file:line (N characters)` for every line over MAX_LINE in the source under root. */
export function longLinesIn(root: string): string[] {
  return sourceFiles(root).flatMap((file) =>
    longLines(readFileSync(path.join(root, file), 'utf8')).map((l) => `${file}:${l.line} (${l.length} characters)`),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const found = longLinesIn(path.resolve(import.meta.dirname, '..'));
  if (found.length) {
    console.error(
      `${found.length} line(s) over ${MAX_LINE} characters, which Biome cannot break: split the string, ` +
        `template or regex into named parts by hand (CONTRIBUTING.md, Habits).\n  ${found.join('\n  ')}`,
    );
    process.exit(1);
  }
}

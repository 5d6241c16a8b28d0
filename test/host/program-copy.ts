// The test host never touches the demo program itself: it works on a private copy.
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Copy a program file (with its WAL, if any) into a fresh temp directory. */
export function copyProgram(source: string): { file: string; dir: string } {
  if (!existsSync(source))
    throw new Error(`No program database at ${source}: run npm run build (it builds the demo program)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rs-host-'));
  const file = path.join(dir, 'program.sqlite');
  copyFileSync(source, file);
  if (existsSync(`${source}-wal`)) copyFileSync(`${source}-wal`, `${file}-wal`);
  return { file, dir };
}

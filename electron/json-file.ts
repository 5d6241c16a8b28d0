// Small JSON settings files in userData (window state, recent files): read tolerantly, write
// atomically (temp file + rename) so a crash mid-write never leaves a truncated file.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** The parsed content, or `undefined` when the file is missing or not valid JSON. */
export function readJsonFile(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

export function writeJsonFile(file: string, value: unknown): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n', 'utf8');
  renameSync(tmp, file);
}

// The File > Open Recent list: newest first, no duplicates, at most a few entries, files that
// no longer exist dropped. Kept as JSON in userData.
import path from 'node:path';
import { z } from 'zod';

export const MAX_RECENT = 8;

const listSchema = z.array(z.string().min(1));

/** Read a saved list; anything malformed is an empty list (it is only a convenience). */
export function parseRecentFiles(saved: unknown): string[] {
  const parsed = listSchema.safeParse(saved);
  return parsed.success ? dedupe(parsed.data).slice(0, MAX_RECENT) : [];
}

function key(file: string): string {
  const resolved = path.resolve(file);
  // Windows and macOS file systems are case-insensitive by default.
  return process.platform === 'linux' ? resolved : resolved.toLowerCase();
}

function dedupe(files: string[]): string[] {
  const seen = new Set<string>();
  return files.filter((f) => {
    const k = key(f);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Put `file` first (moving it up if already listed). */
export function addRecentFile(list: readonly string[], file: string, max = MAX_RECENT): string[] {
  return dedupe([path.resolve(file), ...list]).slice(0, max);
}

export function removeRecentFile(list: readonly string[], file: string): string[] {
  const k = key(file);
  return list.filter((f) => key(f) !== k);
}

export function existingRecentFiles(list: readonly string[], exists: (file: string) => boolean): string[] {
  return list.filter((f) => exists(f));
}

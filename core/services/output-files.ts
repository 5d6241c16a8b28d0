// Where the app may write a file the user asked for (exports, the exchange file, backups): a full
// path, never the open program file or one of its side files, into a folder that exists (the
// app's own export folder is created as needed), written all-or-nothing under a temporary name
// that is removed again when anything fails.
import fs from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ServiceError } from './errors';

/** What an output must not touch, and where folders may be created. */
export interface OutputPlace {
  /** The open program file: it and its -wal/-shm/-journal are never written over. */
  programFile?: string;
  /** The app's export folder: it and folders inside it are created when missing. */
  creatableRoot?: string;
}

const SIDE_FILES = ['', '-wal', '-shm', '-journal'];
const caseInsensitive = process.platform === 'win32' || process.platform === 'darwin';

/** The path with its existing part resolved through links, for comparing two paths. */
function canonical(p: string): string {
  let existing = path.resolve(p);
  const rest: string[] = [];
  while (!fs.existsSync(existing)) {
    const parent = path.dirname(existing);
    if (parent === existing) break;
    rest.unshift(path.basename(existing));
    existing = parent;
  }
  let real = existing;
  try {
    real = fs.realpathSync.native(existing);
  } catch {
    // Unreadable: compare as given.
  }
  const full = path.join(real, ...rest);
  return caseInsensitive ? full.toLowerCase() : full;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(canonical(parent), canonical(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The program file and its side files, for `place.programFile`. */
export function programFilesOf(programFile: string): string[] {
  return SIDE_FILES.map((suffix) => `${programFile}${suffix}`);
}

/**
 * Refuse a path that is the program file or one of its side files (compared through links and, where the OS does,
 * without case).
 */
export function refuseProgramFile(target: string, programFile: string | undefined): void {
  if (!programFile) return;
  const me = canonical(target);
  for (const file of programFilesOf(programFile))
    if (canonical(file) === me)
      throw new ServiceError(
        'rejected',
        `${path.resolve(target)} is the open program ` +
          `file${file === programFile ? '' : ' (one of its journal files)'}: choose another name`,
      );
}

/**
 * Check an output path and return it resolved. `kind` 'folder': the target is a folder that will
 * hold files (it may be created when its parent exists). Throws ServiceError with the path and
 * what to do in words.
 */
export function checkOutputPath(target: string, kind: 'file' | 'folder', place: OutputPlace): string {
  if (!path.isAbsolute(target))
    throw new ServiceError(
      'invalid_input',
      `"${target}" is not a full path: give the whole path of the ${kind}, starting at the drive or at /`,
    );
  const resolved = path.resolve(target);
  refuseProgramFile(resolved, place.programFile);
  const folder = kind === 'file' ? path.dirname(resolved) : resolved;
  const mustExist = kind === 'file' ? folder : path.dirname(folder);
  const creatable = place.creatableRoot !== undefined && isInside(folder, place.creatableRoot);
  if (!creatable && !fs.existsSync(mustExist))
    throw new ServiceError(
      'rejected',
      `The folder ${mustExist} does not exist: check the drive and the spelling, or create the folder first`,
    );
  return resolved;
}

/**
 * Write every file or none: each under a temporary name in its folder, then renamed into place;
 * on any failure the temporary files are removed and nothing is replaced.
 */
export async function writeFilesAtomically(
  files: readonly { path: string; content: string | Uint8Array }[],
  programFile?: string,
): Promise<void> {
  for (const f of files) refuseProgramFile(f.path, programFile);
  const temps = files.map((f) => `${f.path}.${process.pid}.tmp`);
  try {
    for (const [i, f] of files.entries()) {
      await mkdir(path.dirname(f.path), { recursive: true });
      await writeFile(temps[i], f.content);
    }
    for (const [i, f] of files.entries()) await rename(temps[i], f.path);
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw err;
  }
}

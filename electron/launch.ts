// What the desktop app opens, decided without Electron so it is unit-tested: the program file at
// start (the last one opened, else the workstation's own, else none: the start page), and a review
// file handed over by the OS (double-click, "Open with", a command line: process.argv on Windows and
// Linux, the second instance's argv, macOS 'open-file'), which opens in the review view.
import path from 'node:path';

/** A review file's extension (electron-builder.yml › fileAssociations registers it). */
export const REVIEW_EXTENSION = 'rsreview';

/** The file system as the decisions need it: whether a path is an existing regular file. */
export type IsFile = (file: string) => boolean;

/**
 * The program to open at start: the last one opened if it still exists, else the workstation's
 * own if it exists, else null (no program on this workstation: the start page, never a silent
 * new one).
 */
export function startupProgram(recent: readonly string[], programFile: string, isFile: IsFile): string | null {
  return recent.find((f) => isFile(f)) ?? (isFile(programFile) ? programFile : null);
}

export function isReviewFileName(file: string): boolean {
  return path.extname(file).toLowerCase() === `.${REVIEW_EXTENSION}`;
}

/**
 * The review file named on a command line, as an absolute path, or null. `argv` is the whole
 * process.argv (or the second instance's): the executable, in development `.` (the app folder),
 * Chromium's and Electron's switches (`--…`), then what the OS passed: the last entry that names a
 * .rsreview file wins. Relative paths are taken from `cwd` (the second instance's own folder).
 */
export function reviewFileInArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i];
    if (arg.startsWith('-') || !isReviewFileName(arg)) continue;
    return path.resolve(cwd, arg);
  }
  return null;
}

export type ReviewFileCheck = { ok: true; file: string } | { ok: false; message: string };

/** A review file handed over by the OS, checked before the window is asked to open it. */
export function checkReviewFile(file: string, isFile: IsFile): ReviewFileCheck {
  const resolved = path.resolve(file);
  if (!isReviewFileName(resolved))
    return { ok: false, message: `${resolved} is not a review file (a review file ends in .${REVIEW_EXTENSION})` };
  if (!isFile(resolved))
    return { ok: false, message: `The review file ${resolved} does not exist (was it moved, renamed or deleted?)` };
  return { ok: true, file: resolved };
}

/** The renderer's route that opens `file` in the review view (renderer/src/state/routeHash.ts formatHash). */
export function reviewRoute(file: string): string {
  return `#/review?${new URLSearchParams({ file }).toString()}`;
}

/** What the first window shows: the review named on the command line, or the app's start. */
export interface Launch {
  program: string | null;
  /** The window's first route: the review view on that file, or '' (the app's own start). */
  route: string;
  /** A review file that was named but cannot be opened, said to the user. */
  problem: string | null;
}

export function decideLaunch(input: {
  argv: readonly string[];
  cwd: string;
  recent: readonly string[];
  programFile: string;
  isFile: IsFile;
}): Launch {
  const program = startupProgram(input.recent, input.programFile, input.isFile);
  const named = reviewFileInArgv(input.argv, input.cwd);
  if (named === null) return { program, route: '', problem: null };
  const checked = checkReviewFile(named, input.isFile);
  return checked.ok
    ? { program, route: reviewRoute(checked.file), problem: null }
    : { program, route: '', problem: checked.message };
}

// What crosses the API when something fails: bounded in size (one invalid settings update once
// came back as a 41.6 MB message), and in the domain's words rather than the internals' (SQLite
// constraint names, Node's errno codes, stack-overflow text).
import type { ApiErrorData } from './kit';
import { plural } from '../domain/words';

export const MAX_MESSAGE = 2000;
export const MAX_ISSUES = 50;
const MAX_ISSUE_MESSAGE = 300;

function clip(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${(text.length - max).toLocaleString('en-US')} more characters)`;
}

/** The error as it may leave core: a short message, the first issues, each clipped. */
export function boundedError(error: ApiErrorData): ApiErrorData {
  const issues = error.issues
    ?.slice(0, MAX_ISSUES)
    .map((i) => ({ path: clip(i.path, MAX_ISSUE_MESSAGE), message: clip(i.message, MAX_ISSUE_MESSAGE) }));
  const more = (error.issues?.length ?? 0) - (issues?.length ?? 0);
  if (issues && more > 0) issues.push({ path: '(more)', message: `${plural(more, 'more problem')} not shown` });
  return { code: error.code, message: clip(error.message, MAX_MESSAGE), ...(issues ? { issues } : {}) };
}

/** The message of anything thrown, without trusting it (a hostile toString may itself throw). */
export function messageOf(err: unknown): string {
  try {
    if (err instanceof Error) return String(err.message);
    return typeof err === 'string' ? err : 'an unexpected value was thrown';
  } catch {
    return 'an error that cannot be shown';
  }
}

const FILE_PROBLEMS: Record<string, string> = {
  ENOENT: 'it does not exist',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'a folder has that name',
  EACCES: 'permission denied',
  EPERM: 'permission denied, or the file is open in another program',
  EBUSY: 'the file is open in another program',
  EROFS: 'the disk is read-only',
  ENOSPC: 'the disk is full',
  ENAMETOOLONG: 'the path is too long',
  EEXIST: 'a file with that name already exists',
};

/**
 * An unexpected failure in words the user can act on: SQLite refusing a value, the disk, a value
 * too large or deep to process. Anything else keeps its message.
 */
export function internalFailure(err: unknown): ApiErrorData {
  const e = err as { code?: unknown; path?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return {
      code: 'rejected',
      message:
        'The program refused the change: a value breaks a rule of the program file (a required value is empty or ' +
        'malformed, or it refers to something that does not exist). Nothing was changed.',
    };
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return {
      code: 'conflict',
      message:
        'The program file is busy (another program is writing to it); try again in a moment. Nothing was changed.',
    };
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY'))
    return {
      code: 'rejected',
      message:
        'The program file is read-only here: nothing can be changed (open a copy you may write, or ask for write ' +
        'access).',
    };
  if (code === 'SQLITE_FULL') return { code: 'rejected', message: 'The disk is full: nothing was changed.' };
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
    return {
      code: 'internal',
      message: 'The program file is damaged: restore it from a backup (nothing was changed).',
    };
  if (FILE_PROBLEMS[code]) {
    const where = typeof e?.path === 'string' ? ` ${e.path}` : '';
    return { code: 'rejected', message: `Could not use the file${where}: ${FILE_PROBLEMS[code]}` };
  }
  if (err instanceof RangeError && /call stack|Invalid array length|Invalid string length/i.test(messageOf(err)))
    return { code: 'invalid_input', message: 'The request is too large or too deeply nested to process' };
  return { code: 'internal', message: messageOf(err) };
}

// Review and response files on disk: read with a clear refusal, written whole or not at all.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { checkOutputPath, type OutputPlace, writeFilesAtomically } from '../output-files';
import { ReviewError } from './errors';

/** Larger than any review of a real program (a whole year of the demo is well under 2 MB). */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export async function readReviewFile(path: string): Promise<{ bytes: Buffer; name: string }> {
  const name = basename(path);
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch {
    throw new ReviewError('not_found', `There is no file ${path}`);
  }
  if (size > MAX_FILE_BYTES)
    throw new ReviewError(
      'rejected',
      `${name} is ${Math.round(size / 1048576)} MB: too large to be a review or response file`,
    );
  return { bytes: await readFile(path), name };
}

/**
 * Write a review, response or printout where exports may write (a full path into a folder that
 * exists, never over the open program file), whole or not at all. Returns the path written.
 */
export async function writeWhole(target: string, bytes: Uint8Array, place: OutputPlace): Promise<string> {
  const path = checkOutputPath(target, 'file', place);
  try {
    await writeFilesAtomically([{ path, content: bytes }], place.programFile);
  } catch (err) {
    throw new ReviewError('rejected', `Could not write ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return path;
}

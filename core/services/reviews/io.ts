// Review and response files on disk: read with a clear refusal, written whole or not at all.
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
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

/** Write beside the destination, then rename: a file under its final name is always whole. */
export async function writeWhole(path: string, bytes: Uint8Array): Promise<void> {
  const partial = `${path}.partial-${process.pid}-${Date.now()}`;
  try {
    await writeFile(partial, bytes);
    await rename(partial, path);
  } catch (err) {
    await rm(partial, { force: true });
    throw new ReviewError('rejected', `Could not write ${path}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

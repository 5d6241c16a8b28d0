// Where the command line finds what ships beside it. It runs from source as core/cli/*.ts and
// built as dist/cli/*.mjs (every lazily loaded chunk too): both are two folders below the root of
// the checkout, so one rule serves both.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The built worker threads generate and contingency start (`npm run cli` rebuilds them when stale). */
export const DEFAULT_WORKER_DIR = path.join(ROOT, 'dist/workers');

/** resources/ (print fonts). */
export const RESOURCES_DIR = path.join(ROOT, 'resources');

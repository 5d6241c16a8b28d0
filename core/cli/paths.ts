// Where the command line finds what ships beside it. It runs from source as core/cli/*.ts and
// built as dist/cli/*.mjs (every lazily loaded chunk too): both are two folders below the root of
// the checkout, so one rule serves both. The installed desktop app runs it in its main process
// (electron/cli-mode.ts), where the workers sit unpacked next to app.asar and the fonts in the
// app's resources folder: it says so with configureInstalledApp() before any command loads.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The built worker threads generate and contingency start (`npm run cli` rebuilds them when stale). */
export let DEFAULT_WORKER_DIR = path.join(ROOT, 'dist/workers');

/** The `--worker-dir` line of a command's usage, its default as seen from where the user is. */
export function workerDirUsage(): string {
  const shown = path.relative(process.cwd(), DEFAULT_WORKER_DIR) || DEFAULT_WORKER_DIR;
  return `  --worker-dir DIR  built workers (default ${shown}; npm run cli rebuilds them when stale)`;
}

/** resources/ (print fonts). */
export let RESOURCES_DIR = path.join(ROOT, 'resources');

/** How a user types the command line (the usage line of `--help`). */
export let CLI_USAGE = 'npm run cli -- <command> [arguments]   (or: node dist/cli/main.mjs <command> …, once built)';

/** The command line as the desktop app runs it: its own command, workers and resources. */
export interface InstalledCli {
  /** What the user types to run it (the launcher beside the app). */
  command: string;
  workerDir: string;
  resourcesDir: string;
}

/** Run as the desktop app's command-line mode: call before any command module loads. */
export function configureInstalledApp(installed: InstalledCli): void {
  CLI_USAGE = `${installed.command} <command> [arguments]`;
  DEFAULT_WORKER_DIR = installed.workerDir;
  RESOURCES_DIR = installed.resourcesDir;
}

// `npm run cli -- <command> …`: runs the built command line (dist/cli/main.mjs). When it is
// missing or older than its sources it is rebuilt first (a few seconds, once), and so are the
// worker threads (dist/workers) before a command that starts them (generate, contingency, stress).
// An up-to-date start only stats the files each build was made from; the build tooling (esbuild)
// is loaded only when a rebuild is needed.
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleReason } from './build-stamp.mjs';

// V8's compiled code for the command line's modules, kept between runs in the system's temporary
// folder (Node's default): `info` 0.67 -> 0.60 CPU-s. Node checks each entry against its source and
// ignores a stale or unwritable cache, so it never breaks a run.
module.enableCompileCache();

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function buildIfStale(part, dir, build) {
  const reason = staleReason(root, dir);
  if (!reason) return;
  process.stderr.write(`cli: building ${part} (${reason}) …\n`);
  try {
    await build(await import('./build.mjs'));
  } catch (err) {
    process.stderr.write(`cli: building ${part} failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

const argv = process.argv.slice(2);
await buildIfStale('the command line', path.join(root, 'dist/cli'), (b) => b.buildCli());
const { main, commandFor, processIo } = await import(pathToFileURL(path.join(root, 'dist/cli/main.mjs')).href);
if (commandFor(argv)?.startsWorkers) {
  await buildIfStale('the worker threads', path.join(root, 'dist/workers'), (b) => b.buildWorkers());
}
// Timed from this process's start: a rebuild and loading count against a time limit too.
process.exitCode = await main(argv, processIo());

// `npm run preview` / Playwright's global setup: serve the built app on 127.0.0.1 with the real
// core over a COPY of the demo program (or `--db <file>` to use that file itself, or
// `--user-data <folder>` to start as the desktop app does on that user-data folder: its
// program.sqlite if there is one, else no program, the start page, which makes it there).
// Prints `HOST_URL=<url>` on stdout; open that URL once to get the session cookie.
// Env: HOST_PORT (default random), HOST_DB (same as --db), HOST_USER_DATA (same as --user-data).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../core/api/core';
import { startupProgram } from '../../electron/launch';
import { copyProgram } from './program-copy';
import { createSolveGate } from './solve-gate';
import { startHost } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
/** What the stand-in file dialog "chooses" inside the exports folder (the e2e specs expect it). */
const PICKED_NAME = 'Chosen in the dialog';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const demoFile = path.join(dist, 'demo', 'demo-program.sqlite');
  const given = argValue('--db') ?? process.env.HOST_DB;
  const userDataArg = argValue('--user-data') ?? process.env.HOST_USER_DATA;
  const userData = userDataArg ? path.resolve(userDataArg) : null;
  const copy = given || userData ? null : copyProgram(demoFile);
  // As the desktop app decides (electron/launch.ts): the folder's own program, or none yet.
  const programFile = userData ? path.join(userData, 'program.sqlite') : null;
  const isFile = (f: string) => statSync(f, { throwIfNoEntry: false })?.isFile() ?? false;
  const dbPath = given ? path.resolve(given) : programFile ? startupProgram([], programFile, isFile) : copy!.file;
  // A copy's audit key file (core/db/audit-chain.ts) goes with it, not into the user's folder.
  if (copy) process.env.RS_USER_DATA ??= copy.dir;
  if (userData) process.env.RS_USER_DATA = userData;
  const port = process.env.HOST_PORT ? Number(process.env.HOST_PORT) : 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`HOST_PORT must be a port number, got "${process.env.HOST_PORT}"`);

  // No file manager here: requests to show a path are recorded (GET /test/revealed) instead. No
  // file dialog either: it is answered as a user would, with a fixed place in the exports folder.
  const revealed: string[] = [];
  const exportFolder = path.join(copy ? copy.dir : (userData ?? path.dirname(dbPath!)), 'exports');
  const gateDir = mkdtempSync(path.join(os.tmpdir(), 'rs-host-gate-'));
  const solveGate = createSolveGate(path.join(dist, 'workers'), gateDir);
  const core = await createCore({
    dbPath,
    ...(programFile ? { newProgram: { file: programFile, demoFile } } : {}),
    workerDir: solveGate.workerDir,
    // A second host (test/e2e/second-host.ts) serves a spec that never generates: no solver warm-up.
    ...(process.env.HOST_WARM_SOLVER === '0' ? { warmSolver: false } : {}),
    resourcesDir: path.join(root, 'resources'),
    actor: `${os.userInfo().username} (test host)`,
    host: {
      exportFolder,
      async revealPath(target, kind) {
        revealed.push(target);
        console.error(`test host: show ${kind} ${target}`);
      },
      async pickPath(request) {
        // A file to open has the first type offered; the test puts it there before clicking.
        const ext = request.kind === 'open' ? (request.extensions[0] ?? null) : request.extension;
        const chosen = path.join(exportFolder, `${PICKED_NAME}${ext ? `.${ext}` : ''}`);
        console.error(`test host: "${request.title}" dialog answered with ${chosen}`);
        return chosen;
      },
    },
  });
  const host = await startHost({
    openSession: () => core.openSession(),
    revealed,
    solveGate,
    rendererDir: path.join(dist, 'renderer'),
    bridgeFile: path.join(dist, 'host', 'bridge.js'),
    port,
  });
  console.log(`HOST_URL=${host.url}`);
  console.error(`test host: serving ${path.join(dist, 'renderer')} with program ${dbPath ?? '(none: the start page)'}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // A signal is obeyed: if closing hangs (a client holding a connection), leave anyway.
    setTimeout(() => process.exit(1), 5000).unref();
    await host.close();
    await core.close();
    solveGate.remove();
    rmSync(gateDir, { recursive: true, force: true });
    if (copy) rmSync(copy.dir, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Playwright or a parent shell going away closes our stdin.
  if (process.argv.includes('--exit-with-stdin')) {
    process.stdin.on('end', () => void stop());
    process.stdin.resume();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});

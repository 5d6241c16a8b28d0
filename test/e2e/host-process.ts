// Starts the browser test host (test/host/start.ts, bundled as dist/host/start.mjs) as a child
// process on a fresh temp copy of the demo program (with its own user-data folder: the copy's),
// waits for the URL it prints, and stops it. Used once for the run by the global setup (one
// Playwright worker), or once per worker by the fixtures when several workers run specs side by
// side (E2E_WORKERS).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// A hang guard, not a wall-clock bet: the host's start (the core, a copy of the demo) waits on
// CPU, and at load 23–27 on two cores it took 44 s and over 60 s (the old limit).
const STARTUP_TIMEOUT_MS = 240_000;
/** The host as `npm run build:e2e` bundles it (scripts/build.mjs, buildHostServer); second-host.ts starts it too. */
export const HOST_BUNDLE = path.join(root, 'dist/host/start.mjs');

export interface HostProcess {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

export async function startHostProcess(): Promise<HostProcess> {
  const child = spawn(process.execPath, [HOST_BUNDLE, '--exit-with-stdin'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, HOST_PORT: process.env.HOST_PORT ?? '0' },
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
    process.stderr.write(d);
  });

  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`The test host did not start within ${STARTUP_TIMEOUT_MS / 1000}s:\n${stderr}`)),
      STARTUP_TIMEOUT_MS,
    );
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /^HOST_URL=(\S+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The test host exited (code ${code}) before printing HOST_URL:\n${stderr}`));
    });
  });

  return {
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

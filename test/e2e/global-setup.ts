// Starts the browser test host once for the whole run, on a fresh temp copy of the demo program,
// and hands its URL to the tests through E2E_HOST_URL (Playwright passes env set here to the
// test workers) and .tmp/e2e-host.json. The returned function stops the host.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const HOST_INFO_FILE = path.join(root, '.tmp', 'e2e-host.json');
const STARTUP_TIMEOUT_MS = 60_000;

export default async function globalSetup(): Promise<() => Promise<void>> {
  const child = spawn(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'test/host/start.ts', '--exit-with-stdin'],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, HOST_PORT: process.env.HOST_PORT ?? '0' },
    },
  );
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

  process.env.E2E_HOST_URL = url;
  mkdirSync(path.dirname(HOST_INFO_FILE), { recursive: true });
  writeFileSync(HOST_INFO_FILE, JSON.stringify({ url, pid: child.pid }, null, 2));

  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
  };
}

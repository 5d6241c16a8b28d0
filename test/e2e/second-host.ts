// A second test host on a program file of the spec's own (a program without accounts, a damaged
// audit log), so a spec can try what must not happen to the shared demo copy; or on a user-data
// folder of its own, as the desktop app starts on one (an empty folder: no program, the start
// page). Stopped by the spec.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOST_BUNDLE } from './host-process';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface SecondHost {
  url: string;
  stop(): Promise<void>;
}

/** Serve `dbFile` itself (not a copy); the audit key lives in `userDataDir`. */
export function startSecondHost(dbFile: string, userDataDir: string): Promise<SecondHost> {
  return startHost(['--db', dbFile], userDataDir);
}

/** Start as the app does on `userDataDir`: its program.sqlite, or (an empty folder) none. */
export function startWorkstationHost(userDataDir: string): Promise<SecondHost> {
  return startHost(['--user-data', userDataDir], userDataDir);
}

async function startHost(args: string[], userDataDir: string): Promise<SecondHost> {
  const child: ChildProcess = spawn(process.execPath, [HOST_BUNDLE, ...args, '--exit-with-stdin'], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'pipe'],
    // No generation runs on a second host: it skips the solver's warm-up (a second or so of CPU).
    env: { ...process.env, HOST_PORT: '0', RS_USER_DATA: userDataDir, HOST_WARM_SOLVER: '0' },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^HOST_URL=(\S+)$/m.exec(out);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the second test host exited (${code}): ${stderr}`)));
  });
  return {
    url,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// The core every transport shares: the open program, the worker pool and job service, and the
// validating dispatcher over the contract. Electron main and the browser test host both call
// createCore, so neither re-implements the API.
import path from 'node:path';
import { createWorkerPool, type WorkerPool } from '../jobs/pool';
import { JobService } from '../jobs/service';
import { openProgram, type Program } from '../services/program';
import type { HandlerContext, HostCapabilities, PathPickRequest } from './context';
import { contract } from './contract';
import { createHandlers } from './handlers';
import { createDispatcher, type Envelope } from './kit';

export interface CoreOptions {
  /** Program database to open (must exist). */
  dbPath: string;
  /** Directory of the built worker files (dist/workers). */
  workerDir: string;
  /** Who acts, for the audit log. */
  actor: string;
  maxThreads?: number;
  /** What only the host can do (show exported files); without it system.revealPath is refused. */
  host?: HostCapabilities;
  /** The app's resources folder (resources/ in the checkout; process.resourcesPath packaged): print fonts. */
  resourcesDir?: string;
}

export type { HostCapabilities, PathPickRequest };

export interface Core {
  /** Validate `payload` against the contract and run the method; never throws. */
  dispatch(method: string, payload: unknown): Promise<Envelope<unknown>>;
  /** Switch to another program file. If it cannot be opened, the current one stays open. */
  openProgramFile(file: string): Promise<{ path: string }>;
  currentPath(): string;
  /** A consistent copy of the open program database. */
  backupTo(file: string): Promise<void>;
  readonly jobs: JobService;
  close(): Promise<void>;
}

export async function createCore(options: CoreOptions): Promise<Core> {
  let program: Program = await openProgram(options.dbPath);
  let pool: WorkerPool;
  try {
    pool = createWorkerPool({ workerDir: options.workerDir, maxThreads: options.maxThreads });
  } catch (err) {
    await program.close();
    throw err;
  }
  const jobs = new JobService(pool);
  const ctx: HandlerContext = { program: () => program, jobs, actor: options.actor, host: options.host, resourcesDir: options.resourcesDir };
  const handlers = createHandlers(ctx);
  const dispatch = createDispatcher(contract, () => handlers);
  let closed = false;

  return {
    dispatch(method, payload) {
      if (closed) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'The program is closed' } });
      return dispatch(method, payload);
    },
    async openProgramFile(file) {
      const next = await openProgram(path.resolve(file));
      // Jobs computed from the old file mean nothing for the new one.
      jobs.cancelAll();
      const previous = program;
      program = next;
      await previous.close();
      return { path: program.path };
    },
    currentPath: () => program.path,
    async backupTo(file) {
      const target = path.resolve(file);
      if (target === program.path) throw new Error(`Cannot save a copy over the open program file ${target}`);
      await program.backupTo(target);
    },
    jobs,
    async close() {
      if (closed) return;
      closed = true;
      jobs.cancelAll();
      await pool.close();
      await program.close();
    },
  };
}

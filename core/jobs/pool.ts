// The worker pool owned by core: one piscina pool whose workers load standalone CommonJS task files
// (dist/workers/<task>.cjs, built by scripts/build.mjs). Progress comes back through a
// MessageChannel port, AbortSignal is the hard stop (piscina terminates the thread and replaces it),
// and a StopFlag asks a long task to finish early with its best result so far.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type {
  PoolWorkerData,
  PortMessage,
  TaskMap,
  TaskMessage,
  TaskName,
  TaskProgress,
  TaskSpec,
} from '../../workers/tasks';
import { compiledHighs } from '../solver/backends/highs';

/** Any task map: task name → { input, progress, result }. The app uses the shared TaskMap. */
export type TaskMapShape<M> = { [K in keyof M]: TaskSpec<unknown, TaskProgress, unknown> };

/** Cooperative stop: the worker polls it (Atomics) and returns early; not a kill. */
export class StopFlag {
  readonly buffer = new SharedArrayBuffer(4);
  private readonly view = new Int32Array(this.buffer);
  private readonly listeners = new Set<() => void>();
  request(): void {
    if (this.requested) return;
    Atomics.store(this.view, 0, 1);
    for (const listener of [...this.listeners]) listener();
  }
  get requested(): boolean {
    return Atomics.load(this.view, 0) !== 0;
  }
  /** Calls `listener` (in this thread) when a stop is requested, at once if it already was; returns the unsubscribe. */
  onRequest(listener: () => void): () => void {
    if (this.requested) {
      listener();
      return () => undefined;
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * How long a task that posted an interim result may take to answer a stop before its thread is
 * ended and the interim result returned instead: a long computation that cannot poll the stop (HiGHS
 * inside a MIP's root LP, the rules engine on a year) would otherwise hold the stop for many seconds.
 */
export const STOP_GRACE_MS = 1000;

export interface RunOptions<P> {
  /** Hard stop: the worker thread is terminated and the promise rejects with an AbortError. */
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
  /**
   * Graceful stop: the task returns its best result so far. A task that posted an interim result
   * (what it would return if stopped now) and does not answer within `stopGraceMs` is ended, and
   * its last interim result is the run's result.
   */
  stop?: StopFlag;
  /** Default STOP_GRACE_MS. */
  stopGraceMs?: number;
}

export interface WorkerPoolOptions {
  /** Directory holding the built `<task>.cjs` files. */
  workerDir: string;
  /** Default: one less than the cores (at least 1), leaving a core for the UI. */
  maxThreads?: number;
  /** Idle workers exit after this long (ms); default 30 s. */
  idleTimeoutMs?: number;
  /**
   * Start one worker with the pool and keep it, with the solve worker loaded (it loads HiGHS and
   * warms it up in short slices until its first solve task: workers/solve-warmup.ts), so a first
   * generation a moment after start is nearly as fast as later ones. Default: on when the solve
   * worker file exists.
   */
  warm?: boolean;
}

/** The task whose worker file a warm pool loads as each thread starts. */
const WARM_TASK = 'solve';

export interface WorkerPool<M extends TaskMapShape<M> = TaskMap> {
  run<K extends keyof M & string>(
    task: K,
    input: M[K]['input'],
    options?: RunOptions<M[K]['progress']>,
  ): Promise<M[K]['result']>;
  /** Absolute path of a task's worker file. */
  workerFile(task: string): string;
  readonly workerDir: string;
  readonly maxThreads: number;
  /** Tasks running or queued right now. */
  readonly busy: number;
  close(): Promise<void>;
}

export class WorkerFileMissingError extends Error {
  constructor(task: string, file: string) {
    super(`No worker file for task "${task}" at ${file}. Build the workers first (npm run build).`);
    this.name = 'WorkerFileMissingError';
  }
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || (err as { code?: string }).code === 'ABORT_ERR');
}

export function createWorkerPool<M extends TaskMapShape<M> = TaskMap>(options: WorkerPoolOptions): WorkerPool<M> {
  const workerDir = path.resolve(options.workerDir);
  const maxThreads = options.maxThreads ?? Math.max(1, availableParallelism() - 1);
  if (!Number.isInteger(maxThreads) || maxThreads < 1)
    throw new RangeError(`maxThreads must be a positive integer, got ${maxThreads}`);
  const warmFile = path.join(workerDir, `${WARM_TASK}.cjs`);
  const warm = options.warm ?? existsSync(warmFile);
  const piscina = new Piscina({
    // Piscina loads the default file in every thread as it starts; minThreads keeps one alive.
    filename: warm ? warmFile : null,
    minThreads: warm ? 1 : 0,
    // An idle thread waits for tasks with Atomics.waitAsync, not the blocking Atomics.wait, so
    // its event loop runs and the warm-up started at load goes on while no task is queued.
    atomics: 'async',
    maxThreads,
    idleTimeout: options.idleTimeoutMs ?? 30_000,
    // Each thread instantiates HiGHS from the module this process compiled once: no thread (nor
    // pool: every core, CLI run and sweep makes its own) compiles and warms up its own copy.
    workerData: { highs: compiledHighs() } satisfies PoolWorkerData,
  });
  let busy = 0;
  let closed = false;

  const workerFile = (task: string) => {
    if (!/^[a-z][a-z0-9-]*$/i.test(task)) throw new Error(`Not a task name: "${task}"`);
    return path.join(workerDir, `${task}.cjs`);
  };

  async function run<K extends keyof M & string>(
    task: K,
    input: M[K]['input'],
    opts: RunOptions<M[K]['progress']> = {},
  ): Promise<M[K]['result']> {
    if (closed) throw new Error('The worker pool is closed');
    const filename = workerFile(task);
    if (!existsSync(filename)) throw new WorkerFileMissingError(task, filename);
    const { port1, port2 } = new MessageChannel();
    const stop = opts.stop ?? new StopFlag();
    /** Ends the thread of a task that did not answer a stop in time (its interim result stands). */
    const end = new AbortController();
    let interim: { result: M[K]['result'] } | null = null;
    let graceOver = false;
    // Resolves when the worker's final `end` message arrives: every progress message is in by then.
    const ended = new Promise<void>((resolve) => {
      port1.on('message', (m: PortMessage<M[K]['progress'], M[K]['result']>) => {
        if (m.type === 'progress') opts.onProgress?.(m.progress);
        else if (m.type === 'interim') {
          interim = { result: m.result };
          if (graceOver) end.abort();
        } else resolve();
      });
      port1.on('close', () => resolve());
    });
    let grace: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = stop.onRequest(() => {
      grace = setTimeout(() => {
        graceOver = true;
        if (interim) end.abort();
      }, opts.stopGraceMs ?? STOP_GRACE_MS);
    });
    const message: TaskMessage<M[K]['input']> = { input, port: port2, stopFlag: stop.buffer };
    busy++;
    try {
      const result = (await piscina.run(message, {
        filename,
        transferList: [port2],
        signal: opts.signal ? AbortSignal.any([opts.signal, end.signal]) : end.signal,
      })) as M[K]['result'];
      await ended;
      return result;
    } catch (err) {
      // Ended for not answering the stop (not cancelled): what it would have returned then.
      if (end.signal.aborted && !opts.signal?.aborted && interim) return (interim as { result: M[K]['result'] }).result;
      throw err;
    } finally {
      clearTimeout(grace);
      unsubscribe();
      busy--;
      port1.close();
    }
  }

  return {
    run,
    workerFile,
    workerDir,
    maxThreads,
    get busy() {
      return busy;
    },
    async close() {
      if (closed) return;
      closed = true;
      await piscina.destroy();
    },
  };
}

/**
 * The work a user waits for at the desk: a draft's rule check, reading an imported workbook, an
 * export, the year's calendars. It runs on a thread of its own (createCore), so it never queues
 * behind a solve or a contingency sweep, which hold the other threads for minutes.
 */
export const INTERACTIVE_TASKS: ReadonlySet<string> = new Set<TaskName>(['check', 'workbook', 'export', 'calendar']);

/**
 * One pool to its callers: interactive tasks run on `interactive`, the rest on `long`. Its
 * maxThreads is `long`'s, the threads a sweep splits its work across.
 */
export function routedPool(long: WorkerPool, interactive: WorkerPool): WorkerPool {
  const poolOf = (task: string) => (INTERACTIVE_TASKS.has(task) ? interactive : long);
  return {
    run: (task, input, options) => poolOf(task).run(task, input, options),
    workerFile: (task) => poolOf(task).workerFile(task),
    workerDir: long.workerDir,
    maxThreads: long.maxThreads,
    get busy() {
      return long.busy + interactive.busy;
    },
    async close() {
      await Promise.all([long.close(), interactive.close()]);
    },
  };
}

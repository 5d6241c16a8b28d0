// Jobs: long-running work started by the API, run in the worker pool, polled by id. Keeps every
// running job and the last N finished ones (older finished jobs are forgotten, oldest first).
import { randomUUID } from 'node:crypto';
import type { TaskMap, TaskProgress } from '../../workers/tasks';
import { isAbortError, StopFlag, type TaskMapShape, type WorkerPool } from './pool';

export type JobState = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** A job as the API reports it (the contract's JobStatus has this shape). */
export interface JobSnapshot {
  id: string;
  kind: string;
  state: JobState;
  /** 0..1 when known. */
  progress: number | null;
  phase: string;
  detail: Record<string, number | string | null>;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  result: unknown;
}

export class JobNotFoundError extends Error {
  constructor(readonly jobId: string) {
    super(`No job with id "${jobId}" (finished jobs are kept only for a while)`);
    this.name = 'JobNotFoundError';
  }
}

interface JobEntry {
  snapshot: JobSnapshot;
  abort: AbortController;
  stop: StopFlag;
  done: Promise<JobSnapshot>;
  /** The task is done and its `finish` step runs; a cancel now only asks that step to give up. */
  finishing: boolean;
}

/** What a job's `finish` step sees besides the task's result. */
export interface JobFinishContext {
  /** Whether a graceful stop was asked for while the task ran. */
  stopRequested: boolean;
  /** Aborted by a hard cancel: check it before writing, and throw to leave everything unchanged. */
  signal: AbortSignal;
  /** Show what the step is doing as the job's phase. */
  phase(text: string): void;
}

/** How a job ends after its `finish` step: its state, result and (for failures) error text. */
export interface JobOutcome {
  state: 'succeeded' | 'failed';
  result: unknown;
  error?: string | null;
  phase?: string;
}

export interface JobStartOptions<R> {
  /**
   * Runs in the main process after the task returns (e.g. to store its result), while the job is
   * still running; the job ends as the outcome says. A hard cancel during it aborts `signal`.
   */
  finish?: (result: R, ctx: JobFinishContext) => Promise<JobOutcome>;
}

/** What a job's work sees: its pool tasks, its progress, its stop and cancel. */
export interface JobWorkContext<M extends TaskMapShape<M> = TaskMap> {
  /** Run a task in the pool as part of this job (a cancel terminates it, a stop reaches it). */
  run<K extends keyof M & string>(
    task: K,
    input: M[K]['input'],
    onProgress?: (p: M[K]['progress']) => void,
  ): Promise<M[K]['result']>;
  /** The job's progress as the API reports it. */
  progress(p: TaskProgress): void;
  /** Whether a graceful stop was asked for. */
  stopRequested(): boolean;
  /** Aborted by a hard cancel. */
  signal: AbortSignal;
  /** Worker threads of the pool: how many tasks run at once. */
  threads: number;
}

export interface JobServiceOptions {
  /** How many finished jobs to keep for status queries; default 50. */
  keepFinished?: number;
  now?: () => Date;
}

export class JobService<M extends TaskMapShape<M> = TaskMap> {
  private readonly jobs = new Map<string, JobEntry>();
  private readonly finishedOrder: string[] = [];
  private readonly keepFinished: number;
  private readonly now: () => Date;

  constructor(
    private readonly pool: WorkerPool<M>,
    options: JobServiceOptions = {},
  ) {
    this.keepFinished = options.keepFinished ?? 50;
    if (!Number.isInteger(this.keepFinished) || this.keepFinished < 0)
      throw new RangeError(`keepFinished must be a non-negative integer, got ${this.keepFinished}`);
    this.now = options.now ?? (() => new Date());
  }

  /** Start a task in the pool; returns the job id at once. */
  start<K extends keyof M & string>(
    kind: K,
    input: M[K]['input'],
    options: JobStartOptions<M[K]['result']> = {},
  ): string {
    return this.startWork(kind, (ctx) => ctx.run(kind, input, (p: TaskProgress) => ctx.progress(p)), options);
  }

  /**
   * Start a job made of pool tasks (several at once, e.g. a sweep split across workers): `work`
   * runs them through `ctx.run`, which ties each to the job's cancel and stop, and reports the
   * job's progress itself. Returns the job id at once.
   */
  startWork<R>(kind: string, work: (ctx: JobWorkContext<M>) => Promise<R>, options: JobStartOptions<R> = {}): string {
    const id = randomUUID();
    const abort = new AbortController();
    const stop = new StopFlag();
    const snapshot: JobSnapshot = {
      id,
      kind,
      state: 'running',
      progress: 0,
      phase: 'Queued',
      detail: {},
      startedAt: this.now().toISOString(),
      finishedAt: null,
      error: null,
      result: null,
    };
    const entry: JobEntry = { snapshot, abort, stop, done: Promise.resolve(snapshot), finishing: false };
    this.jobs.set(id, entry);
    const ctx: JobWorkContext<M> = {
      run: (task, input, onProgress) => this.pool.run(task, input, { signal: abort.signal, stop, onProgress }),
      progress: (p) => {
        if (snapshot.state !== 'running') return;
        snapshot.progress = p.fraction;
        snapshot.phase = p.phase;
        snapshot.detail = { ...p.detail };
      },
      stopRequested: () => stop.requested,
      signal: abort.signal,
      threads: this.pool.maxThreads,
    };
    entry.done = Promise.resolve()
      .then(() => work(ctx))
      .then(async (result) => {
        if (!options.finish)
          return this.finish(entry, 'succeeded', {
            result,
            progress: 1,
            phase: stop.requested ? 'Stopped early' : 'Done',
          });
        if (snapshot.state !== 'running') return snapshot;
        entry.finishing = true;
        const outcome = await options.finish(result, {
          stopRequested: stop.requested,
          signal: abort.signal,
          phase: (text) => {
            if (snapshot.state === 'running') snapshot.phase = text;
          },
        });
        return this.finish(entry, outcome.state, {
          result: outcome.result,
          error: outcome.error ?? null,
          progress: 1,
          phase: outcome.phase ?? (outcome.state === 'failed' ? 'Failed' : stop.requested ? 'Stopped early' : 'Done'),
        });
      })
      .catch((err: unknown) =>
        isAbortError(err) || abort.signal.aborted
          ? this.finish(entry, 'cancelled', {})
          : this.finish(entry, 'failed', { error: err instanceof Error ? err.message : String(err), phase: 'Failed' }),
      );
    return id;
  }

  status(jobId: string): JobSnapshot {
    return { ...this.entry(jobId).snapshot };
  }

  /**
   * Hard stop: the worker is terminated; the job is reported cancelled at once. Once the task has
   * returned and its `finish` step runs, the step is asked to give up (it ends the job cancelled
   * if it had not started writing, else the job completes).
   */
  cancel(jobId: string): JobSnapshot {
    const entry = this.entry(jobId);
    if (entry.snapshot.state === 'running') {
      if (!entry.finishing) this.finish(entry, 'cancelled', {});
      entry.abort.abort();
    }
    return this.status(jobId);
  }

  /** Graceful stop: the task returns its best result so far and the job succeeds with it. */
  requestStop(jobId: string): JobSnapshot {
    const entry = this.entry(jobId);
    if (entry.snapshot.state === 'running') {
      entry.stop.request();
      entry.snapshot.phase = 'Stopping';
    }
    return this.status(jobId);
  }

  /** Resolves when the job has finished (any end state). */
  async wait(jobId: string): Promise<JobSnapshot> {
    // The snapshot itself, not a lookup: the job may be forgotten by the time it finishes.
    return { ...(await this.entry(jobId).done) };
  }

  list(): JobSnapshot[] {
    return [...this.jobs.values()].map((e) => ({ ...e.snapshot }));
  }

  /** Cancel whatever is running (used when the app quits or switches program files). */
  cancelAll(): void {
    for (const entry of this.jobs.values()) if (entry.snapshot.state === 'running') this.cancel(entry.snapshot.id);
  }

  private entry(jobId: string): JobEntry {
    const entry = this.jobs.get(jobId);
    if (!entry) throw new JobNotFoundError(jobId);
    return entry;
  }

  private finish(entry: JobEntry, state: Exclude<JobState, 'running'>, fields: Partial<JobSnapshot>): JobSnapshot {
    const s = entry.snapshot;
    if (s.state !== 'running') return s; // already cancelled; a late outcome changes nothing
    Object.assign(s, fields, { state, finishedAt: this.now().toISOString() });
    if (state === 'cancelled') s.phase = 'Cancelled';
    this.finishedOrder.push(s.id);
    while (this.finishedOrder.length > this.keepFinished) this.jobs.delete(this.finishedOrder.shift()!);
    return s;
  }
}

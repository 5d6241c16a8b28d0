// Follows one background job (a generation, a contingency sweep) through jobs.status, one look at
// a time, so a store can show its progress from any view and act once when it ends.
import type { JobStatus } from '../../../core/api/contract';
import { api } from '../api';

export interface JobPollerHooks {
  /** How long to wait between looks while the job runs. */
  intervalMs: number;
  /** False when the store has moved on (another job, dismissed): the answer is then ignored. */
  isCurrent(jobId: string): boolean;
  /** Each look at a job that still runs. */
  onRunning(status: JobStatus): void;
  /** Once, when the job has ended (succeeded, failed or cancelled). */
  onEnd(status: JobStatus): void;
  /** The job could not be looked at (the core lost it, or the call failed). */
  onLost(error: unknown): void;
}

export interface JobPoller {
  /** Start following a job now (stops following any other). */
  follow(jobId: string): void;
  /** Look again after one interval, unless a look is already due. */
  lookAgain(jobId: string): void;
  stop(): void;
}

export function createJobPoller(hooks: JobPollerHooks): JobPoller {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = (jobId: string) => {
    timer = setTimeout(() => void look(jobId), hooks.intervalMs);
  };
  async function look(jobId: string) {
    timer = null;
    let status: JobStatus;
    try {
      status = await api()['jobs.status']({ jobId });
    } catch (err) {
      // A job the store has moved on from (dismissed, the user signed out) is not lost to anyone.
      if (hooks.isCurrent(jobId)) hooks.onLost(err);
      return;
    }
    if (!hooks.isCurrent(jobId)) return;
    if (status.state === 'running') {
      hooks.onRunning(status);
      schedule(jobId);
    } else hooks.onEnd(status);
  }
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    follow(jobId) {
      stop();
      void look(jobId);
    },
    lookAgain(jobId) {
      if (!timer) schedule(jobId);
    },
    stop,
  };
}

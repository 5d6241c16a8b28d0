// Contingency in the renderer: the running sweep or stress job (polled through jobs.status, so it
// keeps going while the user works elsewhere), and what is selected in the view (a person or a
// pair, in a week). Lives outside the view so switching views never loses a running sweep.
import { createUserStore, onSignOut } from '../state/store';
import type { ContingencyJobResult, JobStatus } from '../../../core/api/contract';
import type { GoneWindow } from '../../../core/domain/contingency';
import { api } from '../api';
import { createJobPoller } from '../lib/jobPoller';
import { refreshAll } from '../state/data';
import { useNotify } from '../state/notify';

export interface SweepRequest {
  start: string;
  end: string;
  depth: 1 | 2;
  gone: GoneWindow;
  timeLimitSec: number;
}

export interface StressRequest {
  academicYear: number;
  blockNumber: number;
  samples: number;
}

export interface ActiveJob {
  kind: 'sweep' | 'stress';
  jobId: string;
  status: JobStatus | null;
  stopping: boolean;
}

/** A loss the user looks at: one person (N-1) or two (N-2) gone in a week. */
export interface Selection {
  gone: string[];
  week: string;
}

interface ContingencyState {
  active: ActiveJob | null;
  selection: Selection | null;
  /** The last job's outcome, for a short message under the run panel. */
  lastResult: ContingencyJobResult | null;
}

export const useContingency = createUserStore<ContingencyState>(() => ({
  active: null,
  selection: null,
  lastResult: null,
}));

function jobResult(status: JobStatus): ContingencyJobResult | null {
  const r = status.result as ContingencyJobResult | null;
  return r && typeof r === 'object' && 'runId' in r ? r : null;
}

function ended(status: JobStatus) {
  useContingency.setState({ active: null, lastResult: jobResult(status) });
  const notify = useNotify.getState();
  if (status.state === 'failed')
    notify.notify(`The contingency run failed: ${status.error ?? 'unknown error'}`, 'error');
  else if (status.state === 'cancelled') notify.notify('Contingency run cancelled: nothing was recorded', 'info');
  else {
    const r = jobResult(status);
    notify.notify(
      r?.complete === false ? 'Stopped: the finished weeks are kept' : 'Contingency run finished',
      r?.complete === false ? 'warning' : 'success',
    );
    // The run was recorded in the background (no command announced it).
    refreshAll();
  }
}

const poller = createJobPoller({
  intervalMs: 400,
  isCurrent: (jobId) => useContingency.getState().active?.jobId === jobId,
  onRunning: (status) => {
    const active = useContingency.getState().active;
    if (active) useContingency.setState({ active: { ...active, status } });
  },
  onEnd: ended,
  onLost: (err) => {
    useNotify.getState().fail(err, 'Lost track of the contingency run');
    useContingency.setState({ active: null });
  },
});
onSignOut(() => poller.stop());

function follow(kind: ActiveJob['kind'], jobId: string) {
  useContingency.setState({ active: { kind, jobId, status: null, stopping: false }, lastResult: null });
  poller.follow(jobId);
}

export async function startSweep(request: SweepRequest): Promise<void> {
  if (useContingency.getState().active) throw new Error('A contingency run is already going');
  const { jobId } = await api()['contingency.start'](request);
  follow('sweep', jobId);
}

export async function startStress(request: StressRequest): Promise<void> {
  if (useContingency.getState().active) throw new Error('A contingency run is already going');
  const { jobId } = await api()['contingency.startStress'](request);
  follow('stress', jobId);
}

/** Graceful stop: the job records what it finished. */
export async function stopRun(): Promise<void> {
  const active = useContingency.getState().active;
  if (!active) return;
  useContingency.setState({ active: { ...active, stopping: true } });
  try {
    await api()['contingency.stop']({ jobId: active.jobId });
  } catch (err) {
    useNotify.getState().fail(err, 'Could not stop the run');
  }
}

/** Hard cancel: the workers are terminated and nothing is recorded. */
export async function cancelRun(): Promise<void> {
  const active = useContingency.getState().active;
  if (!active) return;
  try {
    await api()['jobs.cancel']({ jobId: active.jobId });
  } catch (err) {
    useNotify.getState().fail(err, 'Could not cancel the run');
  }
}

export function select(selection: Selection | null) {
  useContingency.setState({ selection });
}

// Task map of the test-only fixture workers: tasks slow enough to cancel and stop mid-way.
import type { TaskProgress, TaskSpec } from '../../../workers/tasks';

export interface BusyInput {
  steps: number;
  /** Each step blocks the worker thread this long (a busy solver cannot react to messages). */
  stepMs: number;
  /** Throw at this step. */
  failAtStep?: number;
  /** Post an interim result (the steps done so far) at each step and never poll the stop flag. */
  deafWithInterim?: boolean;
  /** Never poll the stop flag, and post no interim result. */
  deaf?: boolean;
}
export interface BusyResult {
  stepsDone: number;
  stoppedEarly: boolean;
  threadId: number;
}

export interface HighsProbeResult {
  status: string;
  objective: number;
  x: number;
  y: number;
  /** HiGHS in the worker came from the module its pool handed it. */
  fromPoolModule: boolean;
}

export interface FixtureTaskMap {
  busy: TaskSpec<BusyInput, TaskProgress, BusyResult>;
  'highs-probe': TaskSpec<Record<string, never>, TaskProgress, HighsProbeResult>;
}

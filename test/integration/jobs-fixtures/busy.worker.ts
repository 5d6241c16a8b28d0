// Fixture worker: a long task that blocks its thread, reports progress per step, polls the stop flag
// (or, deaf, does not: a solver inside a long root LP), posting its steps as interim results if asked.
import { threadId } from 'node:worker_threads';
import { defineTaskHandler } from '../../../workers/runtime';
import type { TaskProgress } from '../../../workers/tasks';
import type { BusyInput, BusyResult } from './tasks';

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export default defineTaskHandler<BusyInput, TaskProgress, BusyResult>((input, ctx) => {
  let stepsDone = 0;
  for (; stepsDone < input.steps; stepsDone++) {
    const deaf = input.deaf || input.deafWithInterim;
    if (!deaf && ctx.stopRequested()) return { stepsDone, stoppedEarly: true, threadId };
    if (input.deafWithInterim) ctx.interim({ stepsDone, stoppedEarly: true, threadId });
    if (input.failAtStep === stepsDone) throw new Error(`busy task failed at step ${stepsDone}`);
    Atomics.wait(sleeper, 0, 0, input.stepMs);
    ctx.progress({
      fraction: (stepsDone + 1) / input.steps,
      phase: `step ${stepsDone + 1}`,
      detail: { step: stepsDone + 1 },
    });
  }
  return { stepsDone, stoppedEarly: false, threadId };
});

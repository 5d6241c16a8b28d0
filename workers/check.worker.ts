// Worker: a draft checked against the rules (the compliance engine on the published schedule and on
// the draft's version of it, in turn), off the main thread: a whole year at 150 residents is tens of seconds
// of CPU and hundreds of MB of garbage, which the main process must not spend while it answers.
import { validateInTurn } from '../core/rules/engine';
import type { ComplianceInput } from '../core/rules/input';
import { unpack } from '../core/solver/models/packed-request';
import { defineTask } from './runtime';

export default defineTask('check', (input, ctx) => {
  ctx.progress({ fraction: 0, phase: 'Checking the published schedule', detail: { done: 0, total: 2 } });
  const turn = validateInTurn(unpack<ComplianceInput>(input.before), input.options);
  ctx.progress({ fraction: 0.5, phase: "Checking the draft's schedule", detail: { done: 1, total: 2 } });
  // The published schedule's state changed to the draft's where they differ, and checked again there.
  return { before: turn.findings, after: turn.next(unpack<ComplianceInput>(input.after)) };
});

// Worker: a draft checked against the rules (the compliance engine on the published schedule and on
// the draft's version of it), off the main thread: a whole year at 150 residents is tens of seconds
// of CPU and hundreds of MB of garbage, which the main process must not spend while it answers.
import { validate } from '../core/rules/engine';
import type { ComplianceInput } from '../core/rules/input';
import { unpack } from '../core/solver/models/packed-request';
import { defineTask } from './runtime';

export default defineTask('check', (input, ctx) => {
  ctx.progress({ fraction: 0, phase: 'Checking the published schedule', detail: { done: 0, total: 2 } });
  const before = validate(unpack<ComplianceInput>(input.before), input.options);
  ctx.progress({ fraction: 0.5, phase: "Checking the draft's schedule", detail: { done: 1, total: 2 } });
  const after = validate(unpack<ComplianceInput>(input.after), input.options);
  return { before, after };
});

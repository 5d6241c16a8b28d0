// A draft's check against the rules travels to its worker thread packed (issue 15 item 1): both
// schedules' half-days as one Int32Array each, as a solve's program does. Structured-cloning a
// year's two schedules (100 000s of half-day objects) held the main thread 400 ms at 150 residents
// when a publish, a draft's check or a generated year's check posted the task. The worker's
// findings are those of the engine in this thread.
import { describe, expect, it } from 'vitest';
import type { WorkerPool } from '../../core/jobs/pool';
import { JobService } from '../../core/jobs/service';
import { complianceInput } from '../../core/rules/input';
import { checkInPool, validateAsOfToday } from '../../core/services/compliance';
import type { CheckTaskInput } from '../../workers/tasks';
import { poolAndProgram, YEAR } from './generation-fixture';

const env = poolAndProgram();

/** The pool, keeping the input of the check tasks it is given. */
function recording(pool: WorkerPool) {
  const sent: CheckTaskInput[] = [];
  const recorded = new Proxy(pool, {
    get(target, key) {
      if (key !== 'run') return Reflect.get(target, key);
      return (task: string, input: CheckTaskInput, options: unknown) => {
        if (task === 'check') sent.push(input);
        return (target.run as (t: string, i: unknown, o: unknown) => Promise<unknown>)(task, input, options);
      };
    },
  });
  return { pool: recorded as WorkerPool, sent };
}

describe("a draft's check in the pool", () => {
  it("sends both schedules' half-days packed, and finds what the engine finds in this thread", async () => {
    const data = env.fixture.data;
    const range = { start: `${YEAR}-07-01`, end: `${YEAR + 1}-06-30` };
    // The draft's version: the first resident in the first activity every half-day of the year (too many hours).
    const resident = data.people.find((p) => p.kind === 'resident')!;
    const code = data.assignments.find((a) => a.personId === resident.id)!.activityCode;
    const drafted = {
      ...data,
      assignments: data.assignments.map((a) => (a.personId === resident.id ? { ...a, activityCode: code } : a)),
    };
    const before = complianceInput(data, range);
    const after = complianceInput(drafted, range);
    const { pool, sent } = recording(env.pool);
    const found = await checkInPool(new JobService(pool), 'today')(before, after);

    expect(sent).toHaveLength(1);
    for (const schedule of [sent[0].before, sent[0].after]) {
      expect(schedule.assignments.rows).toBeInstanceOf(Int32Array);
      expect(schedule.assignments.rows.length).toBe(data.assignments.length * 4);
    }
    const here = { before: validateAsOfToday(before), after: validateAsOfToday(after) };
    expect(here.after).not.toEqual(here.before);
    expect(found).toEqual(here);
  }, 120_000);
});

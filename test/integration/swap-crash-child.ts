// Child process of swap-crash.test.ts: opens the program file and executes one approved swap (as
// of a given instant), its SQL watched by the crash probe (started, writing, each commit, done;
// stopped before a commit when the parent asks). The parent kills it (SIGKILL) at those moments
// and in between.
import { validate } from '../../core/rules/engine';
import { openProgram } from '../../core/services/program';
import { executeSwap } from '../../core/services/swaps';
import { watchWrites } from './crash-probe';

const [file, swapId, now] = process.argv.slice(2);
const program = await openProgram(file);
const probe = watchWrites();
await executeSwap(
  { program, actor: 'crash-test', now: () => new Date(now), validate: (input) => validate(input) },
  { swapId: Number(swapId) },
);
probe.done();
await program.close();

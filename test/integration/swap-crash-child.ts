// Child process of swap-crash.test.ts: opens the program file and executes one approved swap (as
// of a given instant), saying "started" just before and "done" once it committed. The parent
// kills it (SIGKILL) at a random moment in between.
import { validate } from '../../core/rules/engine';
import { openProgram } from '../../core/services/program';
import { executeSwap } from '../../core/services/swaps';

const [file, swapId, now] = process.argv.slice(2);
const program = await openProgram(file);
process.stdout.write('started\n');
await executeSwap(
  { program, actor: 'crash-test', now: () => new Date(now), validate: (input) => validate(input) },
  { swapId: Number(swapId) },
);
process.stdout.write('done\n');
await program.close();

// Child process of publish-crash.test.ts: opens the program file and publishes one draft, saying
// "started" just before it starts and "done" when it committed. The parent kills it
// (SIGKILL) at a random moment in between.
import { validate } from '../../core/rules/engine';
import { publishDraft } from '../../core/services/drafts';
import { openProgram } from '../../core/services/program';

const [file, draftId] = process.argv.slice(2);
const program = await openProgram(file);
process.stdout.write('started\n');
await publishDraft(
  { program, actor: 'crash-test', validate: (input) => validate(input) },
  { draftId: Number(draftId), acceptChurnWarnings: true, breakGlass: null },
);
process.stdout.write('done\n');
await program.close();

// Child process of publish-crash.test.ts: opens the program file and publishes one draft, its SQL
// watched by the crash probe (started, writing, each commit, done; stopped before a commit when
// the parent asks). The parent kills it (SIGKILL) at those moments and in between.
import { validate } from '../../core/rules/engine';
import { publishDraft } from '../../core/services/drafts';
import { openProgram } from '../../core/services/program';
import { watchWrites } from './crash-probe';

const [file, draftId] = process.argv.slice(2);
const program = await openProgram(file);
const probe = watchWrites();
await publishDraft(
  { program, actor: 'crash-test', validate: (input) => validate(input) },
  { draftId: Number(draftId), acceptChurnWarnings: true, breakGlass: null },
);
probe.done();
await program.close();

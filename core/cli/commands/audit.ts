// `audit verify <db>`: check every audit entry's seal (core/db/audit-chain.ts) and say where the
// log stops matching. Exit 1 when it does not match; 0 when intact (or sealed only elsewhere).
import { checkAuditChain } from '../../services/audit-chain';
import { runCommand, type CliIo, type CommandBody } from '../command';
import { withSignedIn } from '../session';

const usage = `Usage: audit verify <db> [--json]
Checks the audit chain: every entry's seal, with the key kept outside the program file (the
user-data folder). Names the first entry that was changed, deleted, reordered or added outside
the app. Entries sealed on another workstation are counted; their content cannot be checked here.`;

export const auditCommand: CommandBody = {
  name: 'audit',
  usage,
  run: (argv: string[], io: CliIo) => {
    const [sub, ...rest] = argv;
    if (sub !== 'verify') {
      if (sub === '--help' || sub === '-h') {
        io.out(usage);
        return Promise.resolve(0);
      }
      io.err(sub ? `error: unknown audit subcommand "${sub}"` : 'error: missing audit subcommand');
      io.err(usage);
      return Promise.resolve(2);
    }
    return runCommand(
      rest,
      io,
      { usage, options: { json: { type: 'boolean' } }, positionals: ['db'] },
      async (values, [db]) => {
        await withSignedIn(db, io, ['audit.verifyChain'], async ({ program }) => {
          const report = await checkAuditChain(program);
          if (values.json) io.out(JSON.stringify(report, null, 2));
          else {
            const elsewhere = report.sealedElsewhere
              ? `; ${report.sealedElsewhere} sealed on another workstation (order checked, content not)`
              : '';
            io.out(`${report.entries} audit entries checked with ${report.keySource}${elsewhere}.`);
          }
          if (report.status === 'broken') {
            const more = report.problems > 1 ? ` (and ${report.problems - 1} more problems)` : '';
            throw new Error(`The audit log was changed outside the app: ${report.firstProblem!.message}${more}`);
          }
          if (!values.json)
            io.out(
              report.status === 'intact'
                ? 'The audit chain is intact.'
                : 'No entry could be checked here: all were sealed on another workstation.',
            );
        });
      },
    );
  },
};

// `draft <subcommand>`: draft list, draft diff.
import type { CliCommand, CliIo } from '../command';
import { draftDiffCommand } from './draft-diff';
import { draftListCommand } from './draft-list';

const SUBCOMMANDS = [draftListCommand, draftDiffCommand];

const usage = ['Usage: draft <subcommand> …', '', ...SUBCOMMANDS.map((c) => `  draft ${c.name.padEnd(5)}  ${c.summary}`)].join('\n');

export const draftCommand: CliCommand = {
  name: 'draft',
  summary: 'Drafts: list, diff (then publish / rollback)',
  usage,
  async run(argv: string[], io: CliIo) {
    const [sub, ...rest] = argv;
    if (sub === '--help' || sub === '-h') {
      io.out(usage);
      return 0;
    }
    const command = SUBCOMMANDS.find((c) => c.name === sub);
    if (!command) {
      io.err(sub ? `error: unknown draft subcommand "${sub}"` : 'error: missing draft subcommand');
      io.err(usage);
      return 2;
    }
    return command.run(rest, io);
  },
};

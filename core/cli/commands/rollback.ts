// `rollback <db> <publication-id> --reason TEXT`: undo a publication within the rollback window.
import { rollbackPublication } from '../../services/drafts';
import { CliUsageError, runCommand, type CliIo, type CommandBody } from '../command';
import { backupAfterPublish } from './backup';
import { positiveId, withDraftContext } from './draft-context';
import { plural } from '../../domain/words';

export const usage = `Usage: rollback <db> <publication-id> --reason TEXT
Puts back exactly what a publication replaced (within the program's rollback window, and only
while its slots are as it left them). The draft opens again. See \`draft list\` for publications.`;

export const rollbackCommand: CommandBody = {
  name: 'rollback',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      { usage, options: { reason: { type: 'string' } }, positionals: ['db', 'publication-id'] },
      async (values, [db, id]) => {
        const publicationId = positiveId(id, 'publication-id');
        const reason = String(values.reason ?? '').trim();
        if (reason.length < 3) throw new CliUsageError('--reason TEXT (at least 3 characters) is required');
        await withDraftContext(db, io, ['publications.rollback'], async (ctx) => {
          const p = await rollbackPublication(ctx, { publicationId, reason });
          io.out(
            `Rolled back publication #${p.id} (draft #${p.draftId} "${p.draftName}"): ` +
              `${plural(p.changes.rows, 'row')} restored; the draft is open again.`,
          );
          await backupAfterPublish(ctx.program, io);
        });
      },
    ),
};

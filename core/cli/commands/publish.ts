// `publish <db> <draft-id>`: check every gate and publish the draft in one transaction.
import { checkPublish, publishDraft, type BreakGlass } from '../../services/drafts';
import { CliUsageError, integerOption, runCommand, type CliIo, type CommandBody } from '../command';
import { backupAfterPublish } from './backup';
import { pct, positiveId, withDraftContext } from './draft-context';
import { plural } from '../../domain/words';

export const usage = `Usage: publish <db> <draft-id> [options]
Publishes a draft: the churn guard, the lock date and the draft's flags (checked again now) must
all pass; then every change is written in one transaction, kept for rollback.
  --accept-churn-warnings      accept the churn guard's warnings (rejections cannot be accepted)
  --break-glass                approve changes on or before the lock date: only the program
                               director, signed in as themselves (--as), may
  --reason TEXT                why (required with --break-glass)
  --expected-revision N        refuse if the draft changed since revision N was reviewed
  --check                      only show whether it can be published`;

export const publishCommand: CommandBody = {
  name: 'publish',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      {
        usage,
        options: {
          'accept-churn-warnings': { type: 'boolean' },
          'break-glass': { type: 'boolean' },
          reason: { type: 'string' },
          'expected-revision': { type: 'string' },
          check: { type: 'boolean' },
        },
        positionals: ['db', 'draft-id'],
      },
      async (values, [db, id]) => {
        const draftId = positiveId(id, 'draft-id');
        let reason: string | null = null;
        if (values['break-glass']) {
          reason = String(values.reason ?? '').trim();
          if (reason.length < 3)
            throw new CliUsageError('--reason TEXT (at least 3 characters) is required with --break-glass');
        } else if (values.reason !== undefined) {
          throw new CliUsageError('--reason goes with --break-glass');
        }
        const operation = values.check ? 'drafts.publishCheck' : 'drafts.publish';
        await withDraftContext(db, io, [operation], async (ctx, signedIn) => {
          // The same check as the API: break-glass needs the program director's own sign-in.
          await signedIn.check('drafts.publish', { breakGlass: reason === null ? null : { reason } });
          const director = signedIn.account;
          const breakGlass: BreakGlass | null =
            reason === null
              ? null
              : {
                  role: 'pd',
                  approvedBy: director ? `${director.displayName} (${director.username})` : signedIn.actor,
                  reason,
                };
          const input = {
            draftId,
            acceptChurnWarnings: values['accept-churn-warnings'] === true,
            breakGlass,
            expectedRevision: integerOption(
              values['expected-revision'],
              'expected-revision',
              0,
              Number.MAX_SAFE_INTEGER,
            ),
          };
          const check = await checkPublish(ctx, input);
          if (!check.canPublish) {
            io.err(`Draft #${draftId} cannot be published:`);
            for (const r of check.reasons) io.err(`  - [${r.gate}] ${r.message}`);
            throw new Error(`publish refused (${plural(check.reasons.length, 'reason')})`);
          }
          if (values.check) {
            io.out(
              `Draft #${draftId} can be published: churn ${pct(check.churn.totalPct)}, ` +
                `${plural(check.validation.added.length, 'new finding')}, all blocking ones acknowledged.`,
            );
            return;
          }
          const pub = await publishDraft(ctx, input);
          io.out(
            `Published draft #${pub.draftId} "${pub.draftName}" as publication #${pub.id}: ` +
              `${plural(pub.changes.cells, 'slot')}, ${plural(pub.changes.calls, 'call night')}, ` +
              `${plural(pub.changes.inpatientWeeks, 'inpatient week')}, ` +
              `${plural(pub.changes.rotations, 'plan entry', 'plan entries')}; churn ${pct(pub.churn.totalPct)}.`,
          );
          for (const w of pub.churn.warnings) io.out(`  accepted warning: ${w}`);
          if (pub.breakGlass)
            io.out(`  break-glass: ${pub.breakGlass.role} ${pub.breakGlass.approvedBy}: ${pub.breakGlass.reason}`);
          io.out(`Can be rolled back until ${pub.rollbackDeadline} (rollback <db> ${pub.id} --reason TEXT).`);
          await backupAfterPublish(ctx.program, io);
        });
      },
    ),
};

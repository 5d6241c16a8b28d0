// `publish <db> <draft-id>`: check every gate and publish the draft in one transaction.
import { BREAK_GLASS_ROLES, checkPublish, publishDraft, type BreakGlass, type BreakGlassRole } from '../../services/drafts';
import { CliUsageError, integerOption, runCommand, type CliCommand, type CliIo } from '../command';
import { pct, positiveId, withDraftContext } from './draft-context';

export const usage = `Usage: publish <db> <draft-id> [options]
Publishes a draft: the churn guard, the lock date and the draft's flags (checked again now) must
all pass; then every change is written in one transaction, kept for rollback.
  --accept-churn-warnings      accept the churn guard's warnings (rejections cannot be accepted)
  --break-glass-role ROLE      approve changes on or before the lock date (${BREAK_GLASS_ROLES.join(', ')})
  --approved-by NAME           who approves the break-glass change
  --reason TEXT                why (required with --break-glass-role)
  --expected-revision N        refuse if the draft changed since revision N was reviewed
  --check                      only show whether it can be published`;

export const publishCommand: CliCommand = {
  name: 'publish',
  summary: 'Publish a draft (all gates, one transaction)',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      {
        usage,
        options: {
          'accept-churn-warnings': { type: 'boolean' },
          'break-glass-role': { type: 'string' },
          'approved-by': { type: 'string' },
          reason: { type: 'string' },
          'expected-revision': { type: 'string' },
          check: { type: 'boolean' },
        },
        positionals: ['db', 'draft-id'],
      },
      async (values, [db, id]) => {
        const draftId = positiveId(id, 'draft-id');
        let breakGlass: BreakGlass | null = null;
        const role = values['break-glass-role'] as string | undefined;
        if (role !== undefined) {
          if (!BREAK_GLASS_ROLES.includes(role as BreakGlassRole))
            throw new CliUsageError(`--break-glass-role must be one of ${BREAK_GLASS_ROLES.join(', ')}, got "${role}"`);
          const approvedBy = String(values['approved-by'] ?? '').trim();
          const reason = String(values.reason ?? '').trim();
          if (!approvedBy) throw new CliUsageError('--approved-by NAME is required with --break-glass-role');
          if (reason.length < 3) throw new CliUsageError('--reason TEXT (at least 3 characters) is required with --break-glass-role');
          breakGlass = { role: role as BreakGlassRole, approvedBy, reason };
        } else if (values['approved-by'] !== undefined || values.reason !== undefined) {
          throw new CliUsageError('--approved-by and --reason go with --break-glass-role');
        }
        const input = {
          draftId,
          acceptChurnWarnings: values['accept-churn-warnings'] === true,
          breakGlass,
          expectedRevision: integerOption(values['expected-revision'], 'expected-revision', 0, Number.MAX_SAFE_INTEGER),
        };
        await withDraftContext(db, async (ctx) => {
          const check = await checkPublish(ctx, input);
          if (!check.canPublish) {
            io.err(`Draft #${draftId} cannot be published:`);
            for (const r of check.reasons) io.err(`  - [${r.gate}] ${r.message}`);
            throw new Error(`publish refused (${check.reasons.length} reason${check.reasons.length === 1 ? '' : 's'})`);
          }
          if (values.check) {
            io.out(`Draft #${draftId} can be published: churn ${pct(check.churn.totalPct)}, ${check.validation.added.length} new finding(s), all blocking ones acknowledged.`);
            return;
          }
          const pub = await publishDraft(ctx, input);
          io.out(`Published draft #${pub.draftId} "${pub.draftName}" as publication #${pub.id}: ${pub.changes.cells} slot(s), ${pub.changes.calls} call night(s), ${pub.changes.inpatientWeeks} inpatient week(s); churn ${pct(pub.churn.totalPct)}.`);
          for (const w of pub.churn.warnings) io.out(`  accepted warning: ${w}`);
          if (pub.breakGlass) io.out(`  break-glass: ${pub.breakGlass.role} ${pub.breakGlass.approvedBy}: ${pub.breakGlass.reason}`);
          io.out(`Can be rolled back until ${pub.rollbackDeadline} (rollback <db> ${pub.id} --reason TEXT).`);
        });
      },
    ),
};

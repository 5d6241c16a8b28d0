// `draft list <db>`: the drafts (who made them, when, from what, their flags) and the recent
// publications with their rollback deadlines.
import { listDrafts, listPublications, type DraftStatus } from '../../services/drafts';
import { CliUsageError, runCommand, type CliCommand, type CliIo } from '../command';
import { withDraftContext } from './draft-context';
import { plural } from '../../domain/words';

const STATUSES: DraftStatus[] = ['open', 'published', 'discarded'];

export const usage = `Usage: draft list <db> [--status open|published|discarded] [--json]
Lists drafts (newest first) with their source, author, entries and flags, then the recent
publications and until when each can be rolled back.
  --status S   only drafts with this status
  --json       print JSON instead of text`;

export const draftListCommand: CliCommand = {
  name: 'list',
  summary: 'List drafts and recent publications',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      { usage, options: { status: { type: 'string' }, json: { type: 'boolean' } }, positionals: ['db'] },
      async (values, [db]) => {
        const status = values.status as DraftStatus | undefined;
        if (status !== undefined && !STATUSES.includes(status))
          throw new CliUsageError(`--status must be one of ${STATUSES.join(', ')}, got "${status}"`);
        await withDraftContext(db, io, ['drafts.list', 'publications.list'], async (ctx) => {
          const drafts = await listDrafts(ctx, { status });
          const publications = await listPublications(ctx, { limit: 20 });
          if (values.json) {
            io.out(JSON.stringify({ drafts, publications }, null, 2));
            return;
          }
          io.out(drafts.length ? 'Drafts:' : 'No drafts.');
          for (const d of drafts) {
            const e = d.entries;
            const flags = d.validation
              ? `${plural(d.validation.added, 'new finding')}, ${d.validation.unresolved} ` +
                `unresolved${d.validation.stale ? ` (stale: ${d.validation.staleReason})` : ''}`
              : 'not validated';
            io.out(`  #${d.id} [${d.status}] "${d.name}" from ${d.source}, by ${d.createdBy} at ${d.createdAt}`);
            io.out(
              `      ${plural(e.cells, 'slot')}, ${plural(e.calls, 'call entry', 'call entries')}, ` +
                `${plural(e.inpatientWeeks, 'inpatient week entry', 'inpatient week entries')}, ` +
                `${plural(e.rotations, 'plan entry', 'plan entries')}; revision ${d.revision}; ${flags}`,
            );
          }
          if (publications.length) io.out('Publications:');
          for (const p of publications) {
            const state = p.rolledBackAt
              ? `rolled back at ${p.rolledBackAt} by ${p.rolledBackBy}`
              : p.canRollback
                ? `can be rolled back until ${p.rollbackDeadline}`
                : 'final';
            io.out(
              `  #${p.id} draft #${p.draftId} "${p.draftName}" published ${p.publishedAt} by ${p.publishedBy}: ` +
                `${plural(p.changes.cells, 'slot')}, ${plural(p.changes.calls, 'call night')}, ` +
                `${plural(p.changes.inpatientWeeks, 'week')}; ${state}`,
            );
          }
        });
      },
    ),
};

// `draft diff <db> <id>`: what a draft changes against the published schedule, its churn, and
// what stands between it and publishing.
import { compareDraft, type CellDiff, type DraftValidation } from '../../services/drafts';
import { CliUsageError, integerOption, runCommand, type CliCommand, type CliIo } from '../command';
import { pct, positiveId, withDraftContext } from './draft-context';
import { plural } from '../../domain/words';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const usage = `Usage: draft diff <db> <draft-id> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--limit N] [--json]
Shows the draft against the published schedule: changed slots (old -> new), call nights and
inpatient weeks, churn in total and per person, changes on or before the lock date, slots
another publication changed since the draft was made, and the last validation if current.
  --from, --to   list only changes in these dates (churn is always for the whole draft)
  --limit N      list at most N slot changes (default 200)
  --json         print the full comparison as JSON`;

export const draftDiffCommand: CliCommand = {
  name: 'diff',
  summary: 'Show what a draft changes, its churn and flags',
  usage,
  run: (argv: string[], io: CliIo) =>
    runCommand(
      argv,
      io,
      {
        usage,
        options: {
          from: { type: 'string' },
          to: { type: 'string' },
          limit: { type: 'string' },
          json: { type: 'boolean' },
        },
        positionals: ['db', 'draft-id'],
      },
      async (values, [db, id]) => {
        const draftId = positiveId(id, 'draft-id');
        for (const key of ['from', 'to'] as const)
          if (values[key] !== undefined && !DATE.test(String(values[key])))
            throw new CliUsageError(`--${key} expects YYYY-MM-DD, got "${values[key]}"`);
        const limit = integerOption(values.limit, 'limit', 1, 1_000_000) ?? 200;
        await withDraftContext(db, io, ['drafts.diff'], async (ctx) => {
          const c = await compareDraft(ctx, {
            draftId,
            start: values.from as string | undefined,
            end: values.to as string | undefined,
          });
          if (values.json) {
            io.out(JSON.stringify(c, null, 2));
            return;
          }
          const k = c.counts;
          io.out(
            `Draft #${c.draftId}: slots ${k.cells.added} added, ${k.cells.changed} changed, ${k.cells.removed} ` +
              `removed, ${k.cells.relocked} lock/source only; ` +
              `call nights ${k.calls.added + k.calls.changed + k.calls.removed}; inpatient weeks ` +
              `${k.inpatientWeeks.added + k.inpatientWeeks.changed + k.inpatientWeeks.removed}; ` +
              `plan blocks ${k.rotations.added + k.rotations.changed + k.rotations.removed}`,
          );
          const ch = c.churn;
          io.out(
            `Churn: ${pct(ch.totalPct)} of ${ch.publishedSlots} published slots (${ch.changedSlots} changed), ` +
              `${plural(ch.changedRotations, 'published plan block')} changed, ${ch.peopleAffected} people affected ` +
              `-> ${ch.verdict.toUpperCase()}`,
          );
          for (const p of ch.people.slice(0, 10))
            io.out(
              `  ${p.personId}: ${pct(p.pct)} (${p.changedSlots} of ${p.publishedSlots} slots), ` +
                `${plural(p.changedCalls, 'call')}, ${plural(p.changedInpatientWeeks, 'week')}, ` +
                `${plural(p.changedRotations, 'plan block')}`,
            );
          for (const f of ch.findings) io.out(`  ${f.level}: ${f.message}`);
          if (c.lockedChanges)
            io.out(
              `${plural(c.lockedChanges, 'change')} on or before the lock date ${c.lockDate}: publishing needs ` +
                `break-glass approval`,
            );
          if (c.conflicts.length)
            io.out(
              `${c.conflicts.length} entr${c.conflicts.length === 1 ? 'y was' : 'ies were'} changed by a later ` +
                `publication (#${[...new Set(c.conflicts.map((x) => x.publicationId))].join(', #')})`,
            );
          if (c.validation) io.out(validationLine(c.validation, c.validationStaleReason));
          else io.out('Validation: not run yet (publishing checks the rules in any case)');
          const shown = c.diff.cells.slice(0, limit);
          if (shown.length) io.out('Slots:');
          for (const cell of shown) io.out(cellLine(cell));
          if (c.diff.cells.length > shown.length)
            io.out(`  … and ${c.diff.cells.length - shown.length} more (use --limit or --json)`);
          if (c.diff.calls.length) io.out('Calls:');
          for (const n of c.diff.calls)
            io.out(
              `  ${n.date} ${n.callTypeCode}: ${n.before.map((x) => x.personId).join(', ') || '(nobody)'} -> ` +
                `${n.after.map((x) => x.personId).join(', ') || '(nobody)'}`,
            );
          if (c.diff.inpatientWeeks.length) io.out('Inpatient weeks:');
          for (const w of c.diff.inpatientWeeks)
            io.out(
              `  ${w.start}: ${w.before.map((x) => `${x.personId} to ${x.end}`).join(', ') || '(nobody)'} -> ` +
                `${w.after.map((x) => `${x.personId} to ${x.end}`).join(', ') || '(nobody)'}`,
            );
          const plan = c.diff.rotations.slice(0, limit);
          if (plan.length) io.out('Rotation plan:');
          const parts = (list: { part: string; rotationId: string }[]) =>
            list.map((x) => (x.part === 'full' ? x.rotationId : `${x.part} ${x.rotationId}`)).join(', ') || '(nothing)';
          for (const r of plan)
            io.out(`  ${r.academicYear} block ${r.blockNumber} ${r.personId}: ${parts(r.before)} -> ${parts(r.after)}`);
          if (c.diff.rotations.length > plan.length)
            io.out(`  … and ${c.diff.rotations.length - plan.length} more (use --limit or --json)`);
        });
      },
    ),
};

/** The draft's last rules check: when, why it is stale, and what it found. */
function validationLine(v: DraftValidation, staleReason: string | null): string {
  const stale = staleReason ? `, stale: ${staleReason}` : '';
  return (
    `Validation (${v.validatedAt}${stale}): ${plural(v.added.length, 'new finding')}, ` +
    `${v.removed.length} resolved, ${v.unresolved} blocking unresolved`
  );
}

/** A changed slot, old -> new; a lock or source change alone says which. */
function cellLine(cell: CellDiff): string {
  const before = cell.before?.activityCode ?? '(empty)';
  const after = cell.after?.activityCode ?? '(empty)';
  const lock = cell.after?.locked ? 'locked' : 'unlocked';
  const relocked = cell.kind === 'relocked' ? ` (${lock}, ${cell.after?.source})` : '';
  return `  ${cell.date} ${cell.half} ${cell.personId}: ${before} -> ${after}${relocked}`;
}

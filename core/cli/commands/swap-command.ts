// `swap <subcommand>`: list, candidates, request, approve, reject, cancel, execute, rollback —
// the swap lifecycle (DOMAIN.md, "Swaps"), each with --json for scripts.
import {
  APPROVAL_ROLES,
  approveSwap,
  cancelSwap,
  executeSwap,
  findCandidates,
  listSwaps,
  rejectSwap,
  requestSwap,
  rollbackSwap,
  SWAP_STATUSES,
  type ApprovalRole,
  type SwapStatus,
  type SwapSummary,
} from '../../services/swaps';
import { swapApprovalRole } from '../../api/permissions';
import {
  CliUsageError,
  commandGroup,
  integerOption,
  runCommand,
  type CliCommand,
  type CliIo,
  type CommandBody,
} from '../command';
import { positiveId, withDraftContext } from './draft-context';
import { candidatesText, ITEM_LINE, ITEM_OPTIONS, ITEM_USAGE, itemFrom, kindFrom, swapLine } from './swap-args';

const JSON_USAGE = '  --json                      print JSON instead of text';

function printSwap(io: CliIo, s: SwapSummary, json: boolean, what: string): void {
  if (json) io.out(JSON.stringify(s, null, 2));
  else io.out(`${what}\n  ${swapLine(s)}`);
}

function reasonOf(values: Record<string, string | boolean | undefined>): string {
  const reason = String(values.reason ?? '').trim();
  if (reason.length < 3) throw new CliUsageError('--reason TEXT (at least 3 characters) is required');
  return reason;
}

const list: CliCommand = {
  name: 'list',
  summary: 'List swap requests, newest first',
  usage: `Usage: swap list <db> [--status open|${SWAP_STATUSES.join('|')}] [--person ID] [--json]
${JSON_USAGE}`,
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      {
        usage: list.usage,
        options: { status: { type: 'string' }, person: { type: 'string' }, json: { type: 'boolean' } },
        positionals: ['db'],
      },
      async (values, [db]) => {
        const status = values.status as SwapStatus | 'open' | undefined;
        if (status !== undefined && status !== 'open' && !SWAP_STATUSES.includes(status))
          throw new CliUsageError(`--status must be open or one of ${SWAP_STATUSES.join(', ')}`);
        const filter = { status, personId: values.person as string | undefined };
        await withDraftContext(db, io, ['swaps.list'], async (ctx, s) => {
          await s.check('swaps.list', filter);
          const swaps = await listSwaps(ctx, filter);
          if (values.json) return io.out(JSON.stringify(swaps, null, 2));
          io.out(swaps.length ? 'Swaps:' : 'No swaps.');
          for (const s of swaps) io.out(`  ${swapLine(s)}`);
        });
      },
    ),
};

const candidates: CliCommand = {
  name: 'candidates',
  summary: 'Ranked candidates for an upcoming call or inpatient week',
  usage: `Usage: swap candidates <db> ${ITEM_LINE} [--kind absorb|one-to-one] [--limit N] [--json]
Who could take the item (absorb) or trade one of theirs for it (one-to-one), best first, with the
score's parts; and who is not offered because the swap would break a hard rule.
${ITEM_USAGE}
  --limit N                   show at most N (default 20)
${JSON_USAGE}`,
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      {
        usage: candidates.usage,
        options: { ...ITEM_OPTIONS, kind: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
        positionals: ['db'],
      },
      async (values, [db]) => {
        const item = itemFrom(values, values.person as string | undefined);
        const kind = kindFrom(values.kind);
        const limit = integerOption(values.limit, 'limit', 1, 1000) ?? 20;
        await withDraftContext(db, io, ['swaps.candidates'], async (ctx, s) => {
          await s.check('swaps.candidates', { kind, item });
          const result = await findCandidates(ctx, { kind, item });
          if (values.json) return io.out(JSON.stringify(result, null, 2));
          for (const line of candidatesText(result, limit)) io.out(line);
        });
      },
    ),
};

const request: CliCommand = {
  name: 'request',
  summary: 'Ask for a swap with one candidate (checked now, then pending approval)',
  usage: `Usage: swap request <db> ${ITEM_LINE} --to ID --reason TEXT [options]
${ITEM_USAGE}
  --to ID                     who takes it
  --kind absorb|one-to-one    default absorb; one-to-one names what comes back:
  --their-call-date DATE --their-call-type CODE | --their-week START
  --reason TEXT               why (audited)
${JSON_USAGE}`,
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      {
        usage: request.usage,
        options: {
          ...ITEM_OPTIONS,
          to: { type: 'string' },
          kind: { type: 'string' },
          reason: { type: 'string' },
          json: { type: 'boolean' },
          'their-call-date': { type: 'string' },
          'their-call-type': { type: 'string' },
          'their-week': { type: 'string' },
        },
        positionals: ['db'],
      },
      async (values, [db]) => {
        const item = itemFrom(values, values.person as string | undefined);
        const kind = kindFrom(values.kind);
        const to = values.to as string | undefined;
        if (!to) throw new CliUsageError('--to ID is required');
        const theirs = ['their-call-date', 'their-call-type', 'their-week'].some((k) => values[k] !== undefined);
        if (theirs !== (kind === 'one_to_one'))
          throw new CliUsageError('a one-to-one swap names what comes back (--their-…); an absorb swap does not');
        const counterItem = kind === 'one_to_one' ? itemFrom(values, to, 'their-') : null;
        const reason = reasonOf(values);
        const input = { kind, item, counterpartId: to, counterItem, reason };
        await withDraftContext(db, io, ['swaps.request'], async (ctx, s) => {
          await s.check('swaps.request', input);
          printSwap(io, await requestSwap(ctx, input), values.json === true, 'Requested:');
        });
      },
    ),
};

const approve: CliCommand = {
  name: 'approve',
  summary: 'Approve a pending swap as coordinator or program director',
  usage: `Usage: swap approve <db> <swap-id> [--note TEXT] [--role coordinator|program-director] [--json]
The approval is in the signed-in account's role (a program director's, or a coordinator's);
--role says which only for a program without accounts yet.
${JSON_USAGE}`,
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      {
        usage: approve.usage,
        options: { role: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean' } },
        positionals: ['db', 'swap-id'],
      },
      async (values, [db, id]) => {
        const swapId = positiveId(id, 'swap-id');
        const asked = values.role === undefined ? undefined : (String(values.role).replace('-', '_') as ApprovalRole);
        if (asked !== undefined && !APPROVAL_ROLES.includes(asked))
          throw new CliUsageError('--role must be coordinator or program-director');
        const note = (values.note as string | undefined)?.trim() || null;
        await withDraftContext(db, io, ['swaps.approve'], async (ctx, s) => {
          await s.check('swaps.approve', { swapId, role: asked, note });
          const role = swapApprovalRole(s.account, asked);
          printSwap(io, await approveSwap(ctx, { swapId, role, note }), values.json === true, 'Approved:');
        });
      },
    ),
};

/** reject, cancel and rollback: a swap id and a reason. */
function withReason(
  name: 'reject' | 'cancel' | 'rollback',
  summary: string,
  act: typeof rejectSwap,
  done: string,
): CliCommand {
  const method = `swaps.${name}` as const;
  const command: CliCommand = {
    name,
    summary,
    usage: `Usage: swap ${name} <db> <swap-id> --reason TEXT [--json]
${JSON_USAGE}`,
    run: (argv, io) =>
      runCommand(
        argv,
        io,
        {
          usage: command.usage,
          options: { reason: { type: 'string' }, json: { type: 'boolean' } },
          positionals: ['db', 'swap-id'],
        },
        async (values, [db, id]) => {
          const swapId = positiveId(id, 'swap-id');
          const reason = reasonOf(values);
          await withDraftContext(db, io, [method], async (ctx, s) => {
            await s.check(method, { swapId, reason });
            printSwap(io, await act(ctx, { swapId, reason }), values.json === true, done);
          });
        },
      ),
  };
  return command;
}

const execute: CliCommand = {
  name: 'execute',
  summary: 'Run an approved swap: re-validated and published in one transaction',
  usage: `Usage: swap execute <db> <swap-id> [--accept-churn-warnings] [--json]
Refused when the published schedule changed under the request (it says what changed) or when
the swap now breaks a rule; otherwise every half-day, call and week moves in one publication.
${JSON_USAGE}`,
  run: (argv, io) =>
    runCommand(
      argv,
      io,
      {
        usage: execute.usage,
        options: { 'accept-churn-warnings': { type: 'boolean' }, json: { type: 'boolean' } },
        positionals: ['db', 'swap-id'],
      },
      async (values, [db, id]) => {
        const swapId = positiveId(id, 'swap-id');
        const input = { swapId, acceptChurnWarnings: values['accept-churn-warnings'] === true, breakGlass: null };
        await withDraftContext(db, io, ['swaps.execute'], async (ctx, s) => {
          await s.check('swaps.execute', input);
          printSwap(io, await executeSwap(ctx, input), values.json === true, 'Executed:');
        });
      },
    ),
};

const SUBCOMMANDS: CliCommand[] = [
  list,
  candidates,
  request,
  approve,
  withReason('reject', 'Reject a pending or approved swap', rejectSwap, 'Rejected:'),
  withReason('cancel', 'Cancel a pending or approved swap', cancelSwap, 'Cancelled:'),
  execute,
  withReason('rollback', 'Roll back an executed swap (within the rollback window)', rollbackSwap, 'Rolled back:'),
];

export const swapCommand: CommandBody = commandGroup('swap', SUBCOMMANDS);

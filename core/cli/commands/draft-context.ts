// What the draft commands share: opening the program as a signed-in account (core/cli/session.ts)
// with the real rules engine, and parsing a positive id.
import type { Operation } from '../../api/permissions';
import { validateAsOfToday } from '../../services/compliance';
import type { DraftContext } from '../../services/drafts';
import { CliUsageError, type CliIo } from '../command';
import { withSignedIn, type SignedIn } from '../session';

export async function withDraftContext<T>(
  db: string,
  io: CliIo,
  operations: readonly Operation[],
  body: (ctx: DraftContext, signedIn: SignedIn) => Promise<T>,
): Promise<T> {
  return withSignedIn(db, io, operations, (s) =>
    body({ program: s.program, actor: s.actor, validate: validateAsOfToday }, s),
  );
}

export function positiveId(value: string, what: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new CliUsageError(`${what} must be a positive whole number, got "${value}"`);
  return Number(value);
}

export const pct = (n: number) => `${(Math.round(n * 10) / 10).toFixed(1)}%`;

// What the draft commands share: opening the program as the OS user (for the audit log) with the
// real rules engine, and parsing a positive id.
import { userInfo } from 'node:os';
import { validate } from '../../rules/engine';
import type { DraftContext } from '../../services/drafts';
import { openProgram } from '../../services/program';
import { CliUsageError } from '../command';

export async function withDraftContext<T>(db: string, body: (ctx: DraftContext) => Promise<T>): Promise<T> {
  const program = await openProgram(db);
  try {
    return await body({ program, actor: userInfo().username, validate: (input) => validate(input) });
  } finally {
    await program.close();
  }
}

export function positiveId(value: string, what: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new CliUsageError(`${what} must be a positive whole number, got "${value}"`);
  return Number(value);
}

export const pct = (n: number) => `${(Math.round(n * 10) / 10).toFixed(1)}%`;

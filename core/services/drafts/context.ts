// What every draft operation runs with: the open program, who acts, the clock, and the
// compliance check (the rules engine unless a caller, e.g. a test, passes its own).
import { createHash } from 'node:crypto';
import type { Finding } from '../../domain/types';
import { validate as rulesEngine } from '../../rules/engine';
import type { ComplianceInput } from '../../rules/input';
import type { Program } from '../program';
import { audit, type AuditRecord } from '../audit';
import { DraftError } from './errors';
import { draftDb, type DraftDb, type DraftsTable, type DraftTrx } from './tables';
import type { Selectable, Transaction } from 'kysely';
import type { Database } from '../../db/schema';

export type Validator = (input: ComplianceInput) => Finding[];

/**
 * A draft's rule check run off the main thread (the app: a job in the worker pool), the same
 * engine with the same options as the context's validator: the findings of both schedules.
 */
export type DraftCheck = (
  before: ComplianceInput,
  after: ComplianceInput,
) => Promise<{ before: Finding[]; after: Finding[] }>;

export interface DraftContext {
  program: Program;
  actor: string;
  /** Defaults to the system clock. */
  now?: () => Date;
  /** Defaults to the rules engine with the program's rules (core/rules). */
  validate?: Validator;
  /** Where a draft's whole check runs instead of `validate` in this thread (the app: the worker pool). */
  check?: DraftCheck;
}

export function validatorOf(ctx: DraftContext): Validator {
  return ctx.validate ?? ((input) => rulesEngine(input));
}

export type DraftRow = Selectable<DraftsTable>;

export const nowIso = (ctx: DraftContext): string => (ctx.now ? ctx.now() : new Date()).toISOString();

export function db(ctx: DraftContext): DraftDb {
  return draftDb(ctx.program.db);
}

/** One transaction: every write of an operation commits together or not at all. */
export function inTransaction<T>(ctx: DraftContext, fn: (trx: DraftTrx) => Promise<T>): Promise<T> {
  return db(ctx).transaction().execute(fn);
}

export function writeAudit(trx: DraftTrx, record: AuditRecord): Promise<void> {
  return audit(trx as unknown as Transaction<Database>, record);
}

/** A draft's row; one still being saved in parts is not a draft yet (nothing may read or change it). */
export async function draftRow(trx: DraftTrx | DraftDb, draftId: number): Promise<DraftRow> {
  const row = await trx.selectFrom('drafts').selectAll().where('id', '=', draftId).executeTakeFirst();
  if (!row) throw new DraftError('not_found', `No draft with id ${draftId}`);
  if (row.saving)
    throw new DraftError('not_found', `Draft ${draftId} is still being saved; it can be opened once it is complete`);
  return row;
}

/** The row of a draft being saved in parts; null once it was removed (its save was abandoned). */
export async function savingDraftRow(trx: DraftTrx | DraftDb, draftId: number): Promise<DraftRow> {
  const row = await trx
    .selectFrom('drafts')
    .selectAll()
    .where('id', '=', draftId)
    .where('saving', '=', 1)
    .executeTakeFirst();
  if (!row)
    throw new DraftError(
      'conflict',
      `The draft being saved (id ${draftId}) was removed before it was complete (the program was opened elsewhere ` +
        `meanwhile?); nothing was kept`,
    );
  return row;
}

export async function openDraftRow(trx: DraftTrx, draftId: number): Promise<DraftRow> {
  const row = await draftRow(trx, draftId);
  if (row.status !== 'open')
    throw new DraftError(
      'conflict',
      `Draft ${draftId} ("${row.name}") is ${row.status}; only open drafts can be changed`,
    );
  return row;
}

export async function latestPublicationId(trx: DraftTrx | DraftDb): Promise<number | null> {
  const row = await trx
    .selectFrom('publications')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Which published schedule is in force: the latest publication and how many publications were rolled
 * back. Publishing and rolling back both change it, so a check, an analysis or a save made against one
 * stamp is out of date under another.
 */
export async function publishedScheduleStamp(trx: DraftTrx | DraftDb): Promise<string> {
  const row = await trx
    .selectFrom('publications')
    .select((eb) => [eb.fn.max('id').as('latest'), eb.fn.count<number>('rolled_back_at').as('rolledBack')])
    .executeTakeFirst();
  return `${row?.latest ?? 'none'}|${row?.rolledBack ?? 0}`;
}

/** Fingerprint of the program settings (the rules a validation ran with). */
export async function settingsHash(trx: DraftTrx | DraftDb): Promise<string> {
  const row = await trx.selectFrom('program_settings').select('json').where('id', '=', 1).executeTakeFirst();
  return createHash('sha256')
    .update(row?.json ?? '')
    .digest('hex')
    .slice(0, 16);
}

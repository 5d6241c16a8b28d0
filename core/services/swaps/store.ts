// The swap tables (migration 0013_swaps) as kysely sees them, and the reads the service shares.
import type { Generated, Kysely, Selectable, Transaction } from 'kysely';
import type { Database, Flag } from '../../db/schema';
import type { DraftDatabase } from '../drafts/tables';
import type { SwapHistory } from './score';

export interface SwapsTable {
  id: Generated<number>;
  kind: string;
  item_kind: string;
  requester_id: string;
  /** JSON SwapItem. */
  item: string;
  counterpart_id: string;
  counter_item: string | null;
  status: string;
  reason: string;
  needs_program_director: Flag;
  /** JSON SwapPlan. */
  plan: string;
  /** JSON Score. */
  score: string;
  /** JSON FindingBrief[]. */
  findings: string;
  requested_by: string;
  requested_at: string;
  updated_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  draft_id: number | null;
  publication_id: number | null;
  executed_by: string | null;
  executed_at: string | null;
  rolled_back_by: string | null;
  rolled_back_at: string | null;
  rollback_reason: string | null;
}

export interface SwapApprovalsTable {
  swap_id: number;
  role: string;
  approved_by: string;
  approved_at: string;
  note: string | null;
}

export interface SwapDatabase extends DraftDatabase {
  swaps: SwapsTable;
  swap_approvals: SwapApprovalsTable;
}

export type SwapDb = Kysely<SwapDatabase>;
export type SwapTrx = Transaction<SwapDatabase>;
export type SwapRow = Selectable<SwapsTable>;

export function swapDb(db: Kysely<Database>): SwapDb {
  return db as unknown as SwapDb;
}

/**
 * Executed give-aways (absorb swaps whose publication stands) between a requester and everyone
 * else: per other person, what each took from the other.
 */
export async function historyOf(db: SwapDb | SwapTrx, requesterId: string): Promise<Map<string, SwapHistory>> {
  const rows = await db
    .selectFrom('swaps')
    .innerJoin('publications', 'publications.id', 'swaps.publication_id')
    .select(['swaps.requester_id', 'swaps.counterpart_id'])
    .where('swaps.kind', '=', 'absorb')
    .where('swaps.status', '=', 'executed')
    .where('publications.rolled_back_at', 'is', null)
    .where((eb) => eb.or([eb('swaps.requester_id', '=', requesterId), eb('swaps.counterpart_id', '=', requesterId)]))
    .execute();
  const out = new Map<string, SwapHistory>();
  const of = (id: string) => out.get(id) ?? (out.set(id, { candidateTook: 0, requesterTook: 0 }), out.get(id)!);
  for (const r of rows) {
    if (r.requester_id === requesterId) of(r.counterpart_id).candidateTook++;
    else of(r.requester_id).requesterTook++;
  }
  return out;
}

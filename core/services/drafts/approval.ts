// The program director's approval as a publish gate (settings.review.publishNeedsDirectorApproval):
// a draft may be published once the latest review decision on its current revision approves it
// (issue 18). Break-glass still publishes without it. Swaps have their own approvals and are
// not gated by reviews.
import type { ProgramSettings } from '../../domain/types';
import type { ReviewDatabase } from '../reviews/tables';
import type { DraftRow } from './context';
import type { DraftDb, DraftTrx } from './tables';
import type { Kysely } from 'kysely';

export interface ApprovalGate {
  /** The program asks for the director's approval of this draft. */
  needed: boolean;
  /** The latest decision on the draft's current revision approves it. */
  approved: boolean;
}

/** Whether the latest review decision on this revision of the draft approves it. */
export async function approvedRevision(db: DraftDb | DraftTrx, draftId: number, revision: number): Promise<boolean> {
  const latest = await (db as unknown as Kysely<ReviewDatabase>)
    .selectFrom('review_responses')
    .select('decision')
    .where('draft_id', '=', draftId)
    .where('draft_revision', '=', revision)
    .orderBy('responded_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return latest?.decision === 'approve';
}

export async function approvalGate(
  db: DraftDb | DraftTrx,
  row: DraftRow,
  settings: ProgramSettings,
): Promise<ApprovalGate> {
  const needed = (settings.review?.publishNeedsDirectorApproval ?? false) && row.source !== 'swap';
  return { needed, approved: needed ? await approvedRevision(db, row.id, row.revision) : false };
}

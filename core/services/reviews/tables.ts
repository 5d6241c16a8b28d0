// The kysely view of the review tables (migration 0017_reviews), added to the draft tables.
import type { Generated, Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import type { DraftDatabase } from '../drafts/tables';

export interface ReviewExportsTable {
  hash: string;
  draft_id: number;
  draft_revision: number;
  exported_at: string;
  exported_by: string;
  /** Gzipped JSON of the draft's overlay entries as sent. */
  entries: Buffer;
}

export interface ReviewResponsesTable {
  id: Generated<number>;
  hash: string;
  review_hash: string;
  draft_id: number;
  draft_revision: number;
  decision: string;
  reviewer: string;
  reason: string;
  responded_at: string;
  signer_key: string;
  imported_at: string;
  imported_by: string;
}

export interface ReviewCommentsTable {
  id: Generated<number>;
  response_id: number;
  draft_id: number;
  /** JSON CommentAnchor. */
  anchor: string;
  text: string;
  author: string;
  at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

export interface ReviewDatabase extends DraftDatabase {
  review_exports: ReviewExportsTable;
  review_responses: ReviewResponsesTable;
  review_comments: ReviewCommentsTable;
}

export type ReviewDb = Kysely<ReviewDatabase>;
export type ReviewTrx = Transaction<ReviewDatabase>;

export function reviewDb(db: Kysely<Database>): ReviewDb {
  return db as unknown as ReviewDb;
}

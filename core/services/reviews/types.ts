// What a review file and a response file hold, and what the review service returns. A review is
// the draft as the coordinator sent it: the comparison with the published baseline (diff, churn,
// findings), the baseline's slots around it, and just enough of the program to show it (the
// people, activities, rotations, call types and blocks it names) and nothing else.
import { z } from 'zod';
import type { Block, IsoDate } from '../../domain/types';
import type { Grid } from '../grid';
import type { DraftComparison, DraftSummary } from '../drafts';

export const REVIEW_FORMAT_VERSION = 1;

export type ReviewPerson = Grid['people'][number];

export interface ReviewDocument {
  version: number;
  /** The program's signing key id (the response names it back). */
  programKeyId: string;
  programName: string;
  timeZone: string;
  exportedAt: string;
  exportedBy: string;
  draft: Pick<
    DraftSummary,
    'id' | 'name' | 'note' | 'source' | 'revision' | 'createdBy' | 'createdAt' | 'entries' | 'incomplete'
  >;
  /** The comparison with the published baseline: diff, counts, churn, lock date, findings. */
  comparison: Omit<DraftComparison, 'draftId'>;
  /**
   * The published baseline over the changed dates, as the block grid reads it, for the people the
   * draft touches (and only them): their slots, calls and plan entries; no absences. null = the
   * draft changes no dated slot (only the rotation plan).
   */
  grid: Grid | null;
  /** Everyone the review names (the grid's people, or the plan's residents). */
  people: ReviewPerson[];
  rotations: { id: string; code: string; name: string }[];
  blocks: Block[];
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

/** Where a comment points: slots of a person (a cell range), a person, a finding, or the whole draft. */
export const commentAnchorSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('cells'),
      personIds: z.array(text(80)).min(1).max(500),
      start: isoDate,
      end: isoDate,
      /** Both halves when absent. */
      half: z.enum(['AM', 'PM']).optional(),
    })
    .refine((a) => a.start <= a.end, { message: 'start must be on or before end' }),
  z.object({ kind: z.literal('person'), personId: text(80) }),
  z.object({ kind: z.literal('finding'), findingId: text(300) }),
  z.object({ kind: z.literal('draft') }),
]);
export type CommentAnchor = z.infer<typeof commentAnchorSchema>;

export const DECISIONS = ['approve', 'request_changes'] as const;
export type Decision = (typeof DECISIONS)[number];

export const reviewCommentSchema = z.object({ anchor: commentAnchorSchema, text: text(4000) });
export type ReviewCommentInput = z.infer<typeof reviewCommentSchema>;

/** The decision a reviewer saves. */
export const responseInputSchema = z
  .object({
    decision: z.enum(DECISIONS),
    /** The reviewer's name as they sign it (their account's name where they have one). */
    by: text(120),
    reason: z.string().trim().max(4000),
    comments: z.array(reviewCommentSchema).max(2000),
  })
  .refine((r) => r.decision === 'approve' || r.reason.length > 0, {
    message: 'asking for changes needs a reason',
    path: ['reason'],
  });
export type ResponseInput = z.infer<typeof responseInputSchema>;

/** A response file's payload. */
export const responseDocumentSchema = z
  .object({
    version: z.literal(REVIEW_FORMAT_VERSION),
    reviewHash: z.string().regex(/^[0-9a-f]{64}$/),
    programKeyId: z.string().regex(/^[0-9a-f]{16}$/),
    draftId: z.number().int().positive(),
    draftRevision: z.number().int().min(0),
    draftName: z.string(),
    respondedAt: z.string().min(1).max(40),
  })
  .and(
    z.object({
      decision: z.enum(DECISIONS),
      by: text(120),
      reason: z.string().max(4000),
      comments: z.array(reviewCommentSchema).max(2000),
    }),
  );
export type ResponseDocument = z.infer<typeof responseDocumentSchema>;

/** A review file as opened: verified, with its hash and what it holds. */
export interface OpenedReview {
  hash: string;
  shortHash: string;
  /** The key that signed it (the program's). */
  signerKeyId: string;
  review: ReviewDocument;
}

export interface ChangedEntry {
  what: 'slot' | 'call' | 'inpatient week' | 'plan block';
  personId: string;
  date: IsoDate;
  half: 'AM' | 'PM' | null;
  /** As reviewed, and now (an activity code, a rotation id, 'assigned' or 'not assigned'; null = as published). */
  then: string | null;
  now: string | null;
}

/** A response to an older version of the draft: which revision it saw, and what changed since. */
export interface Staleness {
  reviewedRevision: number;
  currentRevision: number;
  changes: number;
  /** The first changes (at most 200). */
  changed: ChangedEntry[];
}

export interface ReviewComment {
  id: number;
  responseId: number;
  draftId: number;
  anchor: CommentAnchor;
  text: string;
  author: string;
  at: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface ReviewResponseSummary {
  id: number;
  hash: string;
  reviewHash: string;
  draftId: number;
  draftRevision: number;
  decision: Decision;
  reviewer: string;
  reason: string;
  respondedAt: string;
  importedAt: string;
  importedBy: string;
  signerKeyId: string;
  comments: number;
  /** null = it answers the draft as it is now. */
  stale: Staleness | null;
}

/** A draft's review state: the reviews sent, the responses imported, the comments. */
export interface DraftReviewState {
  draftId: number;
  revision: number;
  sent: { hash: string; shortHash: string; revision: number; exportedAt: string; exportedBy: string }[];
  responses: ReviewResponseSummary[];
  comments: ReviewComment[];
  /** An approval of the draft as it is now (the latest decision on this revision approves). */
  approved: boolean;
}

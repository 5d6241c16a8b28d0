// The reviewer's side, without any program database: open a review file (verified, or refused),
// and write the signed response to it. The response carries the hash of the exact review it
// answers, the program's key id and the draft's revision, so the coordinator's program can tell
// a response to this draft as sent from a stale, foreign or repeated one.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { ReviewError } from './errors';
import { fileHash, readSigned, shortHash, writeSigned } from './file';
import {
  responseInputSchema,
  REVIEW_FORMAT_VERSION,
  type OpenedReview,
  type ResponseDocument,
  type ResponseInput,
  type ReviewDocument,
} from './types';

/** Open and verify a review file (refused when changed, truncated, or not a review). */
export function openReview(bytes: Uint8Array, name = 'The review file'): OpenedReview {
  const file = readSigned('review', bytes, name);
  const review = file.payload as ReviewDocument;
  if (typeof review !== 'object' || review === null || review.version !== REVIEW_FORMAT_VERSION)
    throw new ReviewError(
      'rejected',
      `${name} is a review of format version ${String((review as { version?: unknown })?.version)}; this app reads ` +
        `version ${REVIEW_FORMAT_VERSION}`,
    );
  // The program signs its reviews with the key it names: a file signed by another key is not its.
  if (review.programKeyId !== file.signerKeyId)
    throw new ReviewError('rejected', `${name} is not signed by the program it names; it is refused`);
  return { hash: file.hash, shortHash: shortHash(file.hash), signerKeyId: file.signerKeyId, review };
}

/** Comments must point at what the review shows: its people, its findings, its dates. */
function anchorIssues(review: ReviewDocument, input: ResponseInput): string[] {
  const people = new Set(review.people.map((p) => p.id));
  const findings = new Set(
    [...(review.comparison.validation?.added ?? []), ...(review.comparison.validation?.removed ?? [])].map((f) => f.id),
  );
  const issues: string[] = [];
  input.comments.forEach((c, i) => {
    const a = c.anchor;
    if (a.kind === 'person' && !people.has(a.personId))
      issues.push(`comments[${i}]: the review shows nobody with id "${a.personId}"`);
    if (a.kind === 'cells')
      for (const id of a.personIds)
        if (!people.has(id)) issues.push(`comments[${i}]: the review shows nobody with id "${id}"`);
    if (a.kind === 'finding' && !findings.has(a.findingId))
      issues.push(`comments[${i}]: the review has no finding "${a.findingId}"`);
  });
  return issues;
}

export interface WrittenResponse {
  bytes: Buffer;
  hash: string;
  response: ResponseDocument;
}

/**
 * The reviewer's decision on an opened review, signed. `signingKey` is the reviewer's key; by
 * default a new key signs each response (the file is tamper-evident; who sent it is the name in it).
 */
export function writeResponse(
  opened: OpenedReview,
  input: ResponseInput,
  options: { now?: Date; signingKey?: KeyObject } = {},
): WrittenResponse {
  const parsed = responseInputSchema.safeParse(input);
  if (!parsed.success)
    throw new ReviewError(
      'invalid_input',
      `The response is not complete: ` +
        `${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  const issues = anchorIssues(opened.review, parsed.data);
  if (issues.length)
    throw new ReviewError(
      'invalid_input',
      `The response's comments point at nothing in the review: ${issues.slice(0, 10).join('; ')}`,
    );
  const response: ResponseDocument = {
    version: REVIEW_FORMAT_VERSION,
    reviewHash: opened.hash,
    programKeyId: opened.review.programKeyId,
    draftId: opened.review.draft.id,
    draftRevision: opened.review.draft.revision,
    draftName: opened.review.draft.name,
    respondedAt: (options.now ?? new Date()).toISOString(),
    ...parsed.data,
  };
  const key = options.signingKey ?? generateKeyPairSync('ed25519').privateKey;
  const bytes = writeSigned('response', response, key);
  return { bytes, hash: fileHash(bytes), response };
}

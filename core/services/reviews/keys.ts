// The program's Ed25519 key pair (made by migration 0017_reviews: at program creation for a new
// program, when an older program file is first opened otherwise). It signs the review files the
// program sends; its id names the program in the responses that come back.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { ReviewError } from './errors';
import { keyId } from './file';

export interface ProgramKeys {
  privateKey: KeyObject;
  publicKey: string;
  keyId: string;
}

export async function programKeys(db: Kysely<Database>): Promise<ProgramKeys> {
  const rows = await db
    .selectFrom('meta')
    .select(['key', 'value'])
    .where('key', 'in', ['review_private_key', 'review_public_key'])
    .execute();
  const value = (key: string) => rows.find((r) => r.key === key)?.value;
  const privatePem = value('review_private_key');
  const publicKey = value('review_public_key');
  if (!privatePem || !publicKey)
    throw new ReviewError(
      'conflict',
      'The program has no review signing key (its file predates reviews and was not migrated)',
    );
  return { privateKey: createPrivateKey(privatePem), publicKey, keyId: keyId(publicKey) };
}

// Offline review (issue 18): the program's Ed25519 key pair that signs its review files, the
// reviews it sent (with the draft's entries as sent, to show what changed since), the responses it
// imported and their comments. The key pair is made here, so an existing program file gets one
// when it is opened (migrated) and a new program gets one at creation, when every migration runs.
import { generateKeyPairSync } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

export const statements = [
  `CREATE TABLE review_exports (
    hash TEXT PRIMARY KEY CHECK (length(hash) = 64),
    draft_id INTEGER NOT NULL REFERENCES drafts(id),
    draft_revision INTEGER NOT NULL,
    exported_at TEXT NOT NULL,
    exported_by TEXT NOT NULL,
    -- The draft's overlay entries as sent (gzipped JSON): a stale response shows what changed since.
    entries BLOB NOT NULL
  )`,
  `CREATE INDEX review_exports_by_draft ON review_exports(draft_id)`,
  `CREATE TABLE review_responses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
    review_hash TEXT NOT NULL REFERENCES review_exports(hash),
    draft_id INTEGER NOT NULL REFERENCES drafts(id),
    draft_revision INTEGER NOT NULL,
    decision TEXT NOT NULL CHECK (decision IN ('approve', 'request_changes')),
    reviewer TEXT NOT NULL CHECK (length(reviewer) > 0),
    reason TEXT NOT NULL,
    responded_at TEXT NOT NULL,
    signer_key TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL
  )`,
  `CREATE INDEX review_responses_by_draft ON review_responses(draft_id, id)`,
  `CREATE TABLE review_comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    response_id INTEGER NOT NULL REFERENCES review_responses(id),
    draft_id INTEGER NOT NULL REFERENCES drafts(id),
    anchor TEXT NOT NULL CHECK (json_valid(anchor)),
    text TEXT NOT NULL CHECK (length(text) > 0),
    author TEXT NOT NULL,
    at TEXT NOT NULL,
    resolved_at TEXT,
    resolved_by TEXT,
    CHECK ((resolved_at IS NULL) = (resolved_by IS NULL))
  )`,
  `CREATE INDEX review_comments_by_draft ON review_comments(draft_id, id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicDer = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  await sql`INSERT OR IGNORE INTO meta (key, value)
    VALUES ('review_private_key', ${privatePem}), ('review_public_key', ${publicDer})`.execute(db);
}

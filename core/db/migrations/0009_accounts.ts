// Local accounts: who may sign in to the program, with which role. Passwords are stored only as
// scrypt hashes (core/services/passwords.ts). A program without any account is new: the app's
// first-run step creates its administrator. Repeated failed sign-ins lock an account for a while
// (locked_until); an administrator can unlock or disable it.
import { sql, type Kysely } from 'kysely';

const ROLES = "'administrator', 'coordinator', 'program_director', 'chief_resident', 'faculty', 'resident'";

export const statements = [
  `CREATE TABLE accounts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 1 AND 64),
    display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
    role TEXT NOT NULL CHECK (role IN (${ROLES})),
    -- The person of the program the account acts for (required for faculty and residents).
    person_id TEXT,
    password_hash TEXT NOT NULL CHECK (password_hash GLOB 'scrypt$*'),
    failed_sign_ins INTEGER NOT NULL DEFAULT 0 CHECK (failed_sign_ins >= 0),
    locked_until TEXT,
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
    created_at TEXT NOT NULL,
    last_sign_in_at TEXT,
    CHECK (role NOT IN ('faculty', 'resident') OR person_id IS NOT NULL)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

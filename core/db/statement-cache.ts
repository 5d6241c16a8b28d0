// The query builder's connection with its prepared statements kept. Kysely's SQLite driver
// prepares every query again (better-sqlite3 parses and plans the SQL each time): that was a
// tenth of a request's CPU (profile of fuzz-api: prepare 2.6 of 29 s). A statement is reused by
// its SQL text; SQLite re-plans it itself when the schema changes, and better-sqlite3 clears its
// bound values after each run. Two runs of one statement cannot overlap: better-sqlite3 refuses
// any query on a connection while another one is still being iterated.
import type Sqlite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct SQL texts kept; the least recently used goes first (lists of `?` vary in length). */
const KEPT = 500;

export function withStatementCache(sqlite: Sqlite.Database, kept = KEPT): SqliteDatabase {
  const statements = new Map<string, Sqlite.Statement>();
  return {
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else statement = sqlite.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > kept) statements.delete(statements.keys().next().value!);
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}

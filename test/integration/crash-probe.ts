// Imported by a crash test's child process: it watches the SQL the child runs (every statement as it
// runs, which every kysely query goes through, and exec) and reports on stdout the moments a
// kill must be tried at: "writing" at the first statement that changes the file, and "commit N" just
// before each write becomes durable (the COMMIT of a transaction that wrote, or a write outside any
// transaction: SQLite commits it by itself). Between two such moments the file's committed state
// cannot change, so a kill just before each of them (CRASH_PAUSE_AT=N: the child stops there and
// says "paused N") sees every state a crash can leave. Messages go out with a synchronous write, so
// the parent reads them before the child goes on.
import fs from 'node:fs';
import Sqlite from 'better-sqlite3';
import { watchStatementRuns } from '../statement-runs';

const say = (line: string) => fs.writeSync(1, `${line}\n`);

/** Start watching (say "started"): the child's work begins. `done()` says it committed. */
export function watchWrites(): { done(): void } {
  const pauseAt = Number(process.env.CRASH_PAUSE_AT ?? 0);
  /** Connections inside a transaction that has written. */
  const wrote = new WeakSet<Sqlite.Database>();
  let writing = false;
  let commits = 0;
  const beforeCommit = () => {
    commits++;
    if (commits === pauseAt) {
      say(`paused ${commits}`);
      // Stop here, before the commit, until the parent's SIGKILL.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
    }
    say(`commit ${commits}`);
  };
  const seen = (db: Sqlite.Database, source: string, changes: boolean) => {
    if (/^\s*(commit|end)\b/i.test(source)) {
      if (wrote.has(db)) beforeCommit();
      wrote.delete(db);
    } else if (/^\s*rollback\s*$/i.test(source)) wrote.delete(db);
    else if (changes) {
      if (!writing) say('writing');
      writing = true;
      if (db.inTransaction) wrote.add(db);
      else beforeCommit();
    }
  };
  // Each statement as it runs (the connection keeps its prepared statements: one prepare, many runs).
  watchStatementRuns((statement) => seen(statement.database, statement.source, !statement.readonly));
  const proto = Sqlite.prototype as unknown as { exec(this: Sqlite.Database, source: string): Sqlite.Database };
  const { exec } = proto;
  // Several statements at once: each one could change the file, so the whole counts as a write.
  proto.exec = function (source) {
    seen(this, source, !/^\s*(begin|commit|end|rollback)\b[^;]*;?\s*$/i.test(source));
    return exec.call(this, source);
  };
  say('started');
  return { done: () => say('done') };
}

// Every statement a better-sqlite3 connection runs, seen just before it runs, for tests that watch the
// SQL of a service at work. Watching prepare() is not enough: the program database keeps its prepared
// statements (core/db/statement-cache.ts), so a statement runs many times after one prepare, and one
// prepared before the watch began is never prepared again.
import Sqlite from 'better-sqlite3';

const RUNS = ['run', 'get', 'all', 'iterate'] as const;
type Runs = Record<(typeof RUNS)[number], (this: Sqlite.Statement, ...args: unknown[]) => unknown>;

/** The prototype of better-sqlite3's statements (its Statement class is not exported). */
function statementPrototype(): Runs {
  const db = new Sqlite(':memory:');
  try {
    return Object.getPrototypeOf(db.prepare('SELECT 1')) as Runs;
  } finally {
    db.close();
  }
}

/**
 * Calls `seen` with each statement any connection runs, before it runs, and `returned` with what it
 * returned, until the returned stop().
 */
export function watchStatementRuns(
  seen: (statement: Sqlite.Statement) => void,
  returned?: (statement: Sqlite.Statement, result: unknown) => void,
): () => void {
  const prototype = statementPrototype();
  const originals = RUNS.map((name) => prototype[name]);
  RUNS.forEach((name, i) => {
    prototype[name] = function (this: Sqlite.Statement, ...args: unknown[]) {
      seen(this);
      const result = originals[i].apply(this, args);
      returned?.(this, result);
      return result;
    };
  });
  return () => RUNS.forEach((name, i) => (prototype[name] = originals[i]));
}

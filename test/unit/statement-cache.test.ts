// The program database's prepared statements (core/db/statement-cache.ts): reused by their SQL text, and the
// least recently used dropped past the limit.
import Sqlite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../core/db/statement-cache';

let sqlite: Sqlite.Database;
beforeEach(() => {
  sqlite = new Sqlite(':memory:');
  sqlite.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)');
});
afterEach(() => sqlite.close());

describe('the statement cache', () => {
  it('hands out the same statement for the same SQL, a new one for other SQL', () => {
    const cache = withStatementCache(sqlite);
    const first = cache.prepare('SELECT n FROM t');
    expect(cache.prepare('SELECT n FROM t')).toBe(first);
    expect(cache.prepare('SELECT n FROM t WHERE n > 1')).not.toBe(first);
  });

  it('drops the least recently used statement past its limit', () => {
    const cache = withStatementCache(sqlite, 2);
    const one = cache.prepare('SELECT 1');
    const two = cache.prepare('SELECT 2');
    cache.prepare('SELECT 1');
    cache.prepare('SELECT 3'); // the third: 'SELECT 2' was used least recently
    expect(cache.prepare('SELECT 1')).toBe(one);
    expect(cache.prepare('SELECT 2')).not.toBe(two);
  });

  it('needs no guard for a statement being iterated: the connection runs nothing else until the iteration ends', () => {
    const cache = withStatementCache(sqlite);
    const rows = cache.prepare('SELECT n FROM t').iterate([]);
    rows.next();
    expect(() => cache.prepare('SELECT n FROM t').all([])).toThrow(/busy/);
    rows.return?.();
    expect(cache.prepare('SELECT n FROM t').all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });
});

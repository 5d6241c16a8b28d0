// Password hashes: the cost is stored with each hash, a verification uses the stored cost, and a
// hash naming a cost outside the allowed range never matches (a hostile file cannot make a
// sign-in take minutes). The app's own cost is checked in test/integration/accounts.test.ts.
import { describe, expect, it } from 'vitest';
import { decoyHash, hashPassword, PASSWORD_COST, verifyPassword } from '../../core/services/passwords';
import { TEST_PASSWORD_COST } from '../sign-in';

describe('password hashes', () => {
  it('the app hashes at N = 2^15, r = 8, p = 1', () => {
    expect(PASSWORD_COST).toEqual({ N: 2 ** 15, r: 8, p: 1 });
  });

  it('store their cost and verify at it', async () => {
    const hash = await hashPassword('correct horse battery', TEST_PASSWORD_COST);
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    // A salt per hash: the same password never gives the same hash.
    expect(await hashPassword('correct horse battery', TEST_PASSWORD_COST)).not.toBe(hash);
  });

  it('refuse a cost no stored hash may carry', async () => {
    for (const cost of [
      { N: 1000, r: 8, p: 1 },
      { N: 2 ** 18, r: 8, p: 1 },
      { N: 2 ** 10, r: 17, p: 1 },
      { N: 2 ** 10, r: 8, p: 0 },
    ])
      await expect(hashPassword('a password', cost)).rejects.toThrow(/Not a password hashing cost/);
    const hash = await hashPassword('a password', TEST_PASSWORD_COST);
    const [, , r, p, salt, key] = hash.split('$');
    expect(await verifyPassword('a password', ['scrypt', 2 ** 18, r, p, salt, key].join('$'))).toBe(false);
    expect(await verifyPassword('a password', ['scrypt', 1000, r, p, salt, key].join('$'))).toBe(false);
    expect(await verifyPassword('a password', 'bcrypt$x')).toBe(false);
  });

  it('keep one decoy per cost, at that cost', async () => {
    const decoy = await decoyHash(TEST_PASSWORD_COST);
    expect(decoy).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await decoyHash({ ...TEST_PASSWORD_COST })).toBe(decoy);
    expect(await decoyHash({ N: 2 ** 11, r: 8, p: 1 })).toMatch(/^scrypt\$2048\$8\$1\$/);
  });
});

// Password hashing with node:crypto's scrypt (memory-hard, so a stolen program file does not give
// the passwords away cheaply). Stored as `scrypt$N$r$p$salt$hash` (salt and hash base64), so the
// cost can be raised later and older hashes still verify. Hashing runs on libuv's thread pool,
// never on the event loop. New hashes get the cost their caller passes: the app passes
// PASSWORD_COST (createCore's default); a verification always uses the cost stored in the hash.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's work factors: N (CPU and memory, a power of two), r (block size), p (parallelism). */
export interface PasswordCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** The app's cost for new hashes: about 0.1 s of CPU and 32 MiB per hash on a workstation. */
export const PASSWORD_COST: PasswordCost = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** The largest cost a stored hash may name (a hostile file must not make a sign-in take minutes). */
const MAX_N = 2 ** 17;
const MAX_R = 16;
const MAX_P = 4;
/** scrypt needs 128 · N · r bytes; allow the largest cost we would ever store. */
const MAX_MEMORY = 128 * MAX_N * 8 * 2;

/** Whether a cost is one a stored hash may carry (verifyPassword refuses any other). */
function isStorableCost({ N, r, p }: PasswordCost): boolean {
  return (
    [N, r, p].every((n) => Number.isInteger(n) && n > 0) &&
    N > 1 &&
    (N & (N - 1)) === 0 &&
    N <= MAX_N &&
    r <= MAX_R &&
    p <= MAX_P
  );
}

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: MAX_MEMORY };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, cost: PasswordCost): Promise<string> {
  if (!isStorableCost(cost)) throw new Error(`Not a password hashing cost: N=${cost.N}, r=${cost.r}, p=${cost.p}`);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether `password` matches a stored hash; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number);
  if (!isStorableCost({ N, r, p })) return false;
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  const key = await derive(password, salt, { N, r, p });
  return timingSafeEqual(key, expected);
}

/**
 * A hash of a random password at `cost`: checked against when the account does not exist, so a
 * wrong name takes as long as a wrong password. One per cost, made once.
 */
const decoys = new Map<string, Promise<string>>();
export function decoyHash(cost: PasswordCost): Promise<string> {
  const key = `${cost.N}$${cost.r}$${cost.p}`;
  let decoy = decoys.get(key);
  if (!decoy) {
    decoy = hashPassword(randomBytes(16).toString('hex'), cost);
    decoys.set(key, decoy);
  }
  return decoy;
}

/** What is wrong with a new password, or null. Length is what matters (NIST SP 800-63B), not character classes. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `a password has at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `a password has at most ${PASSWORD_MAX_LENGTH} characters`;
  if (password.trim().toLowerCase() === username.trim().toLowerCase())
    return 'the password must not be the account name';
  return null;
}

// The signed file format of reviews and responses: a first line naming the kind, a second line
// with the signer's Ed25519 public key and the signature, then the gzipped JSON payload. The
// signature covers the first line and the payload bytes; the second line must be exactly as this
// code writes it. So a file changed by even one byte is refused, and the sha256 of the whole file
// names it (a response carries the hash of the review it answers).
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { ReviewError } from './errors';

export type SignedKind = 'review' | 'response';

const MAGIC: Record<SignedKind, string> = {
  review: 'RESIDENCY-SCHEDULER REVIEW 1',
  response: 'RESIDENCY-SCHEDULER REVIEW RESPONSE 1',
};
const WORD: Record<SignedKind, string> = { review: 'review file', response: 'review response file' };

/** The sha256 of a file's bytes (hex): its name in the program's records. */
export function fileHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** What the PDF footer and the screens show: the first 12 hex digits. */
export const shortHash = (hash: string): string => hash.slice(0, 12);

/** A public key's id: the first 16 hex digits of the sha256 of its SPKI bytes. */
export function keyId(publicKeyBase64: string): string {
  return createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('hex').slice(0, 16);
}

export function publicKeyBase64(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

function header(key: string, signature: string): string {
  return JSON.stringify({ key, signature });
}

export function writeSigned(kind: SignedKind, payload: unknown, privateKey: KeyObject): Buffer {
  const magic = Buffer.from(`${MAGIC[kind]}\n`);
  const body = gzipSync(Buffer.from(JSON.stringify(payload)), { level: 9 });
  const signature = sign(null, Buffer.concat([magic, body]), privateKey).toString('base64');
  const publicKey = publicKeyBase64(createPublicKey(privateKey));
  return Buffer.concat([magic, Buffer.from(`${header(publicKey, signature)}\n`), body]);
}

export interface SignedFile {
  kind: SignedKind;
  hash: string;
  /** The signer's public key (SPKI, base64) and its id. */
  signerKey: string;
  signerKeyId: string;
  payload: unknown;
}

/** Read and verify a signed file; any change, truncation or other kind of file is refused. */
export function readSigned(kind: SignedKind, bytes: Uint8Array, name = 'the file'): SignedFile {
  const buf = Buffer.from(bytes);
  const refuse = (why: string) => new ReviewError('rejected', `${name} is not a valid ${WORD[kind]}: ${why}`);
  const tampered = () =>
    new ReviewError(
      'rejected',
      `${name} was changed after it was signed (its signature does not match its content); it is refused`,
    );
  const first = buf.indexOf(0x0a);
  const magic = first < 0 ? '' : buf.subarray(0, first).toString('utf8');
  if (magic !== MAGIC[kind]) {
    const other = (Object.keys(MAGIC) as SignedKind[]).find((k) => MAGIC[k] === magic);
    if (other) throw refuse(`it is a ${WORD[other]}`);
    throw magic.startsWith('RESIDENCY-SCHEDULER') ? tampered() : refuse('it does not start like one');
  }
  const second = buf.indexOf(0x0a, first + 1);
  if (second < 0) throw tampered();
  const line = buf.subarray(first + 1, second).toString('utf8');
  let parsed: { key?: unknown; signature?: unknown };
  try {
    parsed = JSON.parse(line) as typeof parsed;
  } catch {
    throw tampered();
  }
  const canonical = (v: unknown) => typeof v === 'string' && Buffer.from(v, 'base64').toString('base64') === v;
  if (!canonical(parsed.key) || !canonical(parsed.signature)) throw tampered();
  if (header(parsed.key as string, parsed.signature as string) !== line) throw tampered();
  const body = buf.subarray(second + 1);
  let ok = false;
  try {
    const key = createPublicKey({ key: Buffer.from(parsed.key as string, 'base64'), format: 'der', type: 'spki' });
    const signed = Buffer.concat([buf.subarray(0, first + 1), body]);
    ok =
      key.asymmetricKeyType === 'ed25519' &&
      verify(null, signed, key, Buffer.from(parsed.signature as string, 'base64'));
  } catch {
    ok = false;
  }
  if (!ok) throw tampered();
  let payload: unknown;
  try {
    payload = JSON.parse(gunzipSync(body).toString('utf8'));
  } catch {
    throw refuse('its signed content cannot be read');
  }
  return {
    kind,
    hash: fileHash(buf),
    signerKey: parsed.key as string,
    signerKeyId: keyId(parsed.key as string),
    payload,
  };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { getConfig } from './config.js';
import { AppError } from './errors.js';
import { parseKeyList } from './key-list.js';

/** One signing key: its id travels in the token, so a rotated-out key still verifies its tokens. */
export interface SigningKey {
  id: string;
  secret: Buffer;
}

/** `kid:base64secret,kid2:…` → keys, the first being the one that signs. */
export const parseSigningKeys = (value: string | undefined): SigningKey[] =>
  parseKeyList('SIGNING_KEYS', value, (b) => b.length >= 32, 'kid:secret with a secret of 32+ bytes').map(
    ({ id, bytes }) => ({ id, secret: bytes }),
  );

let cached: SigningKey[] | undefined;
function configuredKeys(): SigningKey[] {
  cached ??= parseSigningKeys(getConfig().SIGNING_KEYS);
  if (!cached.length) throw new Error('SIGNING_KEYS is not set: public links cannot be signed');
  return cached;
}

/** Tests change keys between runs; production never calls this. */
export function resetSigningKeysForTests(): void {
  cached = undefined;
}

const b64 = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const mac = (key: SigningKey, body: string) => createHmac('sha256', key.secret).update(body).digest();

/**
 * A compact signed token, `kid.payload.signature` (HMAC-SHA256, base64url): no lookup table, the
 * link carries what it grants. `expiresAt` (epoch seconds in `exp`) is optional: an unsubscribe
 * link works forever, a booking link expires.
 */
export function signToken(payload: Record<string, unknown>, keys: SigningKey[] = configuredKeys()): string {
  const key = keys[0]!;
  const body = `${key.id}.${b64(JSON.stringify(payload))}`;
  return `${body}.${b64(mac(key, body))}`;
}

/**
 * The payload of a token this app signed, or an AppError: UNAUTHENTICATED (401) when it was
 * altered, signed by an unknown key or is not a token; EXPIRED (410) when past its `exp`.
 */
export function verifyToken<T extends Record<string, unknown>>(
  token: string,
  now: Date,
  keys: SigningKey[] = configuredKeys(),
): T {
  const invalid = () =>
    new AppError('UNAUTHENTICATED', 'This link is not valid — it may have been cut short or changed.');
  const [kid, payload, signature, extra] = token.split('.');
  if (!kid || !payload || !signature || extra !== undefined) throw invalid();
  const key = keys.find((k) => k.id === kid);
  if (!key) throw invalid();
  const expected = mac(key, `${kid}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let data: T;
  try {
    data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
  } catch {
    throw invalid();
  }
  const exp = (data as { exp?: unknown }).exp;
  if (typeof exp === 'number' && exp * 1000 < now.getTime()) {
    throw new AppError('EXPIRED', 'This link has expired.');
  }
  return data;
}

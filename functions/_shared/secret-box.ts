import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { getConfig } from './config.js';
import { parseKeyList } from './key-list.js';

/**
 * Secrets at rest (calendar passwords, OAuth tokens): AES-256-GCM with a random 96-bit IV, the
 * key's id stored beside the ciphertext so keys rotate (the first key seals, every key opens), and
 * the record the secret belongs to bound in as additional data — a sealed value copied onto another
 * connection or owner does not open. Never logged, never returned by the API.
 */

export interface SealedSecret {
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

export interface SecretKey {
  id: string;
  key: Buffer;
}

/** `kid:base64key,kid2:…` → keys (32 bytes each), the first being the one that seals. */
export const parseSecretKeys = (value: string | undefined): SecretKey[] =>
  parseKeyList(
    'CREDENTIAL_KEYS',
    value,
    (b) => b.length === 32,
    'kid:key with a key of exactly 32 bytes',
  ).map(({ id, bytes }) => ({ id, key: bytes }));

let cached: SecretKey[] | undefined;
function configuredKeys(): SecretKey[] {
  cached ??= parseSecretKeys(getConfig().CREDENTIAL_KEYS);
  if (!cached.length) throw new Error('CREDENTIAL_KEYS is not set: credentials cannot be stored');
  return cached;
}

/** Tests change keys between runs; production never calls this. */
export function resetSecretKeysForTests(): void {
  cached = undefined;
}

export function sealSecret(
  plain: string,
  boundTo: string,
  keys: SecretKey[] = configuredKeys(),
): SealedSecret {
  const { id, key } = keys[0]!;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return {
    kid: id,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    data: data.toString('base64'),
  };
}

/** The plain text, or an Error (unknown key, altered, or bound to another record) — without the secret. */
export function openSecret(
  sealed: SealedSecret,
  boundTo: string,
  keys: SecretKey[] = configuredKeys(),
): string {
  const key = keys.find((k) => k.id === sealed.kid);
  if (!key)
    throw new Error(`The credential was sealed with key "${sealed.kid}", which is no longer configured`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(boundTo, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new Error('The stored credential does not open (altered, or not this record’s)');
  }
}

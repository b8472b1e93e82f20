import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openSecret, parseSecretKeys, sealSecret } from './secret-box.js';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;

describe('secret box', () => {
  it('opens what it sealed, with a fresh IV each time, and after a key rotation', () => {
    const [k1] = parseSecretKeys(key('k1'));
    const k2 = parseSecretKeys(key('k2'))[0]!;
    const sealed = sealSecret('app-specific-password', 'owner/conn-1', [k1!]);
    expect(sealed.data).not.toContain('app-specific');
    expect(sealSecret('app-specific-password', 'owner/conn-1', [k1!]).iv).not.toBe(sealed.iv);
    // k2 now seals; k1 still opens what it sealed.
    expect(openSecret(sealed, 'owner/conn-1', [k2, k1!])).toBe('app-specific-password');
    expect(sealSecret('x', 'owner/conn-1', [k2, k1!]).kid).toBe('k2');
  });

  it('refuses an altered value, another record’s value and a removed key, without saying the secret', () => {
    const keys = parseSecretKeys(key('k1'));
    const sealed = sealSecret('hunter2', 'alice/conn-1', keys);
    const flipped = {
      ...sealed,
      data: Buffer.from(Buffer.from(sealed.data, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString(
        'base64',
      ),
    };
    expect(() => openSecret(flipped, 'alice/conn-1', keys)).toThrow(/does not open/);
    expect(() => openSecret(sealed, 'mallory/conn-1', keys)).toThrow(/does not open/);
    expect(() => openSecret(sealed, 'alice/conn-1', parseSecretKeys(key('k9')))).toThrow(
      /no longer configured/,
    );
    try {
      openSecret(sealed, 'mallory/conn-1', keys);
    } catch (err) {
      expect(String(err)).not.toContain('hunter2');
    }
  });

  it('names the setting when a key is malformed', () => {
    expect(() => parseSecretKeys('k1:dG9vLXNob3J0')).toThrow(/CREDENTIAL_KEYS/);
  });
});

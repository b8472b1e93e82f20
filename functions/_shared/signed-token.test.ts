import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { parseSigningKeys, signToken, verifyToken } from './signed-token.js';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const NOW = new Date('2026-11-30T10:00:00Z');
const code = (work: () => unknown) => {
  try {
    work();
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
  return 'ok';
};

describe('signed tokens', () => {
  const keys = parseSigningKeys(key('k1'));

  it('round-trips a payload and refuses any change to it', () => {
    const token = signToken({ o: 'owner', e: 'ada@x.io' }, keys);
    expect(verifyToken(token, NOW, keys)).toEqual({ o: 'owner', e: 'ada@x.io' });
    const [kid, payload, sig] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ o: 'owner', e: 'grace@x.io' })).toString('base64url');
    expect(code(() => verifyToken(`${kid}.${forged}.${sig}`, NOW, keys))).toBe('UNAUTHENTICATED');
    expect(code(() => verifyToken(`${kid}.${payload}.${sig!.slice(0, -2)}`, NOW, keys))).toBe(
      'UNAUTHENTICATED',
    );
    expect(code(() => verifyToken('not-a-token', NOW, keys))).toBe('UNAUTHENTICATED');
  });

  it('says EXPIRED after its expiry, not before', () => {
    const token = signToken({ exp: NOW.getTime() / 1000 + 60 }, keys);
    expect(code(() => verifyToken(token, NOW, keys))).toBe('ok');
    expect(code(() => verifyToken(token, new Date(NOW.getTime() + 61_000), keys))).toBe('EXPIRED');
  });

  it('rotates: a new key signs, the old one still verifies, a removed one no longer does', () => {
    const old = parseSigningKeys(key('k1'));
    const oldToken = signToken({ n: 1 }, old);
    const rotated = [...parseSigningKeys(key('k2')), ...old];
    expect(signToken({ n: 2 }, rotated).startsWith('k2.')).toBe(true);
    expect(verifyToken(oldToken, NOW, rotated)).toEqual({ n: 1 });
    expect(code(() => verifyToken(oldToken, NOW, rotated.slice(0, 1)))).toBe('UNAUTHENTICATED');
  });

  it('refuses a weak or malformed key setting, naming it', () => {
    expect(() => parseSigningKeys('k1:c2hvcnQ=')).toThrow(/SIGNING_KEYS/);
  });
});

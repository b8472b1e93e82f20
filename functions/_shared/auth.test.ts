import { describe, expect, it } from 'vitest';
import { encodePrincipal, parsePrincipal, requirePrincipal } from './auth.js';

const jane = {
  identityProvider: 'aad',
  userId: 'd75b260a64504067bfc5b2905e3b8182',
  userDetails: 'jane@contoso.com',
  userRoles: ['anonymous', 'authenticated'],
};

describe('parsePrincipal', () => {
  it('reads the principal Static Web Apps sends', () => {
    expect(parsePrincipal(encodePrincipal(jane))).toEqual(jane);
  });

  it('ignores claims it does not need', () => {
    const header = Buffer.from(JSON.stringify({ ...jane, claims: [{ typ: 'name', val: 'Jane' }] })).toString(
      'base64',
    );
    expect(parsePrincipal(header)?.userId).toBe(jane.userId);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['not base64 JSON', 'not-json!!'],
    ['JSON without a user id', Buffer.from(JSON.stringify({ identityProvider: 'aad' })).toString('base64')],
    ['anonymous only', encodePrincipal({ ...jane, userRoles: ['anonymous'] })],
  ])('treats a %s header as signed out', (_label, header) => {
    expect(parsePrincipal(header)).toBeNull();
  });

  it('answers 401 with a plain message when nobody is signed in', () => {
    expect(() => requirePrincipal(null)).toThrowError(
      expect.objectContaining({ code: 'UNAUTHENTICATED', status: 401 }),
    );
  });
});

import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CalendarProvider } from '../_integrations/calendar/calendar-provider.js';
import { parseSecretKeys } from '../_shared/secret-box.js';
import { parseSigningKeys, signToken } from '../_shared/signed-token.js';
import type { CalendarConnectionDoc, ConnectionStore } from './connections.js';
import { completeOAuth, type OAuthDeps, type OAuthStateDoc, startOAuth } from './oauth.js';

const KEYS = parseSecretKeys(`unit:${randomBytes(32).toString('base64')}`);
const SIGNING = parseSigningKeys(`unit:${randomBytes(32).toString('base64')}`);

function setup() {
  const states = new Map<string, OAuthStateDoc>();
  const connections: CalendarConnectionDoc[] = [];
  const exchanged: { code: string; codeVerifier: string }[] = [];
  let challenge = '';
  const store: ConnectionStore = {
    list: async (ownerId) => connections.filter((c) => c.ownerId === ownerId),
    find: async (ownerId, id) => connections.find((c) => c.ownerId === ownerId && c.id === id),
    create: async (doc) => {
      connections.push(doc);
      return doc;
    },
    save: async (doc) => doc,
    remove: async () => undefined,
  };
  const provider = {
    listCalendars: async () => [{ url: 'primary', name: 'ana@example.com', canWrite: true }],
  } as unknown as CalendarProvider;
  let n = 0;
  const deps: OAuthDeps = {
    now: () => new Date('2026-03-01T09:00:00Z'),
    newId: () => `conn-${++n}`,
    states: {
      create: async (doc) => {
        states.set(`${doc.ownerId}/${doc.id}`, doc);
      },
      take: async (ownerId, id) => {
        const doc = states.get(`${ownerId}/${id}`);
        states.delete(`${ownerId}/${id}`);
        return doc;
      },
    },
    connections: store,
    client: () => ({
      serverUrl: 'https://www.googleapis.com',
      authorizationUrl: ({ state, codeChallenge, redirectUri }) => {
        challenge = codeChallenge;
        return `https://accounts.example/auth?${new URLSearchParams({ state, code_challenge: codeChallenge, redirect_uri: redirectUri })}`;
      },
      exchange: async (request) => {
        exchanged.push(request);
        return {
          accessToken: 'at-1',
          refreshToken: 'rt-1',
          expiresAt: '2026-03-01T10:00:00Z',
          email: 'ana@example.com',
        };
      },
    }),
    factory: () => () => provider,
    redirectUri: () => 'https://app.example/api/calendars/oauth/google/callback',
    keys: KEYS,
    signingKeys: SIGNING,
  };
  const stateOf = (url: string) => new URL(url).searchParams.get('state')!;
  return { deps, connections, exchanged, stateOf, challenge: () => challenge };
}

describe('OAuth calendar connect', () => {
  it('connects with PKCE: the verifier sent matches the challenge, the tokens are sealed, the calendar takes meetings', async () => {
    const t = setup();
    const { url } = await startOAuth('ana', 'google', t.deps);
    const dto = await completeOAuth('ana', 'google', { code: 'code-1', state: t.stateOf(url) }, t.deps);
    expect(dto).toMatchObject({
      kind: 'google',
      label: 'ana@example.com',
      status: 'ok',
      writeCalendarUrl: 'primary',
    });
    const verifier = t.exchanged[0]!.codeVerifier;
    expect(createHash('sha256').update(verifier).digest('base64url')).toBe(t.challenge());
    expect(JSON.stringify(t.connections[0])).not.toMatch(/at-1|rt-1/);
  });

  it('refuses a replayed, altered, forged or another person’s state', async () => {
    const t = setup();
    const { url } = await startOAuth('ana', 'google', t.deps);
    const state = t.stateOf(url);
    await expect(completeOAuth('mallory', 'google', { code: 'c', state }, t.deps)).rejects.toThrow(
      /another person/,
    );
    const [kid, payload, sig] = state.split('.');
    const altered = `${kid}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), o: 'mallory' })).toString('base64url')}.${sig}`;
    await expect(completeOAuth('mallory', 'google', { code: 'c', state: altered }, t.deps)).rejects.toThrow(
      /altered/,
    );
    await completeOAuth('ana', 'google', { code: 'c', state }, t.deps);
    await expect(completeOAuth('ana', 'google', { code: 'c', state }, t.deps)).rejects.toThrow(
      /used already/,
    );
    // A state signed for an unknown nonce (never started) is refused too.
    const forged = signToken({ k: 'oauth', o: 'ana', n: 'never', p: 'google', exp: 9e9 }, SIGNING);
    await expect(completeOAuth('ana', 'google', { code: 'c', state: forged }, t.deps)).rejects.toThrow(
      /used already/,
    );
    expect(t.exchanged).toHaveLength(1);
  });
});

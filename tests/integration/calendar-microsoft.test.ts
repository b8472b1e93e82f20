import { createHash, randomBytes } from 'node:crypto';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarSettings } from '../../functions/_integrations/calendar/calendar-provider.js';
import { CalendarConnectionExpiredError } from '../../functions/_integrations/calendar/calendar-provider.js';
import {
  grantedProvider,
  runCalendarContract,
  sampleCalendarEvent,
} from '../../functions/_integrations/calendar/contract.test-support.js';
import { useMicrosoftFetchForTests } from '../../functions/_integrations/calendar/microsoft-client.js';
import {
  exchangeMicrosoftCode,
  microsoftAuthorizationUrl,
} from '../../functions/_integrations/calendar/microsoft-oauth.js';
import { calendarProviders } from '../../functions/_integrations/calendar/registry.js';
import {
  type FakeMicrosoftGraph,
  microsoftSettingsFor,
  startFakeMicrosoftGraph,
} from '../fakes/microsoft-graph-server.js';
import { useEmulators } from './support/app.js';

/**
 * The Microsoft 365 provider, through the official Graph client, against a local https server in
 * Graph's and Entra's shapes. The test trusts the server's throwaway CA through an undici Agent
 * handed to the provider's fetch — nothing process-wide (no NODE_EXTRA_CA_CERTS).
 */
let fake: FakeMicrosoftGraph;
let dispatcher: Agent;

beforeAll(async () => {
  fake = await startFakeMicrosoftGraph();
  dispatcher = new Agent({ connect: { ca: fake.ca } });
  useMicrosoftFetchForTests(((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch);
  useEmulators(microsoftSettingsFor(fake));
});
afterAll(async () => {
  useMicrosoftFetchForTests(undefined);
  await dispatcher?.close();
  await fake?.close();
});

/** A provider for a fresh grant; `saved` collects what it hands back through onCredentials. */
const connect = (settings: CalendarSettings = {}, over: Partial<Record<string, string>> = {}) =>
  grantedProvider(calendarProviders.microsoft, 'owner-microsoft', { ...fake.grant(), ...over }, settings);

runCalendarContract('microsoft', async () => ({ provider: connect().provider }));

const day = (d: string) => ({ start: `${d}T00:00:00.000Z`, end: `${d}T23:59:59.000Z` });
const pkce = () => {
  const codeVerifier = randomBytes(32).toString('base64url');
  return { codeVerifier, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url') };
};

describe('connecting Microsoft 365 (OAuth with PKCE)', () => {
  async function consent(codeChallenge: string) {
    const redirectUri = 'http://localhost:4280/api/calendars/microsoft/callback';
    const url = microsoftAuthorizationUrl({ state: 'state-123', codeChallenge, redirectUri });
    const asked = new URL(url);
    expect(asked.pathname).toBe('/common/oauth2/v2.0/authorize');
    expect(Object.fromEntries(asked.searchParams)).toMatchObject({
      response_type: 'code',
      code_challenge_method: 'S256',
      code_challenge: codeChallenge,
      client_id: fake.clientId,
    });
    expect(asked.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining(['offline_access', 'Calendars.ReadWrite', 'User.Read', 'openid', 'email']),
    );
    const back = await undiciFetch(url, { redirect: 'manual', dispatcher });
    const location = new URL(back.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('state-123');
    return { code: location.searchParams.get('code')!, redirectUri };
  }

  it('trades the code for tokens with the right verifier, and they work', async () => {
    const { codeVerifier, codeChallenge } = pkce();
    const { code, redirectUri } = await consent(codeChallenge);
    const tokens = await exchangeMicrosoftCode({ code, codeVerifier, redirectUri });
    expect(tokens).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      email: fake.email,
    });
    expect(Date.parse(tokens.expiresAt)).toBeGreaterThan(Date.now() + 50 * 60_000);
    const provider = calendarProviders.microsoft('owner-oauth', { ...tokens });
    await expect(provider.health()).resolves.toBeUndefined();
    // A code is good once.
    await expect(exchangeMicrosoftCode({ code, codeVerifier, redirectUri })).rejects.toThrow(/invalid_grant/);
  });

  it('refuses a code sent with another verifier', async () => {
    const { codeChallenge } = pkce();
    const { code, redirectUri } = await consent(codeChallenge);
    await expect(
      exchangeMicrosoftCode({ code, codeVerifier: pkce().codeVerifier, redirectUri }),
    ).rejects.toThrow(/did not accept the sign-in \(invalid_grant\)/);
  });
});

describe('Microsoft tokens', () => {
  it('refreshes an access token past its expiry before calling, and hands the new ones back', async () => {
    const { provider, tokens, saved } = connect(
      {},
      { expiresAt: new Date(Date.now() - 60_000).toISOString() },
    );
    fake.expireAccessTokens();
    expect(await provider.listBusy(day('2032-01-05'))).toEqual([]);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.accessToken).not.toBe(tokens.accessToken);
    // Entra rotates refresh tokens: the new one is what the connection must keep.
    expect(saved[0]!.refreshToken).not.toBe(tokens.refreshToken);
    expect(Date.parse(saved[0]!.expiresAt!)).toBeGreaterThan(Date.now());
  });

  it('refreshes once on a 401 when the stored expiry was wrong', async () => {
    const { provider, saved } = connect();
    fake.expireAccessTokens();
    await expect(provider.health()).resolves.toBeUndefined();
    expect(saved).toHaveLength(1);
  });

  it('a revoked grant makes busy time and health fail with "reconnect", never an empty list', async () => {
    const { provider, tokens } = connect();
    fake.revoke(tokens.refreshToken);
    fake.expireAccessTokens();
    const busy = provider.listBusy(day('2032-01-06'));
    await expect(busy).rejects.toBeInstanceOf(CalendarConnectionExpiredError);
    await expect(provider.listBusy(day('2032-01-06'))).rejects.toThrow(/expired.*reconnect Microsoft 365/);
    await expect(provider.health()).rejects.toThrow(/reconnect/);
  });
});

describe('Microsoft 365 calendar behaviour', () => {
  it('waits out a 429 with Retry-After and then succeeds', async () => {
    const { provider } = connect();
    const event = sampleCalendarEvent({ start: '2032-02-02T10:00:00.000Z', end: '2032-02-02T11:00:00.000Z' });
    await provider.createEvent(event);
    fake.throttleNext(1);
    const started = Date.now();
    expect(await provider.listBusy(day('2032-02-02'))).toContainEqual({ start: event.start, end: event.end });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a 500, but reports a refusal (403) with what Graph said', async () => {
    const { provider } = connect();
    fake.failNext(500);
    await expect(provider.listCalendars!()).resolves.toContainEqual(
      expect.objectContaining({ name: 'Calendar', canWrite: true }),
    );
    fake.failNext(403);
    await expect(provider.listCalendars!()).rejects.toThrow(/did not allow this \(ErrorAccessDenied/);
  });

  it('makes a Teams meeting when asked, and keeps its join URL on the stored event', async () => {
    const { provider } = connect();
    const event = sampleCalendarEvent({
      start: '2032-03-03T10:00:00.000Z',
      end: '2032-03-03T10:30:00.000Z',
      conference: undefined,
      conferenceRequest: 'teams',
    });
    const created = await provider.createEvent(event);
    expect(created.conference?.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(created.location).toBeUndefined();
    const post = fake.requests.findLast((r) => r.method === 'POST' && r.path.endsWith('/events'))!;
    expect(post.body).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    expect((await provider.getEvent(created.eventId))?.conference).toEqual(created.conference);
    // A retried create, or a move, keeps the same meeting link.
    expect((await provider.createEvent(event)).conference).toEqual(created.conference);
    const moved = await provider.updateEvent(created.eventId, {
      ...event,
      start: '2032-03-03T12:00:00.000Z',
      end: '2032-03-03T12:30:00.000Z',
      sequence: 1,
    });
    expect(moved.conference).toEqual(created.conference);
  });

  it('a retried create returns the first event through its transactionId, even when the lookup misses it', async () => {
    const { provider } = connect();
    const event = sampleCalendarEvent({ start: '2032-03-04T10:00:00.000Z', end: '2032-03-04T10:30:00.000Z' });
    fake.lookupMisses = true;
    try {
      const first = await provider.createEvent(event);
      const again = await provider.createEvent({ ...event, title: 'A retried create' });
      expect(again.eventId).toBe(first.eventId);
      // Both creates reached Graph (the lookup missed), with the same transactionId.
      const posts = fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/events')).slice(-2);
      expect(posts[1]!.body?.transactionId).toBe(posts[0]!.body?.transactionId);
      expect(fake.event(first.eventId)?.subject).toBe(event.title);
    } finally {
      fake.lookupMisses = false;
    }
  });

  it('sends no Graph attendees (Outlook would send its own invitations), and writes UTC times', async () => {
    const { provider } = connect();
    const event = sampleCalendarEvent({ start: '2032-04-04T08:00:00.000Z', end: '2032-04-04T09:00:00.000Z' });
    const { eventId } = await provider.createEvent(event);
    const stored = fake.event(eventId)!;
    expect(stored.attendees).toEqual([]);
    expect(stored.start).toEqual({ dateTime: '2032-04-04T08:00:00.000', timeZone: 'UTC' });
    expect(stored.location).toEqual({ displayName: event.conference?.joinUrl });
    expect(typeof stored.transactionId).toBe('string');
  });

  it('blocks every occurrence of a recurring event made in Outlook, but not free or cancelled time', async () => {
    const { provider } = connect();
    const calendarId = (await provider.listCalendars!()).find((c) => c.name === 'Calendar')!.url;
    fake.putEvent(calendarId, {
      id: 'AAMkADstandup=',
      subject: 'Stand-up',
      start: { dateTime: '2032-05-03T09:00:00.0000000', timeZone: 'W. Europe Standard Time' },
      end: { dateTime: '2032-05-03T09:30:00.0000000', timeZone: 'W. Europe Standard Time' },
      recurrence: {
        pattern: { type: 'daily', interval: 1 },
        range: { type: 'numbered', numberOfOccurrences: 3, startDate: '2032-05-03' },
      },
    });
    fake.putEvent(calendarId, {
      id: 'AAMkADfocus=',
      showAs: 'free',
      start: { dateTime: '2032-05-04T12:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2032-05-04T13:00:00.0000000', timeZone: 'UTC' },
    });
    fake.putEvent(calendarId, {
      id: 'AAMkADcancelled=',
      isCancelled: true,
      start: { dateTime: '2032-05-05T12:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2032-05-05T13:00:00.0000000', timeZone: 'UTC' },
    });
    expect(
      await provider.listBusy({ start: '2032-05-03T00:00:00.000Z', end: '2032-05-07T00:00:00.000Z' }),
    ).toEqual([
      { start: '2032-05-03T07:00:00.000Z', end: '2032-05-03T07:30:00.000Z' },
      { start: '2032-05-04T07:00:00.000Z', end: '2032-05-04T07:30:00.000Z' },
      { start: '2032-05-05T07:00:00.000Z', end: '2032-05-05T07:30:00.000Z' },
    ]);
    const view = fake.requests.findLast((r) => r.path.endsWith('/calendarView'))!;
    expect(view.headers.prefer).toBe('outlook.timezone="UTC"');
  });

  it('pages through calendars and busy time; by default only calendars the account owns count', async () => {
    fake.pageSize = 2;
    try {
      fake.addCalendar({ id: 'AAMkADteam=', name: 'Team', canEdit: true });
      fake.addCalendar({
        id: 'AAMkADcolleague=',
        name: "Ada's calendar",
        canEdit: false,
        owner: { name: 'Ada Lovelace', address: 'ada@contoso.onmicrosoft.com' },
      });
      fake.addCalendar({ id: 'AAMkADside=', name: 'Side project', canEdit: true });
      for (const [i, hour] of [10, 12, 14].entries())
        fake.putEvent('AAMkADside=', {
          id: `AAMkADside${i}=`,
          start: { dateTime: `2032-06-01T${hour}:00:00.0000000`, timeZone: 'UTC' },
          end: { dateTime: `2032-06-01T${hour}:30:00.0000000`, timeZone: 'UTC' },
        });
      fake.putEvent('AAMkADcolleague=', {
        id: 'AAMkADcolleague1=',
        start: { dateTime: '2032-06-01T16:00:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2032-06-01T17:00:00.0000000', timeZone: 'UTC' },
      });
      const { provider } = connect();
      const calendars = await provider.listCalendars!();
      expect(calendars).toHaveLength(4);
      expect(calendars).toContainEqual({ url: 'AAMkADcolleague=', name: "Ada's calendar", canWrite: false });
      expect(calendars).toContainEqual({ url: 'AAMkADteam=', name: 'Team', canWrite: true });
      expect(await provider.listBusy(day('2032-06-01'))).toEqual([
        { start: '2032-06-01T10:00:00.000Z', end: '2032-06-01T10:30:00.000Z' },
        { start: '2032-06-01T12:00:00.000Z', end: '2032-06-01T12:30:00.000Z' },
        { start: '2032-06-01T14:00:00.000Z', end: '2032-06-01T14:30:00.000Z' },
      ]);
      const chosen = connect({ readCalendarUrls: ['AAMkADcolleague='] }).provider;
      expect(await chosen.listBusy(day('2032-06-01'))).toEqual([
        { start: '2032-06-01T16:00:00.000Z', end: '2032-06-01T17:00:00.000Z' },
      ]);
      const gone = connect({ readCalendarUrls: ['AAMkADdeleted='] }).provider;
      await expect(gone.listBusy(day('2032-06-01'))).rejects.toThrow(
        /could not read the calendar AAMkADdeleted=/,
      );
      const readOnly = connect({ writeCalendarUrl: 'AAMkADcolleague=' }).provider;
      await expect(readOnly.health()).rejects.toThrow(/cannot be written to/);
    } finally {
      fake.pageSize = 100;
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CalendarSettings } from '../../functions/_integrations/calendar/calendar-provider.js';
import {
  grantedProvider,
  runCalendarContract,
  sampleCalendarEvent,
} from '../../functions/_integrations/calendar/contract.test-support.js';
import {
  exchangeGoogleCode,
  googleAuthorizationUrl,
  googlePkcePair,
  revokeGoogleToken,
} from '../../functions/_integrations/calendar/google-oauth.js';
import { calendarProviders } from '../../functions/_integrations/calendar/registry.js';
import {
  type FakeGoogleCalendar,
  googleSettingsFor,
  startFakeGoogleCalendar,
} from '../fakes/google-calendar-server.js';
import { useEmulators } from './support/app.js';

/** The Google provider, through the official client, against a local server in Google's shapes. */
let fake: FakeGoogleCalendar;

beforeAll(async () => {
  fake = await startFakeGoogleCalendar();
  useEmulators(googleSettingsFor(fake));
});
afterAll(async () => {
  await fake?.close();
});

/** A provider for a fresh grant; `saved` collects what it hands back through onCredentials. */
const connect = (settings: CalendarSettings = {}, over: Partial<Record<string, string>> = {}) =>
  grantedProvider(calendarProviders.google, 'owner-google', { ...fake.grant(), ...over }, settings);

runCalendarContract('google', async () => ({ provider: connect().provider }));

const day = (d: string) => ({ start: `${d}T00:00:00.000Z`, end: `${d}T23:59:59.000Z` });

describe('connecting Google Calendar (OAuth with PKCE)', () => {
  async function consent(codeChallenge: string) {
    const redirectUri = 'http://localhost:4280/api/calendars/google/callback';
    const url = googleAuthorizationUrl({
      state: 'state-123',
      codeChallenge,
      redirectUri,
      loginHint: fake.email,
    });
    const asked = new URL(url).searchParams;
    expect(Object.fromEntries(asked)).toMatchObject({
      access_type: 'offline',
      prompt: 'consent',
      code_challenge_method: 'S256',
      login_hint: fake.email,
    });
    expect(asked.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining([
        'https://www.googleapis.com/auth/calendar.events',
        'https://www.googleapis.com/auth/calendar.events.freebusy',
        'https://www.googleapis.com/auth/calendar.calendarlist.readonly',
      ]),
    );
    const back = await fetch(url, { redirect: 'manual' });
    const location = new URL(back.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('state-123');
    return { code: location.searchParams.get('code')!, redirectUri };
  }

  it('trades the code for tokens with the right verifier, and they work', async () => {
    const { codeVerifier, codeChallenge } = await googlePkcePair();
    const { code, redirectUri } = await consent(codeChallenge);
    const tokens = await exchangeGoogleCode({ code, codeVerifier, redirectUri });
    expect(tokens).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      email: fake.email,
    });
    expect(Date.parse(tokens.expiresAt)).toBeGreaterThan(Date.now() + 50 * 60_000);
    const provider = calendarProviders.google('owner-oauth', { ...tokens });
    await expect(provider.health()).resolves.toBeUndefined();
  });

  it('refuses a code sent with another verifier', async () => {
    const { codeChallenge } = await googlePkcePair();
    const other = await googlePkcePair();
    const { code, redirectUri } = await consent(codeChallenge);
    await expect(exchangeGoogleCode({ code, codeVerifier: other.codeVerifier, redirectUri })).rejects.toThrow(
      /did not accept the sign-in \(invalid_grant\)/,
    );
  });

  it('revokes a token: the connection then asks to be reconnected', async () => {
    const { provider, tokens } = connect();
    await revokeGoogleToken(tokens.refreshToken);
    await expect(revokeGoogleToken(tokens.refreshToken)).resolves.toBeUndefined();
    await expect(provider.health()).rejects.toThrow(/reconnect/);
  });
});

describe('Google tokens', () => {
  it('refreshes an access token past its expiry before calling, and hands the new one back', async () => {
    const { provider, tokens, saved } = connect(
      {},
      { expiresAt: new Date(Date.now() - 60_000).toISOString() },
    );
    fake.expireAccessTokens();
    expect(await provider.listBusy(day('2032-01-05'))).toEqual([]);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ refreshToken: tokens.refreshToken });
    expect(saved[0]!.accessToken).not.toBe(tokens.accessToken);
    expect(Date.parse(saved[0]!.expiresAt!)).toBeGreaterThan(Date.now());
  });

  it('refreshes once on a 401 when the stored expiry was wrong', async () => {
    const { provider, saved } = connect();
    fake.expireAccessTokens();
    await expect(provider.health()).resolves.toBeUndefined();
    expect(saved).toHaveLength(1);
  });

  it('a revoked refresh token makes busy time and health fail with "reconnect", never an empty list', async () => {
    const { provider, tokens } = connect();
    fake.revoke(tokens.refreshToken);
    await expect(provider.listBusy(day('2032-01-06'))).rejects.toThrow(/expired.*reconnect Google Calendar/);
    await expect(provider.health()).rejects.toThrow(/reconnect/);
  });
});

describe('Google Calendar behaviour', () => {
  it('waits out a 429 with Retry-After and then succeeds', async () => {
    const { provider } = connect();
    const event = sampleCalendarEvent({ start: '2032-02-02T10:00:00.000Z', end: '2032-02-02T11:00:00.000Z' });
    await provider.createEvent(event);
    fake.throttleNext(1);
    const started = Date.now();
    expect(await provider.listBusy(day('2032-02-02'))).toContainEqual({ start: event.start, end: event.end });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('retries a 500, but reports a refusal (403) with what Google said', async () => {
    const { provider } = connect();
    fake.failNext(500);
    await expect(provider.listCalendars!()).resolves.toContainEqual({
      url: fake.email,
      name: fake.email,
      canWrite: true,
    });
    fake.failNext(403);
    await expect(provider.listCalendars!()).rejects.toThrow(/Google Calendar answered 403: Forbidden/);
  });

  it('makes a Google Meet link when asked, and keeps it on the stored event', async () => {
    const { provider } = connect();
    const event = sampleCalendarEvent({
      start: '2032-03-03T10:00:00.000Z',
      end: '2032-03-03T10:30:00.000Z',
      conference: undefined,
      conferenceRequest: 'meet',
    });
    const created = await provider.createEvent(event);
    expect(created.conference?.joinUrl).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect((await provider.getEvent(created.eventId))?.conference).toEqual(created.conference);
    expect(created.location).toBeUndefined();
    const insert = fake.requests.findLast((r) => r.method === 'POST' && r.path.endsWith('/events'))!;
    expect(insert.query.get('conferenceDataVersion')).toBe('1');
    expect(insert.query.get('sendUpdates')).toBe('none');
    // A retried create, or an update, keeps the same meeting link.
    expect((await provider.createEvent(event)).conference).toEqual(created.conference);
    const moved = await provider.updateEvent(created.eventId, {
      ...event,
      start: '2032-03-03T12:00:00.000Z',
      end: '2032-03-03T12:30:00.000Z',
      sequence: 1,
    });
    expect(moved.conference).toEqual(created.conference);
  });

  it('shows the organizer the event in their zone, with a video provider link as its location', async () => {
    const { provider } = connect();
    const event = sampleCalendarEvent({ start: '2032-04-04T08:00:00.000Z', end: '2032-04-04T09:00:00.000Z' });
    const { eventId } = await provider.createEvent(event);
    const stored = fake.event(fake.email, eventId)!;
    expect(stored.start).toEqual({ dateTime: '2032-04-04T10:00:00+02:00', timeZone: 'Europe/Berlin' });
    expect(stored.location).toBe(event.conference?.joinUrl);
    expect(stored.attendees).toContainEqual(
      expect.objectContaining({ email: 'ada@example.com', displayName: 'Ada Lovelace' }),
    );
  });

  it('blocks every occurrence of a recurring event made in Google Calendar', async () => {
    const { provider } = connect();
    fake.putEvent(fake.email, {
      id: 'standup0001',
      summary: 'Stand-up',
      start: { dateTime: '2032-05-03T09:00:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2032-05-03T09:30:00', timeZone: 'Europe/Berlin' },
      recurrence: ['RRULE:FREQ=DAILY;COUNT=3'],
    });
    expect(
      await provider.listBusy({ start: '2032-05-03T00:00:00.000Z', end: '2032-05-07T00:00:00.000Z' }),
    ).toEqual([
      { start: '2032-05-03T07:00:00.000Z', end: '2032-05-03T07:30:00.000Z' },
      { start: '2032-05-04T07:00:00.000Z', end: '2032-05-04T07:30:00.000Z' },
      { start: '2032-05-05T07:00:00.000Z', end: '2032-05-05T07:30:00.000Z' },
    ]);
  });

  it('pages through the calendar list; by default only calendars the account owns count as busy', async () => {
    fake.calendarListPageSize = 2;
    try {
      fake.addCalendar({ id: 'team@group.calendar.google.com', summary: 'Team', accessRole: 'writer' });
      fake.addCalendar({
        id: 'de.german#holiday@group.v.calendar.google.com',
        summary: 'Holidays',
        accessRole: 'reader',
      });
      fake.addCalendar({
        id: 'side@group.calendar.google.com',
        summary: 'Side project',
        accessRole: 'owner',
      });
      const busy = { start: { dateTime: '2032-06-01T10:00:00Z' }, end: { dateTime: '2032-06-01T11:00:00Z' } };
      fake.putEvent('side@group.calendar.google.com', { id: 'side00001', ...busy });
      fake.putEvent('de.german#holiday@group.v.calendar.google.com', {
        id: 'holiday0001',
        start: { dateTime: '2032-06-01T12:00:00Z' },
        end: { dateTime: '2032-06-01T13:00:00Z' },
      });
      const { provider } = connect();
      const calendars = await provider.listCalendars!();
      expect(calendars).toHaveLength(4);
      expect(calendars).toContainEqual({
        url: 'de.german#holiday@group.v.calendar.google.com',
        name: 'Holidays',
        canWrite: false,
      });
      expect(calendars).toContainEqual({
        url: 'team@group.calendar.google.com',
        name: 'Team',
        canWrite: true,
      });
      expect(await provider.listBusy(day('2032-06-01'))).toEqual([
        { start: '2032-06-01T10:00:00.000Z', end: '2032-06-01T11:00:00.000Z' },
      ]);
      const chosen = connect({
        readCalendarUrls: ['de.german#holiday@group.v.calendar.google.com'],
      }).provider;
      expect(await chosen.listBusy(day('2032-06-01'))).toEqual([
        { start: '2032-06-01T12:00:00.000Z', end: '2032-06-01T13:00:00.000Z' },
      ]);
      const gone = connect({ readCalendarUrls: ['deleted@group.calendar.google.com'] }).provider;
      await expect(gone.listBusy(day('2032-06-01'))).rejects.toThrow(/could not read the calendar deleted@/);
    } finally {
      fake.calendarListPageSize = 250;
    }
  });
});

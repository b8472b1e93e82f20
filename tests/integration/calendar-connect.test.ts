import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGoogleCalendar, startFakeGoogleCalendar } from '../fakes/google-calendar-server.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { ownerOf, seedContacts } from './support/seed.js';

/**
 * Connecting Google Calendar through the app as a browser does it — consent, callback, the
 * connection listed — and what it changes: its busy time is not offered, new meetings go into it
 * with a Meet link, and a revoked grant withholds times instead of offering them as free.
 */
let fake: FakeGoogleCalendar;
let app: TestApp;

beforeAll(async () => {
  fake = await startFakeGoogleCalendar();
  useEmulators({
    GOOGLE_CLIENT_ID: fake.clientId,
    GOOGLE_CLIENT_SECRET: fake.clientSecret,
    GOOGLE_API_ROOT_URL: `${fake.url}/`,
    GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
    GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
    GOOGLE_OAUTH_REVOKE_URL: fake.revokeUrl,
  });
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const post = (body: unknown = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** "Connect Google Calendar", the consent page (which agrees at once), and the way back. */
async function consent(session: Session): Promise<string> {
  const start = await session.fetch('/api/calendars/oauth/google/start', post());
  expect(start.status).toBe(200);
  const { url } = await start.json();
  expect(url.startsWith(fake.authUrl)).toBe(true);
  const back = await fetch(url, { redirect: 'manual' });
  expect(back.status).toBe(302);
  const callback = new URL(back.headers.get('location')!);
  expect(callback.pathname).toBe('/api/calendars/oauth/google/callback');
  return `${callback.pathname}${callback.search}`;
}

async function openEveryDay(session: Session) {
  const current = await (await session.fetch('/api/availability')).json();
  const open = Object.fromEntries(
    ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]),
  );
  const res = await session.fetch('/api/availability', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      rules: {
        ...current.rules,
        timeZone: 'UTC',
        weeklyHours: open,
        minimumNoticeMinutes: 0,
        maxDaysAhead: 30,
      },
      meetingTypes: current.meetingTypes,
      etag: current.etag,
    }),
  });
  expect(res.status).toBe(200);
}

describe('connecting Google Calendar', () => {
  it('connects by consent; the callback is single-use and only for the person who started it', async () => {
    const ana = await app.signIn('ana.google@example.com', 'Ana');
    const callback = await consent(ana);

    // Someone else signed in cannot land Ana's grant in their account.
    const eve = await app.signIn('eve@example.com', 'Eve');
    const stolen = await eve.fetch(callback, { redirect: 'manual' });
    expect(stolen.status).toBe(302);
    expect(stolen.headers.get('location')).toMatch(/^\/calendars\?error=.*another\+person/);

    const done = await ana.fetch(callback, { redirect: 'manual' });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toMatch(/^\/calendars\?connected=/);
    const list = await (await ana.fetch('/api/calendars')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ kind: 'google', status: 'ok', label: fake.email });
    expect(list.writesTo).toBe(list.items[0].id);
    expect(JSON.stringify(list)).not.toMatch(/accessToken|refreshToken|ya29|1\/\//);

    // The same answer again (a replay, a double click): refused, nothing added.
    const again = await ana.fetch(callback, { redirect: 'manual' });
    expect(again.headers.get('location')).toMatch(/^\/calendars\?error=.*used\+already/);
    expect((await (await ana.fetch('/api/calendars')).json()).items).toHaveLength(1);
    expect((await (await eve.fetch('/api/calendars')).json()).items).toHaveLength(0);

    // Disconnecting gives the grant back to Google.
    expect((await ana.fetch(`/api/calendars/${list.items[0].id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await (await ana.fetch('/api/calendars')).json()).items).toEqual([]);
    expect(fake.revokedCount()).toBe(1);
  });

  it('keeps Google busy time free, books into Google with a Meet link, and withholds times when access is revoked', async () => {
    const ben = await app.signIn('ben.google@example.com', 'Ben');
    await openEveryDay(ben);
    const done = await ben.fetch(await consent(ben), { redirect: 'manual' });
    expect(done.headers.get('location')).toMatch(/connected=/);

    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    fake.putEvent(fake.email, {
      id: 'busyfromgoogle1',
      summary: 'Dentist',
      start: { dateTime: `${day}T10:00:00Z` },
      end: { dateTime: `${day}T11:00:00Z` },
    });
    const window = `from=${day}T08:00:00Z&to=${day}T14:00:00Z`;
    const slots = await (await ben.fetch(`/api/slots?${window}`)).json();
    const starts = slots.slots.map((s: { start: string }) => s.start);
    expect(starts).not.toContain(`${day}T10:00:00.000Z`);
    expect(starts).not.toContain(`${day}T10:30:00.000Z`);
    expect(starts).toContain(`${day}T12:00:00.000Z`);

    const [max] = await seedContacts(await ownerOf(ben), [{ firstName: 'Max', email: 'max@example.com' }]);
    const booked = await ben.fetch(
      '/api/meetings',
      post({ contactId: max!.id, meetingTypeId: 'intro', start: `${day}T12:00:00.000Z` }),
    );
    expect(booked.status).toBe(201);
    const meeting = await booked.json();
    expect(meeting.joinUrl).toMatch(/^https:\/\/meet\.google\.com\//);
    const inserted = fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/events'));
    expect(inserted?.body).toMatchObject({ start: { dateTime: expect.stringContaining(`${day}T12:00:00`) } });

    // Access removed at Google: times are withheld (503 naming it), never offered as free.
    for (const grantToken of fake.grantedRefreshTokens()) fake.revoke(grantToken);
    fake.expireAccessTokens();
    const withheld = await ben.fetch(`/api/slots?${window}`);
    expect(withheld.status).toBe(503);
    expect((await withheld.json()).error.message).toMatch(/cannot be read/);
    const after = (await (await ben.fetch('/api/calendars')).json()).items[0];
    expect(after.status).toBe('expired');
    expect(after.lastError).toMatch(/reconnect/i);
  });
});

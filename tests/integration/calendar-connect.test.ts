import { randomUUID } from 'node:crypto';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { useMicrosoftFetchForTests } from '../../functions/_integrations/calendar/microsoft-client.js';
import { anotherCalDavApp, icsFromAnotherApp } from '../fakes/caldav-another-app.js';
import {
  type FakeGoogleCalendar,
  googleSettingsFor,
  startFakeGoogleCalendar,
} from '../fakes/google-calendar-server.js';
import {
  type FakeMicrosoftGraph,
  microsoftSettingsFor,
  startFakeMicrosoftGraph,
} from '../fakes/microsoft-graph-server.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { openEveryDay, ownerOf, seedContacts } from './support/seed.js';

const openEveryDayUtc = (session: Session) => openEveryDay(session, { timeZone: 'UTC', maxDaysAhead: 30 });

/**
 * Connecting Google Calendar through the app as a browser does it — consent, callback, the
 * connection listed — and what it changes: its busy time is not offered, new meetings go into it
 * with a Meet link, and a revoked grant withholds times instead of offering them as free.
 */
let fake: FakeGoogleCalendar;
let ms: FakeMicrosoftGraph;
let trustMs: Agent;
let app: TestApp;

beforeAll(async () => {
  fake = await startFakeGoogleCalendar();
  ms = await startFakeMicrosoftGraph();
  // The Microsoft fake speaks https with a throwaway CA: trusted by the provider's fetch only.
  trustMs = new Agent({ connect: { ca: ms.ca } });
  useMicrosoftFetchForTests(((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: trustMs })) as unknown as typeof fetch);
  useEmulators({ ...googleSettingsFor(fake), ...microsoftSettingsFor(ms) });
  app = await startTestApp();
});
afterAll(async () => {
  useMicrosoftFetchForTests(undefined);
  await app?.close();
  await fake?.close();
  await trustMs?.close();
  await ms?.close();
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
    await openEveryDayUtc(ben);
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
    expect((await withheld.json()).error.message).toMatch(/organizer's Google calendar cannot be read/);
    const after = (await (await ben.fetch('/api/calendars')).json()).items[0];
    expect(after.status).toBe('expired');
    expect(after.lastError).toMatch(/reconnect/i);
    // Ben is told once, by email, however often the calendar is tried meanwhile.
    await ben.fetch(`/api/slots?${window}`);
    const { items } = await (await ben.fetch('/api/outbox')).json();
    const alerts = items.filter((m: { subject: string }) => /needs you to reconnect it/.test(m.subject));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].to).toContain('ben.google@example.com');
  });
});

describe('connecting a CalDAV calendar (Radicale)', () => {
  const server = () => ({ serverUrl: inject('caldavUrl'), username: inject('caldavUsername') });

  /** A calendar of the Radicale user's, made by "another app", with a daily series in it. */
  async function calendarWithSeries(day: string) {
    const other = await anotherCalDavApp({ ...server(), password: inject('caldavPassword') });
    const url = await other.newCalendar('Work');
    const start = day.replaceAll('-', '');
    await other.put(
      url,
      'standup.ics',
      icsFromAnotherApp(
        'BEGIN:VEVENT',
        `UID:${randomUUID()}@another.app`,
        'DTSTAMP:20260101T000000Z',
        `DTSTART:${start}T100000Z`,
        `DTEND:${start}T110000Z`,
        'RRULE:FREQ=DAILY;COUNT=3',
        'SUMMARY:Stand-up',
        'END:VEVENT',
      ),
    );
    return { client: other.client, url };
  }

  it("refuses a wrong password by name, then connects; another app's daily series is kept free and meetings land in the chosen calendar", async () => {
    const cleo = await app.signIn('cleo.caldav@example.com', 'Cleo');
    await openEveryDayUtc(cleo);
    const wrong = await cleo.fetch(
      '/api/calendars',
      post({ kind: 'caldav', ...server(), password: 'not-it' }),
    );
    expect(wrong.status).toBe(422);
    const refusal = await wrong.json();
    expect(refusal.error.message).toMatch(/Could not connect to .*refused the user name or password/);
    expect(refusal.error.details[0].path).toBe('password');
    expect((await (await cleo.fetch('/api/calendars')).json()).items).toEqual([]);

    const day = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
    const next = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    const work = await calendarWithSeries(day);
    const connected = await cleo.fetch(
      '/api/calendars',
      post({ kind: 'caldav', ...server(), password: inject('caldavPassword') }),
    );
    expect(connected.status).toBe(201);
    const connection = await connected.json();
    expect(connection.calendars.map((c: { url: string }) => c.url)).toContain(work.url);
    // Only this calendar counts, and meetings go there.
    const chosen = await cleo.fetch(`/api/calendars/${connection.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ readCalendarUrls: [work.url], writeCalendarUrl: work.url }),
    });
    expect(chosen.status).toBe(200);

    for (const d of [day, next]) {
      const { slots } = await (await cleo.fetch(`/api/slots?from=${d}T08:00:00Z&to=${d}T13:00:00Z`)).json();
      const starts = slots.map((x: { start: string }) => x.start);
      expect(starts, d).not.toContain(`${d}T10:00:00.000Z`);
      expect(starts, d).toContain(`${d}T12:00:00.000Z`);
    }

    const [dan] = await seedContacts(await ownerOf(cleo), [{ firstName: 'Dan', email: 'dan@example.com' }]);
    const booked = await cleo.fetch(
      '/api/meetings',
      post({ contactId: dan!.id, meetingTypeId: 'intro', start: `${day}T12:00:00.000Z` }),
    );
    expect(booked.status).toBe(201);
    const meeting = await booked.json();
    expect(meeting.joinUrl).toMatch(/^https:\/\/meet\.jit\.si\//);
    const objects = await work.client.fetchCalendarObjects({ calendar: { url: work.url } });
    const written = objects.find((o) => String(o.data).includes(meeting.joinUrl));
    expect(written, 'the meeting is in the CalDAV calendar').toBeTruthy();
    expect(String(written!.data)).toMatch(/DTSTART[^:]*:\d{8}T120000Z/);

    // Cancelled from Momentum Meet: cancelled in the CalDAV calendar too, and the time is free again.
    expect((await cleo.fetch(`/api/meetings/${meeting.id}/cancel`, post({ reason: '' }))).status).toBe(200);
    const after = await work.client.fetchCalendarObjects({ calendar: { url: work.url } });
    expect(String(after.find((o) => String(o.data).includes(meeting.joinUrl))?.data)).toMatch(
      /STATUS:CANCELLED/,
    );
    const { slots } = await (await cleo.fetch(`/api/slots?from=${day}T11:00:00Z&to=${day}T13:00:00Z`)).json();
    expect(slots.map((x: { start: string }) => x.start)).toContain(`${day}T12:00:00.000Z`);
  });
});

describe('connecting Microsoft 365', () => {
  it('connects by consent and books into Outlook with a Teams link', async () => {
    const mo = await app.signIn('mo.ms@example.com', 'Mo');
    await openEveryDayUtc(mo);
    const start = await (await mo.fetch('/api/calendars/oauth/microsoft/start', post())).json();
    const back = await undiciFetch(start.url, { redirect: 'manual', dispatcher: trustMs });
    expect(back.status).toBe(302);
    const callback = new URL(back.headers.get('location')!);
    expect(callback.pathname).toBe('/api/calendars/oauth/microsoft/callback');
    const done = await mo.fetch(`${callback.pathname}${callback.search}`, { redirect: 'manual' });
    expect(done.headers.get('location')).toMatch(/^\/calendars\?connected=/);
    const list = await (await mo.fetch('/api/calendars')).json();
    expect(list.items[0]).toMatchObject({ kind: 'microsoft', status: 'ok', label: ms.email });
    expect(list.writesTo).toBe(list.items[0].id);
    expect((await (await mo.fetch('/api/video')).json()).available).toContain('teams');

    const day = new Date(Date.now() + 6 * 86_400_000).toISOString().slice(0, 10);
    const [kim] = await seedContacts(await ownerOf(mo), [{ firstName: 'Kim', email: 'kim@example.com' }]);
    const booked = await mo.fetch(
      '/api/meetings',
      post({ contactId: kim!.id, meetingTypeId: 'intro', start: `${day}T15:00:00.000Z` }),
    );
    expect(booked.status).toBe(201);
    expect((await booked.json()).joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
  });
});

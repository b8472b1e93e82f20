import { randomUUID } from 'node:crypto';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { useMicrosoftFetchForTests } from '../../functions/_integrations/calendar/microsoft-client.js';
import { resetConfigForTests } from '../../functions/_shared/config.js';
import { listRegistrations } from '../../functions/_shared/registry.js';
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

import { startWorker, stopWorkers, waitFor } from './support/worker.js';

/**
 * The busy-time cache and what keeps it honest: a second search reads no calendar, and a change
 * in the calendar — pushed by Google's watch channel or a Graph subscription, or found by the
 * CalDAV sync timer — takes the time away on the next search. A forged notice changes nothing,
 * and a booking always checks the calendar itself, so a stale cache never books a taken time.
 */
let google: FakeGoogleCalendar;
let ms: FakeMicrosoftGraph;
let trustMs: Agent;
let app: TestApp;

beforeAll(async () => {
  google = await startFakeGoogleCalendar();
  ms = await startFakeMicrosoftGraph();
  trustMs = new Agent({ connect: { ca: ms.ca } });
  useMicrosoftFetchForTests(((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: trustMs })) as unknown as typeof fetch);
  useEmulators({ ...googleSettingsFor(google), ...microsoftSettingsFor(ms) });
  app = await startTestApp();
  // The vendors post their notices to this app.
  process.env.APP_BASE_URL = app.url;
  resetConfigForTests();
});
afterAll(async () => {
  stopWorkers();
  useMicrosoftFetchForTests(undefined);
  await app?.close();
  await google?.close();
  await trustMs?.close();
  await ms?.close();
});

const post = (body: unknown = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Consent at the vendor's fake (it agrees at once) and the way back into the app. */
async function connectByConsent(session: Session, kind: 'google' | 'microsoft') {
  const { url } = await (await session.fetch(`/api/calendars/oauth/${kind}/start`, post())).json();
  const back =
    kind === 'google'
      ? await fetch(url, { redirect: 'manual' })
      : await undiciFetch(url, { redirect: 'manual', dispatcher: trustMs });
  const callback = new URL(back.headers.get('location')!);
  const done = await session.fetch(`${callback.pathname}${callback.search}`, { redirect: 'manual' });
  expect(done.headers.get('location')).toMatch(/^\/calendars\?connected=/);
  return (await (await session.fetch('/api/calendars')).json()).items[0] as { id: string };
}

const starts = async (session: Session, day: string) => {
  const res = await session.fetch(`/api/slots?from=${day}T08:00:00Z&to=${day}T14:00:00Z`);
  expect(res.status).toBe(200);
  return (await res.json()).slots.map((s: { start: string }) => s.start) as string[];
};

const dayAhead = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('Google Calendar: a watch channel empties the cache', () => {
  it('reads Google once for repeated searches, and again after Google says the calendar changed', async () => {
    const gil = await app.signIn('gil.push@example.com', 'Gil');
    await openEveryDayUtc(gil);
    const connection = await connectByConsent(gil, 'google');
    // One channel on the calendar read for busy time; Google's first "sync" notice is answered.
    expect([...google.channels.values()]).toEqual([
      expect.objectContaining({ calendarId: google.email, address: expect.stringContaining(connection.id) }),
    ]);
    expect(await google.delivered()).toEqual([200]);

    const day = dayAhead(5);
    const freeBusyCalls = () => google.requests.filter((r) => r.path.endsWith('/freeBusy')).length;
    expect(await starts(gil, day)).toContain(`${day}T12:00:00.000Z`);
    const afterFirst = freeBusyCalls();
    expect(await starts(gil, day)).toContain(`${day}T12:00:00.000Z`);
    expect(await starts(gil, dayAhead(6))).toContain(`${dayAhead(6)}T12:00:00.000Z`);
    expect(freeBusyCalls(), 'searches within the cached window read no calendar').toBe(afterFirst);

    // A forged notice (no channel token) is refused and changes nothing.
    const channel = [...google.channels.entries()][0]!;
    const forged = await fetch(channel[1].address, {
      method: 'POST',
      headers: {
        'x-goog-channel-id': channel[0],
        'x-goog-channel-token': 'guessed',
        'x-goog-resource-state': 'exists',
      },
    });
    expect(forged.status).toBe(403);
    await starts(gil, day);
    expect(freeBusyCalls()).toBe(afterFirst);

    // Lunch is added in Google Calendar; Google tells the app; the next search leaves it out.
    google.putEvent(google.email, {
      id: 'lunchaddedingoogle',
      summary: 'Lunch',
      start: { dateTime: `${day}T12:00:00Z` },
      end: { dateTime: `${day}T13:00:00Z` },
    });
    expect(await google.delivered()).toEqual([200, 200]);
    expect(await starts(gil, day)).not.toContain(`${day}T12:00:00.000Z`);
    expect(freeBusyCalls()).toBe(afterFirst + 1);

    // Disconnecting stops the channel at Google.
    expect((await gil.fetch(`/api/calendars/${connection.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(google.channels.size).toBe(0);
  });
});

describe('Microsoft 365: a Graph subscription empties the cache', () => {
  it('validates the subscription, reads Outlook once, and again after a change notification', async () => {
    const mia = await app.signIn('mia.push@example.com', 'Mia');
    await openEveryDayUtc(mia);
    const connection = await connectByConsent(mia, 'microsoft');
    // Graph made the subscription only after the app echoed its validation token.
    const [subscription] = [...ms.subscriptions.values()];
    expect(subscription).toMatchObject({
      resource: expect.stringMatching(/^me\/calendars\/.+\/events$/),
      notificationUrl: expect.stringContaining(connection.id),
    });
    expect(subscription!.clientState.length).toBeGreaterThanOrEqual(32);

    const day = dayAhead(4);
    const viewCalls = () => ms.requests.filter((r) => r.path.endsWith('/calendarView')).length;
    expect(await starts(mia, day)).toContain(`${day}T09:00:00.000Z`);
    const afterFirst = viewCalls();
    expect(await starts(mia, day)).toContain(`${day}T09:00:00.000Z`);
    expect(viewCalls()).toBe(afterFirst);

    const wrongState = await fetch(subscription!.notificationUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        value: [{ subscriptionId: 'x', clientState: 'not-the-secret', changeType: 'created' }],
      }),
    });
    expect(wrongState.status).toBe(403);

    const calendarId = subscription!.resource.split('/')[2]!;
    ms.putEvent(calendarId, {
      id: `AAMkAD${randomUUID()}`,
      subject: 'Board call',
      showAs: 'busy',
      start: { dateTime: `${day}T09:00:00.0000000`, timeZone: 'UTC' },
      end: { dateTime: `${day}T10:00:00.0000000`, timeZone: 'UTC' },
    });
    expect(await ms.delivered()).toEqual([202]);
    expect(await starts(mia, day)).not.toContain(`${day}T09:00:00.000Z`);
    expect(viewCalls()).toBeGreaterThan(afterFirst);
  });
});

describe('CalDAV: the sync timer compares ctags', () => {
  it('keeps a change made in another app out of the search after the timer, and never books it before', async () => {
    const server = { serverUrl: inject('caldavUrl'), username: inject('caldavUsername') };
    const other = await anotherCalDavApp({ ...server, password: inject('caldavPassword') });
    const work = await other.newCalendar('Sync');
    const cam = await app.signIn('cam.sync@example.com', 'Cam');
    await openEveryDayUtc(cam);
    const connected = await cam.fetch(
      '/api/calendars',
      post({ kind: 'caldav', ...server, password: inject('caldavPassword') }),
    );
    expect(connected.status).toBe(201);
    const { id } = await connected.json();
    await cam.fetch(`/api/calendars/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ readCalendarUrls: [work], writeCalendarUrl: work }),
    });

    const day = dayAhead(3);
    expect(await starts(cam, day)).toContain(`${day}T11:00:00.000Z`);
    const stamp = day.replaceAll('-', '');
    await other.put(
      work,
      'review.ics',
      icsFromAnotherApp(
        'BEGIN:VEVENT',
        `UID:${randomUUID()}@another.app`,
        'DTSTAMP:20260101T000000Z',
        `DTSTART:${stamp}T110000Z`,
        `DTEND:${stamp}T120000Z`,
        'SUMMARY:Review',
        'END:VEVENT',
      ),
    );
    // Until the timer runs the cached answer still offers 11:00 — but booking it checks the
    // calendar itself and is refused with other times.
    expect(await starts(cam, day)).toContain(`${day}T11:00:00.000Z`);
    const [ida] = await seedContacts(await ownerOf(cam), [{ firstName: 'Ida', email: 'ida@example.com' }]);
    const refused = await cam.fetch(
      '/api/meetings',
      post({ contactId: ida!.id, meetingTypeId: 'intro', start: `${day}T11:00:00.000Z` }),
    );
    expect(refused.status).toBe(409);

    const sync = listRegistrations().find((r) => r.name === 'calendar-sync');
    if (sync?.kind !== 'timer') throw new Error('calendar-sync is not registered');
    const { default: azf } = await import('@azure/functions');
    const logs: string[] = [];
    await sync.options.handler(
      { isPastDue: false } as never,
      new azf.InvocationContext({ logHandler: (_level, ...args) => logs.push(args.join(' ')) }),
    );
    expect(logs.join('\n')).toMatch(/Calendar sync: [1-9]\d* changed/);
    expect(await starts(cam, day)).not.toContain(`${day}T11:00:00.000Z`);
  });
});

describe('tentative times while a calendar cannot be read', () => {
  it('withholds by default; when chosen, offers held requests the organizer confirms once it works again', async () => {
    const server = { serverUrl: inject('caldavUrl'), username: inject('caldavUsername') };
    const other = await anotherCalDavApp({ ...server, password: inject('caldavPassword') });
    const work = await other.newCalendar('Tentative');
    const tia = await app.signIn('tia.tentative@example.com', 'Tia');
    await openEveryDayUtc(tia);
    const owner = await ownerOf(tia);
    const connected = await tia.fetch(
      '/api/calendars',
      post({ kind: 'caldav', ...server, password: inject('caldavPassword') }),
    );
    const { id } = await connected.json();
    await tia.fetch(`/api/calendars/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ readCalendarUrls: [work], writeCalendarUrl: work }),
    });
    const day = dayAhead(8);
    const stamp = day.replaceAll('-', '');
    await other.put(
      work,
      'dentist.ics',
      icsFromAnotherApp(
        'BEGIN:VEVENT',
        `UID:${randomUUID()}@another.app`,
        'DTSTAMP:20260101T000000Z',
        `DTSTART:${stamp}T100000Z`,
        `DTEND:${stamp}T110000Z`,
        'SUMMARY:Dentist',
        'END:VEVENT',
      ),
    );
    const [zoe] = await seedContacts(owner, [{ firstName: 'Zoe', email: 'zoe@example.com' }]);
    const { url } = await (await tia.fetch(`/api/contacts/${zoe!.id}/booking-link`, post())).json();
    const token = new URL(url).pathname.split('/').pop()!;
    const publicSlots = () =>
      app.anonymous.fetch(`/api/public/booking/${token}/slots?from=${day}T08:00:00Z&to=${day}T14:00:00Z`);
    const before = await (await publicSlots()).json();
    expect(before.tentative).toBe(false);
    expect(before.slots.map((s: { start: string }) => s.start)).not.toContain(`${day}T10:00:00.000Z`);

    // The password was changed at the server: the calendar cannot be read any more.
    const { cosmosConnectionStore } = await import('../../functions/calendars/store.js');
    const { sealCredentials } = await import('../../functions/calendars/connections.js');
    const doc = (await cosmosConnectionStore.find(owner, id))!;
    await cosmosConnectionStore.save({
      ...doc,
      secret: sealCredentials({ password: 'changed-elsewhere' }, owner, id),
    });
    // Found by the next read of the calendar (here the connection check; else the cache lapsing or a booking).
    expect((await (await tia.fetch(`/api/calendars/${id}/check`, post())).json()).status).toBe('expired');
    expect((await publicSlots()).status).toBe(503);

    expect(
      (
        await tia.fetch('/api/calendars/settings', {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ whenUnreadable: 'tentative' }),
        })
      ).status,
    ).toBe(200);
    const tentative = await (await publicSlots()).json();
    expect(tentative.tentative).toBe(true);
    const starts = tentative.slots.map((s: { start: string }) => s.start);
    // Around what the calendar last showed: the dentist is still not offered.
    expect(starts).not.toContain(`${day}T10:00:00.000Z`);
    expect(starts).toContain(`${day}T12:00:00.000Z`);

    const booked = await app.anonymous.fetch(
      `/api/public/booking/${token}`,
      post({ start: `${day}T12:00:00.000Z`, name: 'Zoe', email: 'zoe@example.com', timeZone: 'UTC' }),
    );
    expect(booked.status).toBe(201);
    const { meeting } = await booked.json();
    expect(meeting).toMatchObject({ status: 'requested', joinUrl: null });
    // The time is held: nobody else is offered it.
    expect(
      ((await (await publicSlots()).json()).slots as { start: string }[]).map((s) => s.start),
    ).not.toContain(`${day}T12:00:00.000Z`);
    // Both are told it is a request: the contact that it waits for Tia, Tia that it waits for her.
    startWorker();
    const subjects = async () =>
      ((await (await tia.fetch('/api/outbox')).json()).items as { subject: string; to: string }[]).map(
        (m) => `${m.subject} → ${m.to}`,
      );
    const requests = await waitFor(
      subjects,
      (x) => x.filter((m) => /^(Requested|Please confirm):/.test(m)).length === 2,
    );
    expect(requests).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Requested: .* → .*zoe@example\.com/),
        expect.stringMatching(/^Please confirm: .* → .*tia\.tentative@example\.com/),
      ]),
    );
    const listed = (await (await tia.fetch('/api/meetings')).json()).items.find(
      (m: { contactId: string }) => m.contactId === zoe!.id,
    );
    expect(listed.status).toBe('requested');

    // Still broken: confirming cannot write the event; it says why and stays a request.
    const early = await tia.fetch(`/api/meetings/${listed.id}/confirm`, post());
    expect(early.status).toBe(422);
    expect((await early.json()).error.message).toMatch(/refused the user name or password/);
    expect((await (await tia.fetch('/api/meetings')).json()).items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: listed.id, status: 'requested' })]),
    );

    // Reconnected: confirming writes the event with its video room and sends the invitation.
    const again = (await cosmosConnectionStore.find(owner, id))!;
    await cosmosConnectionStore.save({
      ...again,
      secret: sealCredentials({ password: inject('caldavPassword') }, owner, id),
    });
    const confirmed = await tia.fetch(`/api/meetings/${listed.id}/confirm`, post());
    expect(confirmed.status).toBe(200);
    const done = await confirmed.json();
    expect(done.status).toBe('booked');
    expect(done.joinUrl).toMatch(/^https:\/\/meet\.jit\.si\//);
    const objects = await other.client.fetchCalendarObjects({ calendar: { url: work } });
    expect(objects.some((o) => String(o.data).includes(done.joinUrl))).toBe(true);

    const mail = await waitFor(subjects, (x) => x.some((m) => /^Confirmed: .* → .*zoe@example\.com/.test(m)));
    expect(mail).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Confirmed: .* → .*zoe@example\.com/)]),
    );
  });
});

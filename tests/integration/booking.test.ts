import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLocalCalendar } from '../../functions/_integrations/calendar/local.js';
import { resetConfigForTests } from '../../functions/_shared/config.js';
import { signToken } from '../../functions/_shared/signed-token.js';
import { cosmosLedgerStore } from '../../functions/booking/cosmos-ledger-store.js';
import { cosmosMeetingStore } from '../../functions/booking/meeting-store.js';
import { createCosmosContactStore } from '../../functions/contacts/cosmos-contact-store.js';
import { cosmosOutboxStore } from '../../functions/outbox/store.js';
import { resetRateLimitsForTests } from '../../functions/suggest-slots/rate-limit.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { ownerOf, seedContacts } from './support/seed.js';
import { startWorker, stopWorkers, waitFor } from './support/worker.js';

/**
 * Booking through HTTP as the booking page, the organizer and the email links use it, against the
 * emulators: one claim path, no double booking under a stampede, invitations in both zones.
 */
let app: TestApp;
let organizer: Session;
let ownerId: string;

const EVERY_DAY = Object.fromEntries(
  ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]),
);
const TYPE = {
  id: 'intro',
  name: 'Intro call',
  durationMinutes: 30,
  location: 'video',
  description: 'A first chat',
  active: true,
};

/** An .ics attachment as a calendar reads it: long lines unfolded (RFC 5545 §3.1). */
const icsText = (base64: string) =>
  Buffer.from(base64, 'base64')
    .toString('utf8')
    .replace(/\r\n[ \t]/g, '');

const body = (method: string, data: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(data),
});

async function saveAvailability(session: Session, rules: Record<string, unknown>, types: unknown[] = [TYPE]) {
  const current = await (await session.fetch('/api/availability')).json();
  const res = await session.fetch(
    '/api/availability',
    body('PUT', {
      rules: { ...current.rules, weeklyHours: EVERY_DAY, minimumNoticeMinutes: 0, ...rules },
      meetingTypes: types,
      etag: current.etag,
    }),
  );
  expect(res.status).toBe(200);
}

async function bookingLink(session: Session, contactId: string): Promise<string> {
  const res = await session.fetch(`/api/contacts/${contactId}/booking-link`, body('POST', {}));
  expect(res.status).toBe(200);
  const { url } = await res.json();
  return new URL(url).pathname.split('/').pop()!;
}

beforeAll(async () => {
  useEmulators({ BOOKING_RATE_LIMIT_PER_LINK: '100000', BOOKING_RATE_LIMIT_PER_CLIENT: '100000' });
  app = await startTestApp();
  organizer = await app.signIn('olivia.organizer@example.com', 'Olivia');
  ownerId = await ownerOf(organizer);
});
afterAll(() => app.close());
afterEach(() => stopWorkers());

describe('booking', () => {
  it('books from a contact’s link in their zone: meeting, calendar event, lead status, both emails with the ICS', async () => {
    await saveAvailability(organizer, {
      timeZone: 'America/New_York',
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 15,
      maxDaysAhead: 365,
    });
    const [jane] = await seedContacts(ownerId, [
      {
        firstName: 'Jane',
        lastName: 'Doe',
        email: 'jane.doe@example.com',
        timeZone: 'Europe/London',
        status: 'contacted',
      },
    ]);
    const token = await bookingLink(organizer, jane!.id);

    const page = await app.anonymous.fetch(`/api/public/booking/${token}`);
    expect(page.status).toBe(200);
    const pageBody = await page.json();
    expect(pageBody, JSON.stringify(pageBody)).toMatchObject({
      organizer: { name: 'Olivia Organizer' },
      meetingType: { name: 'Intro call', durationMinutes: 30, location: 'video' },
      contact: { name: 'Jane Doe', email: 'jane.doe@example.com', timeZone: 'Europe/London' },
      organizerZone: 'America/New_York',
    });

    // Between the US (14 March) and UK (28 March) clock changes of 2027: 4 hours apart, not 5.
    const start = '2027-03-15T14:00:00.000Z';
    const slots = await (
      await app.anonymous.fetch(
        `/api/public/booking/${token}/slots?from=2027-03-15T00:00:00Z&to=2027-03-16T00:00:00Z&timeZone=Europe/London`,
      )
    ).json();
    expect(slots.slots.map((s: { start: string }) => s.start)).toContain(start);

    const booked = await app.anonymous.fetch(
      `/api/public/booking/${token}`,
      body('POST', {
        start,
        name: 'Jane Doe',
        email: 'jane.doe@example.com',
        timeZone: 'Europe/London',
        note: 'Pricing',
      }),
    );
    expect(booked.status).toBe(201);
    const { meeting } = await booked.json();
    expect(meeting).toMatchObject({
      start,
      end: '2027-03-15T14:30:00.000Z',
      status: 'booked',
      contactZone: 'Europe/London',
    });
    expect(meeting.joinUrl).toMatch(/^https:\/\/meet\.jit\.si\/[A-Za-z0-9-]{20,}/);

    // The organizer sees it, the local calendar has it, the lead moved on (and follow-ups stop).
    const list = await (await organizer.fetch('/api/meetings')).json();
    const listed = list.items.find((m: { start: string }) => m.start === start);
    expect(listed).toMatchObject({
      contactId: jane!.id,
      status: 'booked',
      source: 'booking-page',
      note: 'Pricing',
    });
    const busy = await createLocalCalendar(ownerId).listBusy({ start, end: '2027-03-15T14:30:00Z' });
    expect(busy).toEqual([{ start, end: '2027-03-15T14:30:00.000Z' }]);
    expect((await createCosmosContactStore().read(ownerId, jane!.id))?.status).toBe('meeting');
    // The same time is gone for everyone now.
    const after = await (
      await app.anonymous.fetch(
        `/api/public/booking/${token}/slots?from=2027-03-15T13:00:00Z&to=2027-03-15T16:00:00Z`,
      )
    ).json();
    expect(after.slots.map((s: { start: string }) => s.start)).not.toContain(start);

    // Both sides get an email in their own zone, the other's beside it, with the invitation.
    startWorker();
    const doc = (await cosmosMeetingStore.find(ownerId, listed.id))!;
    const { notificationId } = await import('../../functions/notify/notify.js');
    const message = { ownerId, meetingId: doc.id, notice: 'booked' as const, sequence: 0 };
    const toJane = await waitFor(
      () => cosmosOutboxStore.find(ownerId, notificationId(message, 'contact')),
      (m) => m !== undefined,
    );
    const toOlivia = (await waitFor(
      () => cosmosOutboxStore.find(ownerId, notificationId(message, 'organizer')),
      (m) => m !== undefined,
    ))!;
    expect(toJane!.to.email).toBe('jane.doe@example.com');
    expect(toJane!.subject).toBe(
      'Confirmed: Intro call with Olivia Organizer — Mon 15 Mar 2027, 14:00–14:30 (London time)',
    );
    expect(toJane!.text).toContain('For Olivia Organizer: Mon 15 Mar 2027, 10:00–10:30 (New York time)');
    expect(toJane!.text).toMatch(/Need to reschedule or cancel\? http:\/\/[^ ]+\/meeting\//);
    expect(toOlivia.to.email).toBe('olivia.organizer@example.com');
    expect(toOlivia.text).toContain('When: Mon 15 Mar 2027, 10:00–10:30 (New York time)');
    const ics = icsText(toJane!.attachments[0]!.contentBase64!);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain('DTSTART:20270315T140000Z');
    expect(ics).toContain(`UID:${doc.id}@momentum-meet`);
    expect(ics).toMatch(/ATTENDEE;[^\n]*jane\.doe@example\.com/);
    expect(ics).toMatch(/ORGANIZER;CN="Olivia Organizer":mailto:olivia\.organizer@example\.com/);

    // Cancelling from the email's link frees the time and tells both sides (CANCEL, same UID, next SEQUENCE).
    const manage = toJane!.text.match(/\/meeting\/([^\s]+)/)![1]!;
    const cancelled = await app.anonymous.fetch(
      `/api/public/meetings/${manage}/cancel`,
      body('POST', { reason: 'Clash' }),
    );
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ status: 'cancelled', joinUrl: null });
    expect(await createLocalCalendar(ownerId).listBusy({ start, end: '2027-03-15T14:30:00Z' })).toEqual([]);
    const cancelNotice = { ...message, notice: 'cancelled' as const, sequence: 1 };
    const cancelMail = await waitFor(
      () => cosmosOutboxStore.find(ownerId, notificationId(cancelNotice, 'contact')),
      (m) => m !== undefined,
    );
    expect(cancelMail!.subject).toMatch(/^Cancelled: Intro call with Olivia Organizer/);
    const cancelIcs = icsText(cancelMail!.attachments[0]!.contentBase64!);
    expect(cancelIcs).toContain('METHOD:CANCEL');
    expect(cancelIcs).toContain('SEQUENCE:1');
    expect(cancelIcs).toContain(`UID:${doc.id}@momentum-meet`);
    const again = await (
      await app.anonymous.fetch(
        `/api/public/booking/${token}/slots?from=2027-03-15T13:00:00Z&to=2027-03-15T16:00:00Z`,
      )
    ).json();
    expect(again.slots.map((s: { start: string }) => s.start)).toContain(start);
    // Both calendar writes are in the organizer's audit log: added and cancelled, by the contact.
    const audit = (await (await organizer.fetch('/api/calendars/audit')).json()).items.filter(
      (e: { meetingId: string }) => e.meetingId === doc.id,
    );
    expect(
      audit.map((e: { action: string; by: string; result: string }) => [e.action, e.by, e.result]),
    ).toEqual([
      ['delete', 'contact', 'ok'],
      ['create', 'contact', 'ok'],
    ]);
  });

  it('200 concurrent confirmations of one slot, from the page, the organizer, the booking chat and overlapping starts: exactly one meeting', async () => {
    const racer = await app.signIn('rachel.racer@example.com', 'Rachel');
    const racerId = await ownerOf(racer);
    await saveAvailability(racer, {
      timeZone: 'UTC',
      bufferBeforeMinutes: 10,
      bufferAfterMinutes: 10,
      slotIntervalMinutes: 5,
      maxDaysAhead: 60,
    });
    const contacts = await seedContacts(
      racerId,
      Array.from({ length: 4 }, (_, i) => ({ firstName: `Racer${i}`, email: `racer${i}@example.com` })),
    );
    const tokens = await Promise.all(contacts.map((c) => bookingLink(racer, c.id)));
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const at = (minutes: number) => new Date(Date.parse(`${day}T10:00:00Z`) + minutes * 60_000).toISOString();
    // Eight visitors in the booking page's chat asked for 10:00 that day; each picks it when the race starts.
    const chat = (token: string, conversationId: string, text: string) =>
      app.anonymous.fetch(
        `/api/public/booking/${token}/chat`,
        body('POST', { conversationId, text, timeZone: 'UTC' }),
      );
    const chats = Array.from({ length: 8 }, (_, i) => ({
      token: tokens[i % 4]!,
      id: `race-chat-${String(i).padStart(8, '0')}`,
    }));
    const wanted = DateTime.fromISO(`${day}T10:00:00Z`, { zone: 'UTC' }).toFormat("LLLL d 'at' h:mm a");
    const picks: string[] = [];
    for (const c of chats) {
      for (const text of ['', 'none', 'A quick call'])
        expect((await chat(c.token, c.id, text)).status).toBe(200);
      const { replies } = await (await chat(c.token, c.id, wanted)).json();
      const choices: string[] = replies.at(-1).choices;
      const pick = choices.findIndex((choice) => choice.endsWith(', 10:00'));
      expect(pick, JSON.stringify(replies)).toBeGreaterThanOrEqual(0);
      picks.push(String(pick + 1));
    }
    const chatted = chats.map((c, i) => chat(c.token, c.id, picks[i]!));
    const requests = Array.from({ length: 200 - chats.length }, (_, i) => {
      const start = at([0, 5, 10, 20, 25, 35][i % 6]!); // every one of these overlaps 10:00 with its buffers
      if (i % 3 === 0) {
        return racer.fetch(
          '/api/meetings',
          body('POST', { contactId: contacts[i % 4]!.id, meetingTypeId: 'intro', start }),
        );
      }
      return app.anonymous.fetch(
        `/api/public/booking/${tokens[i % 4]}`,
        body('POST', { start, name: `Racer ${i}`, email: `racer${i % 4}@example.com`, timeZone: 'UTC' }),
      );
    });
    const [responses, chatResponses] = await Promise.all([Promise.all(requests), Promise.all(chatted)]);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(chatResponses.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const said: string[] = await Promise.all(
      chatResponses.map(async (r) =>
        (await r.json()).replies.map((x: { text: string }) => x.text).join('\n'),
      ),
    );
    const chatBooked = said.filter((t) => t.startsWith("You're booked")).length;
    expect(said.filter((t) => t.startsWith('Sorry — that time was just taken'))).toHaveLength(
      chats.length - chatBooked,
    );
    // One winner among all 200: a 201 from the page or the organizer, or a booking in the chat.
    expect(statuses.filter((s) => s === 201).length + chatBooked).toBe(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(requests.length - (1 - chatBooked));
    const refused = await responses.find((r) => r.status === 409)!.json();
    expect(refused.error.code).toBe('SLOT_TAKEN');
    expect(refused.error.message).toMatch(/nearest free times/);
    expect(refused.alternatives.length).toBeGreaterThan(0);

    const { docs } = await cosmosMeetingStore.page(racerId, 'upcoming', new Date(), undefined, 50);
    expect(docs.filter((m) => m.status === 'booked')).toHaveLength(1);
    const entries = await cosmosLedgerStore.range(racerId, day, day);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ state: 'booked', meetingId: docs[0]!.id });
  });

  it('refuses an altered link with 401, an expired one with 410, and a booking link as a manage link', async () => {
    const [sam] = await seedContacts(ownerId, [{ firstName: 'Sam', email: 'sam@example.com' }]);
    const token = await bookingLink(organizer, sam!.id);
    const [kid, payload, sig] = token.split('.') as [string, string, string];
    const changed = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = `${kid}.${Buffer.from(JSON.stringify({ ...changed, o: 'someone-else' })).toString('base64url')}.${sig}`;
    const tampered = await app.anonymous.fetch(`/api/public/booking/${forged}/slots`);
    expect(tampered.status).toBe(401);
    expect((await tampered.json()).error.message).toMatch(/not valid/);

    const expired = signToken({ ...changed, exp: Math.floor(Date.now() / 1000) - 60 });
    const gone = await app.anonymous.fetch(`/api/public/booking/${expired}`);
    expect(gone.status).toBe(410);
    expect((await gone.json()).error.code).toBe('EXPIRED');

    expect((await app.anonymous.fetch(`/api/public/meetings/${token}`)).status).toBe(401);
  });

  it('moves a meeting from the organizer’s page: new time taken, old time free, the invitation re-sent', async () => {
    const [max] = await seedContacts(ownerId, [
      { firstName: 'Max', email: 'max@example.com', timeZone: 'Asia/Tokyo' },
    ]);
    const first = '2027-04-06T15:00:00.000Z';
    const created = await organizer.fetch(
      '/api/meetings',
      body('POST', { contactId: max!.id, meetingTypeId: 'intro', start: first }),
    );
    expect(created.status).toBe(201);
    const meeting = await created.json();
    expect(meeting).toMatchObject({ source: 'organizer', contactZone: 'Asia/Tokyo' });

    const moved = await organizer.fetch(
      `/api/meetings/${meeting.id}/reschedule`,
      body('POST', { start: '2027-04-06T15:30:00.000Z' }),
    );
    expect(moved.status, JSON.stringify(await moved.clone().json())).toBe(200);
    expect(await moved.json()).toMatchObject({ start: '2027-04-06T15:30:00.000Z', status: 'booked' });
    const calendar = createLocalCalendar(ownerId);
    expect(await calendar.listBusy({ start: '2027-04-06T14:00:00Z', end: '2027-04-06T17:00:00Z' })).toEqual([
      { start: '2027-04-06T15:30:00.000Z', end: '2027-04-06T16:00:00.000Z' },
    ]);
    const entries = await cosmosLedgerStore.range(ownerId, '2027-04-06', '2027-04-06');
    expect(entries.map((e) => [e.claimId, e.start, e.state])).toEqual([
      [`${meeting.id}#1`, '2027-04-06T15:30:00.000Z', 'booked'],
    ]);

    const bad = await organizer.fetch(
      `/api/meetings/${meeting.id}/reschedule`,
      body('POST', { start: 'soon' }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('start');
  });

  it('fills {{bookingLink}} and {{suggestedTimes}} per contact: their zone first, each time a link that preselects it', async () => {
    await saveAvailability(organizer, { timeZone: 'America/New_York', maxDaysAhead: 365 });
    const [lee] = await seedContacts(ownerId, [
      { firstName: 'Lee', lastName: 'Kim', email: 'lee.kim@example.com', timeZone: 'Asia/Seoul' },
    ]);
    const listed = await (await organizer.fetch('/api/templates/variables')).json();
    expect(listed.items.map((v: { name: string }) => v.name)).toEqual(
      expect.arrayContaining(['bookingLink', 'suggestedTimes']),
    );
    const res = await organizer.fetch(
      '/api/templates/preview',
      body('POST', {
        contactId: lee!.id,
        draft: {
          name: 'Booking',
          subject: 'Hi {{firstName}}',
          html: '<p>Book: {{bookingLink}}</p>{{suggestedTimes}}',
        },
      }),
    );
    expect(res.status).toBe(200);
    const preview = await res.json();
    const link = preview.html.match(/Book: (http[^<\s]+)/)![1]!;
    const times = [...preview.html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)];
    expect(times).toHaveLength(3);
    for (const [, href, label] of times) {
      expect(href!.startsWith(`${link.replaceAll('&', '&amp;')}?slot=`)).toBe(true);
      // The contact's Seoul time first, the organizer's New York time beside it.
      expect(label).toMatch(/^\w{3} \d{1,2} \w{3}, \d{2}:\d{2} \(Seoul\) · \d{2}:\d{2} New York$/);
    }
    // The link is the contact's own: the page greets them, and the suggested time is free on it.
    const token = new URL(link).pathname.split('/').pop()!;
    const page = await (await app.anonymous.fetch(`/api/public/booking/${token}`)).json();
    expect(page.contact).toEqual({ name: 'Lee Kim', email: 'lee.kim@example.com', timeZone: 'Asia/Seoul' });
    const slot = decodeURIComponent(
      new URL(times[0]![1]!.replaceAll('&amp;', '&')).searchParams.get('slot')!,
    );
    const free = await (await app.anonymous.fetch(`/api/public/booking/${token}/slots`)).json();
    expect(free.slots.map((x: { start: string }) => x.start)).toContain(slot);
    expect(preview.text).toContain(link);
  });

  it('sweeps a claim whose request died from the Cosmos ledger, so its time is offered again', async () => {
    const { claim, sweepExpiredHolds } = await import('../../functions/booking/ledger.js');
    const rules = { timeZone: 'UTC', bufferBeforeMinutes: 0, bufferAfterMinutes: 0, maxMeetingsPerDay: null };
    const deps = {
      store: cosmosLedgerStore,
      bookedMeetings: (o: string, ids: string[]) => cosmosMeetingStore.booked(o, ids),
    };
    const longAgo = new Date(Date.now() - 10 * 60_000);
    await claim(
      {
        ownerId: 'sweep-owner',
        claimId: 'died',
        meetingId: 'died',
        start: '2031-05-05T10:00:00Z',
        end: '2031-05-05T10:30:00Z',
        rules,
        now: longAgo,
      },
      deps,
    );
    expect(await cosmosLedgerStore.range('sweep-owner', '2031-05-05', '2031-05-05')).toHaveLength(1);
    expect(await sweepExpiredHolds(deps, new Date())).toBeGreaterThanOrEqual(1);
    expect(await cosmosLedgerStore.range('sweep-owner', '2031-05-05', '2031-05-05')).toEqual([]);
  });

  it('puts video meetings in the organizer’s own room when they choose one; Meet is refused without Google Calendar', async () => {
    const put = (data: unknown) =>
      organizer.fetch('/api/video', {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(data),
      });
    const meet = await put({ provider: 'meet', urlTemplate: null });
    expect(meet.status).toBe(400);
    expect((await meet.json()).error.details[0].path).toBe('provider');
    const bad = await put({ provider: 'custom', urlTemplate: 'http://rooms.example.com/{room}' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('urlTemplate');
    const saved = await put({ provider: 'custom', urlTemplate: 'https://rooms.example.com/{room}' });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({
      provider: 'custom',
      available: expect.arrayContaining(['jitsi', 'custom']),
    });

    const [ivy] = await seedContacts(ownerId, [{ firstName: 'Ivy', email: 'ivy@example.com' }]);
    const booked = await organizer.fetch(
      '/api/meetings',
      body('POST', { contactId: ivy!.id, meetingTypeId: 'intro', start: '2027-05-04T15:00:00.000Z' }),
    );
    expect(booked.status).toBe(201);
    expect((await booked.json()).joinUrl).toMatch(/^https:\/\/rooms\.example\.com\/[A-Za-z0-9_-]{16,}$/);

    // A meeting type may pick its own room: the demo stays on Jitsi whatever the default is.
    await saveAvailability(organizer, { maxDaysAhead: 365 }, [
      TYPE,
      { ...TYPE, id: 'demo', name: 'Demo', video: 'jitsi' },
    ]);
    const demo = await organizer.fetch(
      '/api/meetings',
      body('POST', { contactId: ivy!.id, meetingTypeId: 'demo', start: '2027-05-05T15:00:00.000Z' }),
    );
    expect(demo.status).toBe(201);
    expect((await demo.json()).joinUrl).toMatch(/^https:\/\/meet\.jit\.si\//);
    await put({ provider: 'auto', urlTemplate: null });
  });

  it('answers 429 with Retry-After when one link is hammered', async () => {
    Object.assign(process.env, { BOOKING_RATE_LIMIT_PER_LINK: '5' });
    resetConfigForTests();
    resetRateLimitsForTests();
    try {
      const token = signToken({
        k: 'book',
        o: 'x',
        c: 'c',
        t: 'intro',
        n: 'N',
        e: 'n@example.com',
        exp: 9e9,
      });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await app.anonymous.fetch(`/api/public/booking/${token}/slots`)).status);
      expect(statuses).not.toContain(429);
      const last = await app.anonymous.fetch(`/api/public/booking/${token}/slots`);
      expect(last.status).toBe(429);
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await last.json()).error.message).toMatch(/try again in \d+ seconds/);
      // Another link from the same client is not held back.
      const other = signToken({
        k: 'book',
        o: 'x',
        c: 'd',
        t: 'intro',
        n: 'N',
        e: 'n@example.com',
        exp: 9e9,
      });
      expect((await app.anonymous.fetch(`/api/public/booking/${other}/slots`)).status).not.toBe(429);
    } finally {
      Object.assign(process.env, { BOOKING_RATE_LIMIT_PER_LINK: '100000' });
      resetConfigForTests();
      resetRateLimitsForTests();
    }
  });
});

// The owner the booking benchmark books with: signed in through the dev sign-in, availability
// saved through PUT /api/availability (as the settings page does), contacts written straight to
// Cosmos (as tests/integration/support/seed.ts does), one signed booking link per contact, and
// five calendars' worth of busy time in the local calendar provider (container calendar-events).
// Imported only after the parent has pointed the environment at the emulators.

import { DateTime } from 'luxon';
import { createLocalCalendar } from '../../functions/_integrations/calendar/local.js';
import { bookingToken } from '../../functions/booking/tokens.js';
import { createCosmosContactStore } from '../../functions/contacts/cosmos-contact-store.js';
import type { ContactDoc } from '../../functions/contacts/model.js';
import type { Link } from './load-child.js';

export const ZONE = 'America/New_York';
const WORKDAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:30' },
];
/** A realistic organizer: working hours with a lunch break, buffers, 14 days ahead, a daily cap. */
export const RULES = {
  timeZone: ZONE,
  weeklyHours: { sun: [], mon: WORKDAY, tue: WORKDAY, wed: WORKDAY, thu: WORKDAY, fri: WORKDAY, sat: [] },
  dateOverrides: [],
  meetingLengths: [30],
  bufferBeforeMinutes: 15,
  bufferAfterMinutes: 10,
  minimumNoticeMinutes: 240,
  maxDaysAhead: 14,
  maxMeetingsPerDay: 6,
  slotIntervalMinutes: 15,
};
export const MEETING_TYPE = {
  id: 'intro',
  name: 'Intro call',
  durationMinutes: 30,
  location: 'video',
  description: 'A first chat',
  active: true,
};
const CONTACT_ZONES = [
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'America/Los_Angeles',
  'Asia/Tokyo',
];

/** mulberry32: the same calendars on every run. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const json = (method: string, data: unknown, cookie: string): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', cookie },
  body: JSON.stringify(data),
});

/** Signs in through /.auth/login/dev and saves the rules and the meeting type. */
export async function setUpOwner(url: string): Promise<{ ownerId: string; cookie: string }> {
  const login = await fetch(`${url}/.auth/login/dev`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      email: 'olivia.organizer@example.com',
      name: 'Olivia',
      post_login_redirect_uri: '/contacts',
    }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (login.status !== 302 || !cookie) throw new Error(`sign-in failed: ${login.status}`);
  const me = (await (await fetch(`${url}/.auth/me`, { headers: { cookie } })).json()) as {
    clientPrincipal: { userId: string };
  };
  const current = (await (await fetch(`${url}/api/availability`, { headers: { cookie } })).json()) as {
    etag: string | null;
  };
  const saved = await fetch(
    `${url}/api/availability`,
    json('PUT', { rules: RULES, meetingTypes: [MEETING_TYPE], etag: current.etag }, cookie),
  );
  if (saved.status !== 200) throw new Error(`PUT /api/availability: ${saved.status} ${await saved.text()}`);
  return { ownerId: me.clientPrincipal.userId, cookie };
}

/** Contacts with an email and a zone, and each one's own booking link. */
export async function seedLinks(ownerId: string, count: number): Promise<Link[]> {
  const at = new Date().toISOString();
  const docs = Array.from(
    { length: count },
    (_, i): ContactDoc => ({
      id: `bench-contact-${i}`,
      ownerId,
      status: 'contacted',
      source: 'manual',
      flags: [],
      tags: [],
      searchText: '',
      tagKeys: [],
      createdAt: at,
      updatedAt: at,
      firstName: `Ada${i}`,
      lastName: 'Lovelace',
      email: `ada${i}@example.com`,
      timeZone: CONTACT_ZONES[i % CONTACT_ZONES.length]!,
    }),
  );
  const statuses = await createCosmosContactStore().createMany(ownerId, docs);
  if (statuses.some((s) => s !== 201)) throw new Error(`seeding contacts failed: ${statuses.join(',')}`);
  const now = new Date();
  return docs.map((c) => ({
    token: bookingToken(
      {
        ownerId,
        contactId: c.id,
        meetingTypeId: MEETING_TYPE.id,
        name: `${c.firstName} ${c.lastName}`,
        email: c.email!,
        timeZone: c.timeZone,
      },
      now,
    ).token,
    name: `${c.firstName} ${c.lastName}`,
    email: c.email!,
    timeZone: c.timeZone!,
  }));
}

/**
 * Busy time equivalent to five calendars over the next `days` days, `perDay` events a working day
 * each (the local provider holds one calendar per owner, so the five share it): work (meetings
 * 09:00–17:00), a team calendar repeating most work meetings a little shifted (overlaps), a room
 * calendar sharing some of them, and two personal calendars mostly before and after hours.
 */
export async function seedCalendars(
  ownerId: string,
  options: { perDay: number; days: number; seed: number },
): Promise<{ events: number; calendars: number }> {
  const rnd = random(options.seed);
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  const calendar = createLocalCalendar(ownerId);
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const events: Parameters<typeof calendar.createEvent>[0][] = [];
  for (let d = 0; d <= options.days; d++) {
    const day = today.plus({ days: d });
    if (day.weekday > 5) continue;
    const at = (from: number, to: number) =>
      day.set({ hour: from }).plus({ minutes: 15 * Math.floor(rnd() * (to - from) * 4) });
    const work = Array.from({ length: options.perDay }, () => {
      const start = at(9, 17);
      return { start, end: start.plus({ minutes: pick([30, 30, 45, 60]) }) };
    });
    const byCalendar = [
      work,
      work.map((w) =>
        rnd() < 0.75 ? { start: w.start.plus({ minutes: pick([0, 15, -15]) }), end: w.end } : w,
      ),
      work.map((w, k) => {
        if (k % 2 === 0) return w;
        const start = at(9, 17);
        return { start, end: start.plus({ minutes: 30 }) };
      }),
      ...[0, 1].map(() =>
        Array.from({ length: options.perDay }, () => {
          const start = rnd() < 0.8 ? (rnd() < 0.5 ? at(6, 9) : at(17, 21)) : at(9, 17);
          return { start, end: start.plus({ minutes: pick([15, 30, 60]) }) };
        }),
      ),
    ];
    for (const [c, list] of byCalendar.entries())
      for (const [k, e] of list.entries())
        events.push({
          meetingId: `bench-cal${c}-${day.toISODate()}-${k}`,
          title: `Calendar ${c} event ${k}`,
          description: '',
          start: e.start.toUTC().toISO()!,
          end: e.end.toUTC().toISO()!,
          timeZone: ZONE,
          organizer: { email: 'olivia.organizer@example.com' },
          attendees: [],
          sequence: 0,
        });
  }
  for (let i = 0; i < events.length; i += 20)
    await Promise.all(events.slice(i, i + 20).map((e) => calendar.createEvent(e)));
  return { events: events.length, calendars: 5 };
}

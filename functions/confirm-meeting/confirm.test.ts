import { describe, expect, it } from 'vitest';
import { fakeContactStore } from '../../tests/fakes/contact-store.js';
import { fakeLeadEventStore } from '../../tests/fakes/lead-event-store.js';
import { createFakeLedgerStore } from '../../tests/fakes/ledger-store.js';
import type {
  CalendarEvent,
  CalendarProvider,
  StoredCalendarEvent,
} from '../_integrations/calendar/calendar-provider.js';
import type { VideoProvider } from '../_integrations/video/video-provider.js';
import { AppError } from '../_shared/errors.js';
import type { AvailabilityDoc, AvailabilityStore } from '../availability/availability.js';
import { SlotTakenError, sweepExpiredHolds } from '../booking/ledger.js';
import type { MeetingStore } from '../booking/meeting-store.js';
import type { MeetingDoc } from '../booking/model.js';
import type { NotifyMessage } from '../notify/queue.js';
import { bookMeeting, type ConfirmDeps, cancelMeeting } from './confirm.js';

const OWNER = 'owner-1';
const NOW = new Date('2026-03-02T08:00:00Z'); // a Monday
const SLOT = '2026-03-03T10:00:00.000Z';

function fakeMeetings(): MeetingStore & { all: Map<string, MeetingDoc> } {
  const all = new Map<string, MeetingDoc>();
  let etag = 0;
  return {
    all,
    async create(doc) {
      const stored = { ...doc, _etag: `m${++etag}` };
      all.set(doc.id, stored);
      return stored;
    },
    async find(ownerId, id) {
      const doc = all.get(id);
      return doc?.ownerId === ownerId ? { ...doc } : undefined;
    },
    async save(doc) {
      if (all.get(doc.id)?._etag !== doc._etag) throw new AppError('CONFLICT', 'changed');
      const stored = { ...doc, _etag: `m${++etag}` };
      all.set(doc.id, stored);
      return stored;
    },
    async booked(ownerId, ids) {
      return new Set(
        ids.filter((id) => all.get(id)?.ownerId === ownerId && all.get(id)?.status === 'booked'),
      );
    },
    async page() {
      return { docs: [...all.values()], continuation: null };
    },
  };
}

function fakeCalendar(failing: { create?: boolean } = {}) {
  const events = new Map<string, StoredCalendarEvent>();
  const calendar: CalendarProvider = {
    name: 'local',
    async listBusy() {
      return [...events.values()]
        .filter((e) => e.status === 'confirmed')
        .map((e) => ({ start: e.start, end: e.end }));
    },
    async createEvent(event: CalendarEvent) {
      if (failing.create) throw new Error('calendar down');
      const stored = { ...event, eventId: `evt-${event.meetingId}`, status: 'confirmed' as const };
      events.set(stored.eventId, stored);
      return stored;
    },
    async updateEvent(eventId, event) {
      const stored = { ...event, eventId, status: 'confirmed' as const };
      events.set(eventId, stored);
      return stored;
    },
    async deleteEvent(eventId) {
      const e = events.get(eventId);
      if (e) events.set(eventId, { ...e, status: 'cancelled' });
    },
    async getEvent(eventId) {
      return events.get(eventId);
    },
    async health() {},
  };
  return { calendar, events };
}

function setup(options: { calendarFails?: boolean } = {}) {
  const availability: AvailabilityDoc = {
    id: 'availability',
    ownerId: OWNER,
    rules: {
      timeZone: 'Europe/Berlin',
      weeklyHours: {
        sun: [],
        mon: [{ start: '09:00', end: '17:00' }],
        tue: [{ start: '09:00', end: '17:00' }],
        wed: [],
        thu: [],
        fri: [],
        sat: [],
      },
      dateOverrides: [],
      meetingLengths: [30],
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 15,
      minimumNoticeMinutes: 0,
      maxDaysAhead: 14,
      maxMeetingsPerDay: null,
      slotIntervalMinutes: 30,
    },
    meetingTypes: [
      {
        id: 'intro',
        name: 'Intro call',
        durationMinutes: 30,
        description: '',
        location: 'video',
        video: 'default',
        active: true,
      },
    ],
    updatedAt: NOW.toISOString(),
  };
  const store: AvailabilityStore = { read: async () => availability, write: async () => 'changed' };
  const contacts = fakeContactStore();
  const ledger = createFakeLedgerStore();
  const meetings = fakeMeetings();
  const { calendar, events } = fakeCalendar({ create: options.calendarFails });
  const rooms = new Set<string>();
  const video: VideoProvider = {
    name: 'jitsi',
    async createMeeting(r) {
      rooms.add(r.meetingId);
      return { joinUrl: `https://meet.example/${r.meetingId}`, provider: 'jitsi', meetingId: r.meetingId };
    },
    async deleteMeeting(id) {
      rooms.delete(id);
    },
  };
  const notices: NotifyMessage[] = [];
  const leadEvents = fakeLeadEventStore();
  let n = 0;
  const deps: ConfirmDeps = {
    now: () => NOW,
    newId: () => `m${++n}`,
    availability: store,
    ledger,
    meetings,
    contacts: contacts.store,
    leadEvents,
    calendars: async () => [calendar],
    calendar: async () => ({ provider: calendar, connectionId: null }),
    calendarOf: async () => calendar,
    video: async () => video,
    videoNamed: () => video,
    host: async () => ({ name: 'Hana Host', email: 'hana@example.com' }),
    notify: async (m) => {
      notices.push(m);
    },
  };
  return { deps, contacts, ledger, meetings, events, rooms, notices, leadEvents };
}

const request = (start = SLOT) => ({
  ownerId: OWNER,
  meetingTypeId: 'intro',
  start,
  contact: { name: 'Ada Lovelace', email: 'Ada@Example.com', timeZone: 'Europe/London' },
  source: 'booking-page' as const,
  by: 'contact' as const,
});

describe('confirm-meeting', () => {
  it('books: a new contact from the booking page, lead status "meeting", one notice, the time gone', async () => {
    const t = setup();
    const meeting = await bookMeeting(request(), t.deps);
    expect(meeting).toMatchObject({
      start: SLOT,
      status: 'booked',
      joinUrl: 'https://meet.example/m1',
      sequence: 0,
    });
    const [contact] = [...t.contacts.docs(OWNER).values()];
    expect(contact).toMatchObject({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      source: 'booking',
      status: 'meeting',
    });
    expect(meeting.contactId).toBe(contact!.id);
    expect(t.notices).toEqual([{ ownerId: OWNER, meetingId: 'm1', notice: 'booked', sequence: 0 }]);
    // 10:15 sits inside the first meeting's 15-minute buffer: refused, with nearby free times.
    const clash = await bookMeeting(request('2026-03-03T10:30:00.000Z'), t.deps).catch((e) => e);
    expect(clash).toBeInstanceOf(SlotTakenError);
    expect((clash as SlotTakenError).extra?.alternatives).toEqual(
      expect.arrayContaining([{ start: '2026-03-03T11:00:00.000Z', end: '2026-03-03T11:30:00.000Z' }]),
    );
  });

  it('learns the zone a known contact booked in when their record has none, and keeps one on record', async () => {
    const t = setup();
    const now = NOW.toISOString();
    t.contacts.put({
      id: 'c-liam',
      ownerId: OWNER,
      firstName: 'Liam',
      email: 'liam@example.com',
      status: 'contacted',
      source: 'manual',
      flags: [],
      tags: [],
      searchText: '',
      tagKeys: [],
      createdAt: now,
      updatedAt: now,
    });
    await bookMeeting(
      {
        ...request(),
        contact: { id: 'c-liam', name: 'Liam', email: 'liam@example.com', timeZone: 'Europe/London' },
      },
      t.deps,
    );
    expect(t.contacts.docs(OWNER).get('c-liam')).toMatchObject({
      status: 'meeting',
      timeZone: 'Europe/London',
    });
    await bookMeeting(
      {
        ...request('2026-03-03T13:00:00.000Z'),
        contact: { id: 'c-liam', name: 'Liam', email: 'liam@example.com', timeZone: 'Asia/Tokyo' },
      },
      t.deps,
    );
    expect(t.contacts.docs(OWNER).get('c-liam')?.timeZone).toBe('Europe/London');
  });

  it('gives everything back when the calendar cannot be written, and says so', async () => {
    const t = setup({ calendarFails: true });
    const err = await bookMeeting(request(), t.deps).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'UNAVAILABLE' });
    expect(err.message).toMatch(
      /could not be added to the organizer's Momentum Meet calendar, so it was not booked/,
    );
    expect(await t.ledger.range(OWNER, '2026-03-01', '2026-03-05')).toEqual([]);
    expect(t.meetings.all.size).toBe(0);
    expect(t.rooms.size).toBe(0);
    expect(t.notices).toEqual([]);
  });

  it('cancels once: the calendar event is cancelled, the time is free again, a repeat changes nothing', async () => {
    const t = setup();
    const meeting = await bookMeeting(request(), t.deps);
    const cancelled = await cancelMeeting(OWNER, meeting.id, 'Clash', 'contact', t.deps);
    expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 1, cancelReason: 'Clash' });
    expect(t.events.get(`evt-${meeting.id}`)?.status).toBe('cancelled');
    await cancelMeeting(OWNER, meeting.id, 'again', 'contact', t.deps);
    expect(t.notices.map((n) => n.notice)).toEqual(['booked', 'cancelled']);
    await expect(bookMeeting(request(), t.deps)).resolves.toMatchObject({ start: SLOT, status: 'booked' });
  });

  it('moves the lead to "meeting booked" and, when the meeting is cancelled, back to replied — each move recorded', async () => {
    const t = setup();
    const meeting = await bookMeeting(request(), t.deps);
    const contactId = meeting.contactId;
    expect(t.contacts.docs(OWNER).get(contactId)).toMatchObject({
      status: 'meeting',
      lead: { since: NOW.toISOString(), by: 'event' },
    });
    await cancelMeeting(OWNER, meeting.id, 'Clash', 'contact', t.deps);
    expect(t.contacts.docs(OWNER).get(contactId)?.status).toBe('replied');
    expect(
      (await t.leadEvents.forContact(OWNER, contactId)).map((e) => [e.cause, e.from, e.to, e.ref]),
    ).toEqual([
      ['booking', 'new', 'meeting', meeting.id],
      ['cancellation', 'meeting', 'replied', meeting.id],
    ]);
  });

  it('keeps the lead at "meeting booked" while another of its meetings is still to come', async () => {
    const t = setup();
    const first = await bookMeeting(request(), t.deps);
    const second = await bookMeeting(request('2026-03-03T13:00:00.000Z'), t.deps);
    await cancelMeeting(OWNER, first.id, 'Clash', 'contact', t.deps);
    expect(t.contacts.docs(OWNER).get(first.contactId)?.status).toBe('meeting');
    await cancelMeeting(OWNER, second.id, 'Clash', 'contact', t.deps);
    expect(t.contacts.docs(OWNER).get(first.contactId)?.status).toBe('replied');
  });

  it('a claim whose request died is swept after its hold, so the slot is not lost', async () => {
    const t = setup();
    const { claim } = await import('../booking/ledger.js');
    const rules = {
      timeZone: 'Europe/Berlin',
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 15,
      maxMeetingsPerDay: null,
    };
    await claim(
      {
        ownerId: OWNER,
        claimId: 'dead',
        meetingId: 'dead',
        start: SLOT,
        end: '2026-03-03T10:30:00.000Z',
        rules,
        now: NOW,
      },
      { store: t.ledger, bookedMeetings: async () => new Set() },
    );
    const ledgerDeps = {
      store: t.ledger,
      bookedMeetings: (o: string, ids: string[]) => t.meetings.booked(o, ids),
    };
    expect(await sweepExpiredHolds(ledgerDeps, NOW)).toBe(0);
    expect(await sweepExpiredHolds(ledgerDeps, new Date(NOW.getTime() + 3 * 60_000))).toBe(1);
    expect(await t.ledger.range(OWNER, '2026-03-03', '2026-03-03')).toEqual([]);
  });
});

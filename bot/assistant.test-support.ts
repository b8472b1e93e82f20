import type { AssistantContact, AssistantMeeting, AssistantPorts } from './assistant-ports.js';
import { FREE, NOW } from './conversation.test-support.js';
import type { Span } from './ports.js';

/** Fake use cases for the organizer's assistant: an organizer in New York, Wed 2 Dec 10:00. */
export { NOW };
export const NY = 'America/New_York';

export const JANE: AssistantContact = {
  id: 'c-jane',
  name: 'Jane Doe',
  email: 'jane@acme.com',
  company: 'Acme',
};
export const JANE_S: AssistantContact = { id: 'c-jane-s', name: 'Jane Smith', email: 'jane@smith.io' };
export const NOMAIL: AssistantContact = { id: 'c-bob', name: 'Bob Nomail' };

/** Thu 3 Dec 15:00–15:30 New York. */
export const THREE_PM: AssistantMeeting = {
  id: 'm-3pm',
  title: 'Intro call with Jane Doe',
  start: '2026-12-03T20:00:00.000Z',
  end: '2026-12-03T20:30:00.000Z',
  contactId: 'c-jane',
  contactName: 'Jane Doe',
};

export interface FakeAssistantPorts extends AssistantPorts {
  contacts: AssistantContact[];
  booked: { contactId: string; meetingTypeId: string; start: string }[];
  moved: { meetingId: string; start: string }[];
  calendar: AssistantMeeting[];
  searches: { durationMinutes?: number | undefined; from: string; to: string }[];
  takenMeanwhile: Set<string>;
  free: Span[];
  waiting: AssistantContact[];
}

export function fakeAssistantPorts(): FakeAssistantPorts {
  const ports: FakeAssistantPorts = {
    contacts: [JANE, JANE_S, NOMAIL],
    booked: [],
    moved: [],
    calendar: [THREE_PM],
    searches: [],
    takenMeanwhile: new Set(),
    free: [...FREE],
    waiting: [],
    now: () => NOW,
    zoneOf: async () => NY,
    findContacts: async (_owner, query, limit) =>
      ports.contacts.filter((c) => c.name.toLowerCase().includes(query.toLowerCase())).slice(0, limit),
    freeSlots: async (_owner, search) => {
      ports.searches.push(search);
      const slots = ports.free.filter((s) => s.start >= search.from && s.end <= search.to);
      return { slots, meetingTypeId: 'intro', meetingType: 'Intro call', durationMinutes: 30 };
    },
    book: async (_owner, booking) => {
      if (ports.takenMeanwhile.has(booking.start)) {
        ports.free = ports.free.filter((s) => s.start !== booking.start);
        return { taken: ports.free.filter((s) => s.start > booking.start).slice(0, 3) };
      }
      ports.booked.push(booking);
      const contact = ports.contacts.find((c) => c.id === booking.contactId)!;
      const end = new Date(Date.parse(booking.start) + 1_800_000).toISOString();
      return {
        booked: {
          id: 'm-new',
          title: `Intro call with ${contact.name}`,
          start: booking.start,
          end,
          contactId: contact.id,
          contactName: contact.name,
        },
      };
    },
    meetings: async (_owner, range) => ports.calendar.filter((m) => m.end > range.from && m.start < range.to),
    moveSlots: async (_owner, _id, range) =>
      ports.free.filter((s) => s.start >= range.from && s.end <= range.to),
    reschedule: async (_owner, meetingId, start) => {
      if (ports.takenMeanwhile.has(start)) return { taken: [] };
      ports.moved.push({ meetingId, start });
      const meeting = ports.calendar.find((m) => m.id === meetingId)!;
      return { moved: { ...meeting, start, end: new Date(Date.parse(start) + 1_800_000).toISOString() } };
    },
    notReplied: async (_owner, limit) => ({
      contacts: ports.waiting.slice(0, limit),
      total: ports.waiting.length,
    }),
  };
  return ports;
}

import { createPatternUnderstanding } from './patterns.js';
import type { BotPorts, Lead, Session, Span } from './ports.js';

/** Fake ports for conversation tests: an organizer in New York with free half-hours. */
export const NOW = new Date('2026-12-02T15:00:00Z'); // Wed 10:00 New York
export const SESSION: Session = { ownerId: 'owner-1', meetingTypeId: 'intro', contactId: 'c-link' };

/** 09:00–17:00 New York, every half hour, Thursday 3 to Wednesday 9 December (weekdays). */
export const FREE: Span[] = ['03', '04', '07', '08', '09'].flatMap((d) =>
  Array.from({ length: 16 }, (_, i) => {
    const start = new Date(Date.parse(`2026-12-${d}T14:00:00Z`) + i * 1_800_000);
    return { start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString() };
  }),
);

export interface FakePorts extends BotPorts {
  saved: Lead[];
  booked: { contactId: string; start: string; zone: string }[];
  searches: { from?: string; to?: string }[];
  /** Starts someone else books just before the visitor does. */
  takenMeanwhile: Set<string>;
  free: Span[];
}

export function fakePorts(): FakePorts {
  const ports: FakePorts = {
    saved: [],
    booked: [],
    searches: [],
    takenMeanwhile: new Set(),
    free: [...FREE],
    now: () => NOW,
    openSession: async () => SESSION,
    intro: async () => ({
      host: 'Olivia',
      meetingType: 'intro call',
      durationMinutes: 30,
      organizerZone: 'America/New_York',
    }),
    freeSlots: async (_session, range) => {
      ports.searches.push(range);
      const inRange = ports.free.filter(
        (s) => (!range.from || s.start >= range.from) && (!range.to || s.end <= range.to),
      );
      return { slots: inRange, suggestions: inRange.slice(0, 3) };
    },
    saveLead: async (_session, lead) => {
      ports.saved.push(lead);
      return 'contact-1';
    },
    book: async (_session, { contactId, start, zone }) => {
      if (ports.takenMeanwhile.has(start)) {
        ports.free = ports.free.filter((s) => s.start !== start);
        return { taken: nearest(ports.free, start) };
      }
      ports.booked.push({ contactId, start, zone });
      const end = new Date(Date.parse(start) + 1_800_000).toISOString();
      return { booked: { id: 'meeting-1', start, end, joinUrl: 'https://meet.jit.si/mm-meeting-1' } };
    },
  };
  return ports;
}

function nearest(free: Span[], start: string): Span[] {
  const at = Date.parse(start);
  return [...free]
    .sort((a, b) => Math.abs(Date.parse(a.start) - at) - Math.abs(Date.parse(b.start) - at))
    .slice(0, 3)
    .sort((a, b) => a.start.localeCompare(b.start));
}

export const understanding = createPatternUnderstanding();

import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CalendarCredentials,
  type CalendarEvent,
  CalendarEventNotFoundError,
  type CalendarProvider,
  type CalendarProviderFactory,
  type CalendarSettings,
  type TimeRange,
} from './calendar-provider.js';

/**
 * The one contract every calendar provider passes (CONVENTIONS §6): each provider's test runs it
 * against something real — the local Cosmos API server, later a CalDAV server — so the booking
 * flow can rely on the same promises whichever calendar an organizer connected.
 *
 * Each test works on a day of its own (a random stretch of 2030s days per run), so events left by
 * another test or an earlier run against a real calendar never show up as busy.
 */

export interface CalendarContractHarness {
  provider: CalendarProvider;
  close?(): Promise<void>;
}

const HOUR = 60 * 60 * 1000;
const firstDay = Date.UTC(2030, 0, 1) + Math.floor(Math.random() * 3000) * 24 * HOUR;
let days = 0;

/** A fresh UTC day: at(h) is its hour h (fractions allowed) in toISOString() form. */
function freshDay() {
  const day = firstDay + days++ * 24 * HOUR;
  const at = (hours: number) => new Date(day + hours * HOUR).toISOString();
  return { at, whole: { start: at(0), end: at(24) } };
}

/** A distinct event with everything a booked meeting carries. */
/**
 * An OAuth provider (Google, Microsoft) for a fresh grant; `saved` collects the credentials it
 * hands back through `onCredentials` when it refreshes.
 */
export function grantedProvider<T extends CalendarCredentials>(
  factory: CalendarProviderFactory,
  ownerId: string,
  tokens: T,
  settings: CalendarSettings = {},
) {
  const saved: CalendarCredentials[] = [];
  const provider = factory(ownerId, tokens, {
    ...settings,
    onCredentials: async (next) => {
      saved.push(next);
    },
  });
  return { provider, tokens, saved };
}

export function sampleCalendarEvent(over: Partial<CalendarEvent> = {}): CalendarEvent {
  const meetingId = `mtg-${randomUUID()}`;
  return {
    meetingId,
    title: 'Intro call — Ada × Sam',
    description: 'Booked through Momentum Meet.\nAgenda: café ☕ and next steps.',
    start: '2030-01-01T10:00:00.000Z',
    end: '2030-01-01T10:30:00.000Z',
    timeZone: 'Europe/Berlin',
    conference: { joinUrl: `https://meet.jit.si/momentum-${meetingId}` },
    organizer: { email: 'sam@momentum.example', name: 'Sam Organizer' },
    attendees: [
      { email: 'ada@example.com', name: 'Ada Lovelace' },
      { email: 'grace@example.com', name: 'Grace Hopper' },
    ],
    sequence: 0,
    ...over,
  };
}

const overlaps = (a: TimeRange, b: TimeRange) => a.start < b.end && b.start < a.end;

export function runCalendarContract(name: string, setup: () => Promise<CalendarContractHarness>): void {
  describe(`${name} calendar provider (contract)`, () => {
    let h: CalendarContractHarness;
    let provider: CalendarProvider;
    beforeAll(async () => {
      h = await setup();
      provider = h.provider;
    });
    afterAll(async () => {
      await h?.close?.();
    });

    /** The busy intervals of the range that overlap `slot`. */
    const busyAt = async (range: TimeRange, slot: TimeRange) =>
      (await provider.listBusy(range)).filter((b) => overlaps(b, slot));

    it('answers its health check', async () => {
      await expect(provider.health()).resolves.toBeUndefined();
    });

    it('creates an event, and the time it takes is busy', async () => {
      const { at, whole } = freshDay();
      const event = sampleCalendarEvent({ start: at(10), end: at(10.5) });
      const created = await provider.createEvent(event);
      expect(created.eventId).toEqual(expect.any(String));
      expect(created).toMatchObject({ meetingId: event.meetingId, status: 'confirmed', sequence: 0 });
      expect(await provider.listBusy(whole)).toContainEqual({ start: at(10), end: at(10.5) });
      expect(await busyAt(whole, { start: at(12), end: at(13) })).toEqual([]);
    });

    it('creates one event per meeting id, however often (and however concurrently) it is asked', async () => {
      const { at, whole } = freshDay();
      const event = sampleCalendarEvent({ start: at(9), end: at(10) });
      const first = await provider.createEvent(event);
      const again = await provider.createEvent({ ...event, title: 'A retried create' });
      expect(again.eventId).toBe(first.eventId);
      expect((await provider.getEvent(first.eventId))?.title).toBe(event.title);
      expect(await busyAt(whole, { start: at(9), end: at(10) })).toEqual([{ start: at(9), end: at(10) }]);

      const racing = sampleCalendarEvent({ start: at(15), end: at(16) });
      const ids = await Promise.all([1, 2, 3].map(() => provider.createEvent(racing)));
      expect(new Set(ids.map((e) => e.eventId)).size).toBe(1);
      expect(await busyAt(whole, { start: at(15), end: at(16) })).toEqual([{ start: at(15), end: at(16) }]);
    });

    it('moves an event on update: the busy time follows it', async () => {
      const { at, whole } = freshDay();
      const event = sampleCalendarEvent({ start: at(10), end: at(11) });
      const { eventId } = await provider.createEvent(event);
      const moved = await provider.updateEvent(eventId, {
        ...event,
        start: at(14),
        end: at(15),
        sequence: 1,
      });
      expect(moved).toMatchObject({ eventId, start: at(14), end: at(15), sequence: 1, status: 'confirmed' });
      expect(await busyAt(whole, { start: at(10), end: at(11) })).toEqual([]);
      expect(await provider.listBusy(whole)).toContainEqual({ start: at(14), end: at(15) });
      expect(await provider.getEvent(eventId)).toMatchObject({ start: at(14), end: at(15), sequence: 1 });
    });

    it('frees the time when an event is deleted; deleting again, or an unknown id, is safe', async () => {
      const { at, whole } = freshDay();
      const event = sampleCalendarEvent({ start: at(10), end: at(11) });
      const { eventId } = await provider.createEvent(event);
      await provider.deleteEvent(eventId);
      expect(await busyAt(whole, { start: at(10), end: at(11) })).toEqual([]);
      await expect(provider.deleteEvent(eventId)).resolves.toBeUndefined();
      await expect(provider.deleteEvent(`never-${randomUUID()}`)).resolves.toBeUndefined();
      await expect(provider.updateEvent(eventId, { ...event, sequence: 2 })).rejects.toBeInstanceOf(
        CalendarEventNotFoundError,
      );
      expect(await busyAt(whole, { start: at(10), end: at(11) })).toEqual([]);
    });

    it('counts only events overlapping the range: touching an edge is not busy', async () => {
      const { at } = freshDay();
      await provider.createEvent(sampleCalendarEvent({ start: at(10), end: at(11) }));
      const slot = { start: at(10), end: at(11) };
      expect(await busyAt({ start: at(11), end: at(12) }, slot)).toEqual([]);
      expect(await busyAt({ start: at(9), end: at(10) }, slot)).toEqual([]);
      expect(await busyAt({ start: at(10.75), end: at(12) }, slot)).toHaveLength(1);
      expect(await busyAt({ start: at(9), end: at(10.25) }, slot)).toHaveLength(1);
      expect(await busyAt({ start: at(10.25), end: at(10.5) }, slot)).toHaveLength(1);
    });

    it('keeps times exact in UTC across a daylight-saving change (2025-03-09, America/New_York)', async () => {
      const zone = 'America/New_York';
      // 01:30 EST to 03:30 EDT: two hours on the wall clock, one hour of real time.
      const start = DateTime.fromISO('2025-03-09T01:30', { zone });
      const end = DateTime.fromISO('2025-03-09T03:30', { zone });
      expect(end.diff(start, 'minutes').minutes).toBe(60);
      const event = sampleCalendarEvent({
        start: start.toISO()!, // with its offset: 2025-03-09T01:30:00.000-05:00
        end: end.toISO()!, // 2025-03-09T03:30:00.000-04:00
        timeZone: zone,
      });
      const created = await provider.createEvent(event);
      const utc = { start: '2025-03-09T06:30:00.000Z', end: '2025-03-09T07:30:00.000Z' };
      expect(created).toMatchObject({ ...utc, timeZone: zone });
      expect(await provider.getEvent(created.eventId)).toMatchObject({ ...utc, timeZone: zone });
      const day = { start: '2025-03-09T00:00:00.000Z', end: '2025-03-10T00:00:00.000Z' };
      const busy = (await provider.listBusy(day)).filter((b) => overlaps(b, utc));
      expect(busy).toEqual([utc]);
      await provider.deleteEvent(created.eventId);
    });

    it('keeps the organizer, attendees, description, location and the join URL', async () => {
      const { at } = freshDay();
      const video = sampleCalendarEvent({ start: at(10), end: at(11) });
      const created = await provider.createEvent(video);
      expect(await provider.getEvent(created.eventId)).toMatchObject({
        meetingId: video.meetingId,
        title: video.title,
        description: video.description,
        timeZone: video.timeZone,
        organizer: video.organizer,
        attendees: video.attendees,
        conference: video.conference,
      });

      const inPerson = sampleCalendarEvent({
        start: at(13),
        end: at(14),
        conference: undefined,
        location: 'Café Einstein, Kurfürstenstraße 58, Berlin',
        attendees: [{ email: 'ada@example.com' }],
      });
      const kept = await provider.getEvent((await provider.createEvent(inPerson)).eventId);
      expect(kept).toMatchObject({ location: inPerson.location, attendees: inPerson.attendees });
      expect(kept?.conference).toBeUndefined();
    });

    it('answers undefined for an event it does not have', async () => {
      expect(await provider.getEvent(`never-${randomUUID()}`)).toBeUndefined();
    });
  });
}

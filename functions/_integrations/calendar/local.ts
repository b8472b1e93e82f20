import { createHash } from 'node:crypto';
import type { Container } from '@azure/cosmos';
import { readOwned } from '../../_shared/cosmos/bulk.js';
import { cosmosStatus, getContainer } from '../../_shared/cosmos/client.js';
import {
  type CalendarEvent,
  CalendarEventNotFoundError,
  type CalendarProvider,
  type CalendarProviderFactory,
  parseCalendarEvent,
  parseTimeRange,
  type StoredCalendarEvent,
  type TimeRange,
} from './calendar-provider.js';

/**
 * The default calendar, needing no credentials: the organizer's events are kept in the
 * `calendar-events` container (partition /ownerId). The document id is derived from the meeting
 * id, so a second create of the same meeting finds the first event instead of adding one.
 *
 * Deleting marks the event cancelled (as CalDAV's STATUS:CANCELLED and Google's cancelled events
 * do) rather than removing it: a late retry of the create then finds the cancelled event and does
 * not bring the meeting back. Cancelled events drop out of busy time and are removed by Cosmos
 * after CANCELLED_TTL_SECONDS.
 */

export const CANCELLED_TTL_SECONDS = 90 * 24 * 60 * 60;

interface CalendarEventDoc extends StoredCalendarEvent {
  id: string;
  ownerId: string;
  createdAt: string;
  updatedAt: string;
  ttl?: number;
  _etag?: string;
}

/** The event id of a meeting: a hash, so any meeting id gives a valid Cosmos id. */
export const localEventId = (meetingId: string): string =>
  `evt-${createHash('sha256').update(meetingId).digest('base64url').slice(0, 32)}`;

/** Tries a read-then-replace again when another request changed the document in between. */
const ATTEMPTS = 5;

export const createLocalCalendar: CalendarProviderFactory = (ownerId: string): CalendarProvider => {
  const container = () => getContainer('calendar-events');
  const read = async (c: Container, eventId: string) => readOwned<CalendarEventDoc>(c, ownerId, eventId);

  /** Applies `change` to the current document, replacing it only if nobody changed it meanwhile. */
  async function change(
    eventId: string,
    apply: (doc: CalendarEventDoc) => CalendarEventDoc | undefined,
  ): Promise<CalendarEventDoc | undefined> {
    const c = await container();
    for (let attempt = 1; ; attempt++) {
      const doc = await read(c, eventId);
      const next = doc && apply(doc);
      if (!doc || !next) return doc;
      try {
        const { resource } = await c
          .item(eventId, ownerId)
          .replace<CalendarEventDoc>(next, { accessCondition: { type: 'IfMatch', condition: doc._etag! } });
        return resource!;
      } catch (err) {
        if (cosmosStatus(err) !== 412 || attempt >= ATTEMPTS) throw err;
      }
    }
  }

  return {
    name: 'local',

    async listBusy(range: TimeRange) {
      const { start, end } = parseTimeRange(range);
      const c = await container();
      // Times are stored in toISOString() form, so string order is time order.
      const { resources } = await c.items
        .query<TimeRange>(
          {
            query:
              'SELECT c["start"], c["end"] FROM c WHERE c.ownerId = @owner AND c.status = "confirmed" AND c["start"] < @end AND c["end"] > @start',
            parameters: [
              { name: '@owner', value: ownerId },
              { name: '@start', value: start },
              { name: '@end', value: end },
            ],
          },
          { partitionKey: ownerId },
        )
        .fetchAll();
      return resources
        .map((r) => ({ start: r.start, end: r.end }))
        .sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
    },

    async createEvent(input: CalendarEvent) {
      const event = parseCalendarEvent(input);
      const eventId = localEventId(event.meetingId);
      const now = new Date().toISOString();
      const doc: CalendarEventDoc = {
        ...event,
        id: eventId,
        ownerId,
        eventId,
        status: 'confirmed',
        createdAt: now,
        updatedAt: now,
      };
      const c = await container();
      try {
        const { resource } = await c.items.create<CalendarEventDoc>(doc);
        return toEvent(resource!);
      } catch (err) {
        if (cosmosStatus(err) !== 409) throw err;
        const existing = await read(c, eventId);
        if (!existing) throw err;
        return toEvent(existing);
      }
    },

    async updateEvent(eventId: string, input: CalendarEvent) {
      const event = parseCalendarEvent(input);
      const updated = await change(eventId, (doc) => {
        if (doc.status === 'cancelled') return undefined;
        // The meeting id stays the one the event was created for: it is what makes creates idempotent.
        return { ...doc, ...event, meetingId: doc.meetingId, updatedAt: new Date().toISOString() };
      });
      if (!updated || updated.status === 'cancelled') throw new CalendarEventNotFoundError(eventId);
      return toEvent(updated);
    },

    async deleteEvent(eventId: string) {
      await change(eventId, (doc) =>
        doc.status === 'cancelled'
          ? undefined
          : {
              ...doc,
              status: 'cancelled',
              sequence: doc.sequence + 1,
              updatedAt: new Date().toISOString(),
              ttl: CANCELLED_TTL_SECONDS,
            },
      );
    },

    async getEvent(eventId: string) {
      const doc = await read(await container(), eventId);
      return doc && toEvent(doc);
    },

    async health() {
      await read(await container(), 'health');
    },
  };
};

function toEvent(doc: CalendarEventDoc): StoredCalendarEvent {
  const { id: _id, ownerId: _owner, createdAt: _c, updatedAt: _u, ttl: _ttl, ...rest } = doc;
  const event = Object.fromEntries(Object.entries(rest).filter(([k]) => !k.startsWith('_')));
  return event as unknown as StoredCalendarEvent;
}

import type { Calendar, Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import {
  type CalendarCredentials,
  type CalendarEvent,
  CalendarEventNotFoundError,
  type CalendarProvider,
  type CalendarSettings,
  parseCalendarEvent,
  parseTimeRange,
  type TimeRange,
  type WatchChannel,
  type WatchRequest,
} from './calendar-provider.js';
import { graphCaller, MicrosoftCalendarError, statusOf, tokenKeeper } from './microsoft-client.js';
import {
  EXPAND_OURS,
  fromGraphEvent,
  fromGraphTime,
  MEETING_ID_PROPERTY,
  toGraphEvent,
} from './microsoft-event.js';

/**
 * Microsoft 365 / Outlook calendars through Microsoft Graph v1.0, for one connection. Credentials:
 * `{ accessToken, refreshToken, expiresAt }` (ISO). Events go to `settings.writeCalendarUrl` (a
 * Graph calendar id; the default calendar when absent). A create first looks for an event carrying
 * our meeting id, then posts with a transactionId derived from it, so a retried (or racing) create
 * finds the first event instead of adding one. A Teams request (`conferenceRequest: 'teams'`)
 * makes the event an online meeting; its join URL is the stored event's `conference.joinUrl`.
 *
 * Busy time comes from calendarView over the read calendars: Graph expands recurring events there,
 * and it answers per calendar (getSchedule only reads each person's default calendar). By default
 * the calendars the account owns count; shared calendars of colleagues can be ticked in.
 */

/** Outlook's busy states; `free` and `workingElsewhere` leave the time open. */
const OPEN = new Set(['free', 'workingElsewhere']);
const UTC = { Prefer: 'outlook.timezone="UTC"' };
/** Graph pages calendarView; 100 is a page size it honours without complaint. */
const PAGE = 100;

interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

export function createMicrosoftCalendar(
  _ownerId: string,
  credentials?: CalendarCredentials,
  settings: CalendarSettings = {},
): CalendarProvider {
  if (!credentials?.refreshToken)
    throw new Error('A Microsoft 365 calendar connection needs its OAuth tokens.');
  const call = graphCaller(tokenKeeper(credentials, settings.onCredentials));
  const writeBase = settings.writeCalendarUrl
    ? `/me/calendars/${encodeURIComponent(settings.writeCalendarUrl)}`
    : '/me/calendar';

  /** Every page of a collection, following @odata.nextLink as Graph gives it. */
  async function all<T>(path: string, query: Record<string, string | number> = {}): Promise<T[]> {
    const items: T[] = [];
    let page = await call((req) => req(path).query(query).headers(UTC).get() as Promise<Page<T>>);
    items.push(...(page.value ?? []));
    while (page['@odata.nextLink']) {
      const next = page['@odata.nextLink'];
      page = await call((req) => req(next).headers(UTC).get() as Promise<Page<T>>);
      items.push(...(page.value ?? []));
    }
    return items;
  }

  const calendars = () => all<Calendar>('/me/calendars', { $top: PAGE });

  async function readCalendars(): Promise<string[]> {
    if (settings.readCalendarUrls?.length) return settings.readCalendarUrls;
    const list = await calendars();
    const owner = (list.find((c) => c.isDefaultCalendar) ?? list[0])?.owner?.address?.toLowerCase();
    const owned = list.filter((c) => !owner || c.owner?.address?.toLowerCase() === owner).map((c) => c.id!);
    return owned.length ? owned : list.map((c) => c.id!);
  }

  async function get(eventId: string): Promise<GraphEvent | undefined> {
    try {
      return await call(
        (req) =>
          req(`/me/events/${encodeURIComponent(eventId)}`)
            .expand(EXPAND_OURS)
            .headers(UTC)
            .get() as Promise<GraphEvent>,
      );
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  async function findByMeetingId(meetingId: string): Promise<GraphEvent | undefined> {
    const quoted = meetingId.replace(/'/g, "''");
    const page = await call(
      (req) =>
        req(`${writeBase}/events`)
          .filter(
            `singleValueExtendedProperties/Any(ep: ep/id eq '${MEETING_ID_PROPERTY}' and ep/value eq '${quoted}')`,
          )
          .expand(EXPAND_OURS)
          .headers(UTC)
          .top(1)
          .get() as Promise<Page<GraphEvent>>,
    );
    return page.value?.[0];
  }

  return {
    name: 'microsoft',

    async listBusy(range: TimeRange) {
      const { start, end } = parseTimeRange(range);
      if (start === end) return [];
      const busy: TimeRange[] = [];
      for (const id of await readCalendars()) {
        let events: GraphEvent[];
        try {
          events = await all<GraphEvent>(`/me/calendars/${encodeURIComponent(id)}/calendarView`, {
            startDateTime: start,
            endDateTime: end,
            $select: 'start,end,showAs,isCancelled',
            $top: PAGE,
          });
        } catch (err) {
          // A calendar Graph could not read is never reported as free.
          if (statusOf(err) === 404 || statusOf(err) === 403)
            throw new MicrosoftCalendarError(
              `Microsoft 365 could not read the calendar ${id} — untick it or reconnect.`,
              statusOf(err),
              'ErrorItemNotFound',
            );
          throw err;
        }
        for (const e of events) {
          if (e.isCancelled || OPEN.has(e.showAs ?? 'busy')) continue;
          const interval = { start: fromGraphTime(e.start), end: fromGraphTime(e.end) };
          if (interval.start < end && interval.end > start) busy.push(interval);
        }
      }
      return busy.sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
    },

    async createEvent(input: CalendarEvent) {
      const event = parseCalendarEvent(input);
      const existing = await findByMeetingId(event.meetingId);
      if (existing) return fromGraphEvent(existing);
      const body = toGraphEvent(event, { teams: event.conferenceRequest === 'teams', create: true });
      let created: GraphEvent;
      try {
        created = await call(
          (req) => req(`${writeBase}/events`).headers(UTC).post(body) as Promise<GraphEvent>,
        );
      } catch (err) {
        // Should Graph refuse a repeated transactionId rather than answer with the first event,
        // the first event is there to be found.
        const first = statusOf(err) === 409 ? await findByMeetingId(event.meetingId) : undefined;
        if (!first) throw err;
        return fromGraphEvent(first);
      }
      // The create's answer may not carry our extended properties; read it back as every read does.
      return fromGraphEvent((await get(created.id!)) ?? created);
    },

    async updateEvent(eventId: string, input: CalendarEvent) {
      const event = parseCalendarEvent(input);
      const current = await get(eventId);
      if (!current || current.isCancelled) throw new CalendarEventNotFoundError(eventId);
      const previous = fromGraphEvent(current);
      const body = toGraphEvent(event, {
        // A Teams meeting stays the same meeting (and link) when the event moves.
        teams: event.conferenceRequest === 'teams' && !current.isOnlineMeeting,
        meetingId: previous.meetingId,
        create: false,
      });
      try {
        await call((req) => req(`/me/events/${encodeURIComponent(eventId)}`).patch(body));
      } catch (err) {
        if (statusOf(err) === 404) throw new CalendarEventNotFoundError(eventId);
        throw err;
      }
      const updated = await get(eventId);
      if (!updated) throw new CalendarEventNotFoundError(eventId);
      return fromGraphEvent(updated);
    },

    async deleteEvent(eventId: string) {
      try {
        // No Graph attendees (see microsoft-event.ts), so deleting sends nobody a cancellation.
        await call((req) => req(`/me/events/${encodeURIComponent(eventId)}`).delete());
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
    },

    async getEvent(eventId: string) {
      const event = await get(eventId);
      return event && fromGraphEvent(event);
    },

    async health() {
      await call((req) => req('/me/calendars').top(1).get());
      if (!settings.writeCalendarUrl) return;
      const target = await call((req) => req(writeBase).get() as Promise<Calendar>);
      if (!target.canEdit)
        throw new MicrosoftCalendarError(
          `The calendar chosen for new meetings (${target.name ?? target.id}) cannot be written to — choose one you can edit.`,
          403,
          'ErrorAccessDenied',
        );
    },

    /**
     * A Graph subscription per calendar read for busy time. Graph first checks the address (it
     * posts a validationToken the endpoint must echo) and then posts a notification, carrying
     * `clientState`, for every created, updated or deleted event.
     */
    async watch({ address, secret, expiresAt }: WatchRequest): Promise<WatchChannel[]> {
      const channels: WatchChannel[] = [];
      for (const calendar of await readCalendars()) {
        const subscription = await call(
          (req) =>
            req('/subscriptions').post({
              changeType: 'created,updated,deleted',
              notificationUrl: address,
              resource: `me/calendars/${calendar}/events`,
              expirationDateTime: expiresAt,
              clientState: secret,
            }) as Promise<{ id: string; expirationDateTime: string }>,
        );
        channels.push({
          id: subscription.id,
          calendar,
          expiresAt: new Date(subscription.expirationDateTime).toISOString(),
        });
      }
      return channels;
    },

    async unwatch(channel: WatchChannel) {
      try {
        await call((req) => req(`/subscriptions/${encodeURIComponent(channel.id)}`).delete());
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
    },

    async listCalendars() {
      return (await calendars()).map((c) => ({
        url: c.id!,
        name: c.name ?? c.id!,
        canWrite: c.canEdit === true,
      }));
    },
  };
}

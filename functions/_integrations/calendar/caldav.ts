import { createHash } from 'node:crypto';
import { expandCalendar } from '../../_shared/scheduling/calendar-expand.js';
import { parseCalendar } from '../../_shared/scheduling/calendar-parse.js';
import type { Interval } from '../../_shared/scheduling/intervals.js';
import { DAY, zoneClock } from '../../_shared/scheduling/zone-clock.js';
import {
  type CalDavCredentials,
  CalendarConnectionError,
  connect,
  eventCalendars,
  readableError,
  textOf,
} from './caldav-client.js';
import { eventIcs, readEventIcs } from './caldav-ics.js';
import {
  type CalendarCredentials,
  type CalendarEvent,
  CalendarEventNotFoundError,
  type CalendarInfo,
  type CalendarProvider,
  type CalendarSettings,
  parseCalendarEvent,
  parseTimeRange,
  type StoredCalendarEvent,
  type TimeRange,
} from './calendar-provider.js';

/**
 * A CalDAV calendar (Radicale, Nextcloud, Fastmail, iCloud…) through tsdav.
 *
 * Busy time: a calendar-query REPORT with a time range on every read calendar, then the objects
 * are parsed and expanded here with the scheduling engine — servers differ in (or lack) expand
 * and free-busy support, and ours handles RRULE, EXDATE, moved occurrences, TRANSP and STATUS.
 *
 * Writing: one object per meeting, named by a hash of the meeting id and created with
 * If-None-Match: *, so a retried create finds the first one. Changes are PUT with If-Match on the
 * etag just read and re-read on 412. Deleting marks the event STATUS:CANCELLED (as `local` does):
 * calendar apps show it as cancelled, and a late retried create finds it and does not bring the
 * meeting back. The event id is the object's URL.
 */

/** Tries a read-then-write again when another client changed the object in between. */
const ATTEMPTS = 5;
// Floating times are placed by the server in a zone of its choosing: ask a day wider.
const QUERY_MARGIN = DAY;

export const caldavObjectName = (meetingId: string): string =>
  `momentum-${createHash('sha256').update(meetingId).digest('hex').slice(0, 40)}.ics`;

const davTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

const withSlash = (url: string) => (url.endsWith('/') ? url : `${url}/`);

export function createCalDavCalendar(
  ownerId: string,
  credentials?: CalendarCredentials,
  settings: CalendarSettings = {},
  options: { name?: string; fetch?: typeof fetch } = {},
): CalendarProvider & { listCalendars(): Promise<CalendarInfo[]> } {
  const { serverUrl, username, password } = credentials ?? {};
  if (!serverUrl || !username || !password) {
    throw new CalendarConnectionError(
      `The CalDAV calendar of ${ownerId} needs a server address, user name and password.`,
    );
  }
  const creds: CalDavCredentials = { serverUrl, username, password };
  const connection = () => connect(creds, options.fetch);
  const fail = (error: unknown) => readableError(error, serverUrl);

  async function calendars(): Promise<CalendarInfo[]> {
    const list = await eventCalendars(await connection()).catch((error: unknown) => {
      throw fail(error);
    });
    if (list.length === 0) {
      throw new CalendarConnectionError(
        `The account ${username} has no calendar for events. Create one in your calendar app, then connect again.`,
      );
    }
    return list;
  }

  async function writeCalendar(): Promise<string> {
    if (settings.writeCalendarUrl) return withSlash(settings.writeCalendarUrl);
    const writable = (await calendars()).find((c) => c.canWrite);
    if (!writable) throw new CalendarConnectionError(`No calendar of ${username} can be written to.`);
    return writable.url;
  }

  /** Only objects in this account's calendars are read or written with its password. */
  async function ownUrl(eventId: string): Promise<string | undefined> {
    let url: URL;
    try {
      url = new URL(eventId);
    } catch {
      return undefined;
    }
    const { homeUrl } = await connection();
    const roots = [homeUrl, settings.writeCalendarUrl, ...(settings.readCalendarUrls ?? [])].filter(Boolean);
    const inside = roots.some((root) => url.href.startsWith(withSlash(root!)));
    return inside && url.pathname.endsWith('.ics') && !url.search ? url.href : undefined;
  }

  async function read(url: string): Promise<{ etag: string; event: StoredCalendarEvent } | undefined> {
    const res = await (await connection()).request(url, { method: 'GET' });
    if (res.status === 404 || res.status === 410) return undefined;
    if (!res.ok) throw fail(new Error(`GET ${url} returned ${res.status} ${res.statusText}`));
    const event = readEventIcs(await res.text(), url);
    return event && { etag: res.headers.get('etag') ?? '', event };
  }

  async function put(url: string, ics: string, condition: Record<string, string>): Promise<Response> {
    const { client } = await connection();
    return client.createObject({
      url,
      data: ics,
      headers: { 'content-type': 'text/calendar; charset=utf-8', ...condition },
    });
  }

  /** Rewrites the event from what is stored now; undefined when there is nothing to change. */
  async function change(
    eventId: string,
    apply: (
      stored: StoredCalendarEvent,
    ) => { event: CalendarEvent; status: StoredCalendarEvent['status'] } | undefined,
  ): Promise<StoredCalendarEvent | undefined> {
    const url = await ownUrl(eventId);
    if (!url) return undefined;
    for (let attempt = 1; ; attempt++) {
      const current = await read(url);
      const next = current && apply(current.event);
      if (!current || !next) return undefined;
      const res = await put(
        url,
        eventIcs(next.event, next.status),
        current.etag ? { 'If-Match': current.etag } : {},
      );
      if (res.ok) return { ...next.event, eventId: url, status: next.status };
      if (res.status === 404) return undefined;
      if (res.status !== 412 || attempt >= ATTEMPTS) {
        throw fail(new Error(`PUT ${url} returned ${res.status} ${res.statusText}`));
      }
    }
  }

  return {
    name: options.name ?? 'caldav',

    async listBusy(range: TimeRange) {
      const { start, end } = parseTimeRange(range);
      const window: Interval = { start: Date.parse(start), end: Date.parse(end) };
      if (window.end <= window.start) return [];
      const { client } = await connection();
      const urls = settings.readCalendarUrls ?? (await calendars()).map((c) => c.url);
      const clock = zoneClock(settings.timeZone ?? 'UTC');
      const found: Interval[] = [];
      const query = (url: string) =>
        client
          .calendarQuery({
            url: withSlash(url),
            props: { 'd:getetag': {}, 'c:calendar-data': {} },
            filters: {
              'comp-filter': {
                _attributes: { name: 'VCALENDAR' },
                'comp-filter': {
                  _attributes: { name: 'VEVENT' },
                  'time-range': {
                    _attributes: {
                      start: davTime(window.start - QUERY_MARGIN),
                      end: davTime(window.end + QUERY_MARGIN),
                    },
                  },
                },
              },
            },
            depth: '1',
          })
          .catch((error: unknown) => {
            throw fail(error);
          });
      for (const responses of await Promise.all(urls.map(query))) {
        for (const r of responses) {
          const data = r.props?.calendarData;
          const ics = typeof data === 'string' ? data : data?._cdata;
          if (typeof ics !== 'string' || !ics) continue;
          // One object another app wrote badly does not hide the rest of the calendar.
          try {
            expandCalendar(parseCalendar(ics), window, clock, found);
          } catch {}
        }
      }
      const seen = new Set<string>();
      return found
        .sort((a, b) => a.start - b.start || a.end - b.end)
        .map((i) => ({ start: new Date(i.start).toISOString(), end: new Date(i.end).toISOString() }))
        .filter((i) => {
          const key = `${i.start}/${i.end}`;
          return !seen.has(key) && seen.add(key);
        });
    },

    async createEvent(input: CalendarEvent) {
      const event = parseCalendarEvent(input);
      const url = new URL(caldavObjectName(event.meetingId), await writeCalendar()).href;
      for (let attempt = 1; ; attempt++) {
        const res = await put(url, eventIcs(event, 'confirmed'), { 'If-None-Match': '*' });
        if (res.ok) return { ...event, eventId: url, status: 'confirmed' as const };
        if (res.status === 412) {
          const existing = await read(url);
          if (existing) return existing.event;
          if (attempt < ATTEMPTS) continue;
        }
        if (res.status === 409) {
          throw new CalendarConnectionError(
            `The calendar already holds this meeting under another name (${res.status}); remove that copy and try again.`,
          );
        }
        throw fail(new Error(`PUT ${url} returned ${res.status} ${res.statusText}`));
      }
    },

    async updateEvent(eventId: string, input: CalendarEvent) {
      const event = parseCalendarEvent(input);
      const updated = await change(eventId, (stored) =>
        stored.status === 'cancelled'
          ? undefined
          : // The meeting id stays the one the event was created for: it names the object and its UID.
            { event: { ...event, meetingId: stored.meetingId }, status: 'confirmed' },
      );
      if (!updated) throw new CalendarEventNotFoundError(eventId);
      return updated;
    },

    async deleteEvent(eventId: string) {
      await change(eventId, (stored) =>
        stored.status === 'cancelled'
          ? undefined
          : { event: { ...stored, sequence: stored.sequence + 1 }, status: 'cancelled' },
      );
    },

    async getEvent(eventId: string) {
      const url = await ownUrl(eventId);
      return url ? (await read(url))?.event : undefined;
    },

    async health() {
      const list = await calendars();
      const known = new Set(list.map((c) => c.url));
      for (const url of [settings.writeCalendarUrl, ...(settings.readCalendarUrls ?? [])]) {
        if (url && !known.has(withSlash(new URL(url, serverUrl).href))) {
          throw new CalendarConnectionError(
            `The calendar ${url} is no longer in the account ${username}; choose another.`,
          );
        }
      }
      await writeCalendar();
    },

    listCalendars: calendars,

    /** Each read calendar's sync-token (RFC 6578), else its ctag: one PROPFIND, no events. */
    async changeTags() {
      const { client } = await connection();
      const urls = settings.readCalendarUrls ?? (await calendars()).map((c) => c.url);
      const tags: Record<string, string> = {};
      for (const url of urls) {
        const [answer] = await client
          .propfind({
            url: withSlash(url),
            props: { 'd:sync-token': {}, 'cs:getctag': {} },
            depth: '0',
          })
          .catch((error: unknown) => {
            throw fail(error);
          });
        const tag = textOf(answer?.props?.syncToken) || textOf(answer?.props?.getctag);
        if (!answer?.ok || !tag)
          throw new CalendarConnectionError(`The calendar ${url} gave no sync-token or ctag.`);
        tags[url] = tag;
      }
      return tags;
    },
  };
}

/** iCloud: CalDAV at Apple's server, signed in with the Apple ID and an app-specific password. */
export const ICLOUD_CALDAV_URL = 'https://caldav.icloud.com';

export function createICloudCalendar(
  ownerId: string,
  credentials?: CalendarCredentials,
  settings?: CalendarSettings,
) {
  return createCalDavCalendar(ownerId, { ...credentials, serverUrl: ICLOUD_CALDAV_URL }, settings, {
    name: 'icloud',
  });
}

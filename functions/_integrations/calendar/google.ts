import { randomUUID } from 'node:crypto';
import type { calendar_v3 } from '@googleapis/calendar';
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
import { calendarApi, GoogleCalendarError, googleCaller, oauthClient, statusOf } from './google-client.js';
import { fromGoogleEvent, googleEventId, googleMeetUrl, toGoogleEvent } from './google-event.js';

/**
 * Google Calendar through the Calendar API v3, for one connection. Credentials:
 * `{ accessToken, refreshToken, expiresAt }` (ISO). Events go to `settings.writeCalendarUrl`
 * (a calendar id; `primary` when absent) with an id derived from the meeting id, so a retried
 * create finds the first event (409) instead of adding one. Busy time comes from freeBusy over
 * `settings.readCalendarUrls`, or by default the calendars the account owns: subscribed calendars
 * (holidays, birthdays, a colleague's calendar) would otherwise make the organizer look busy for
 * other people's time; the Calendars page can tick them in.
 *
 * Google sends no invitations (`sendUpdates: 'none'`): Momentum Meet sends its own, with the
 * .ics, to both parties.
 */

/** freeBusy answers for at most 50 calendars a call (calendarExpansionMax). */
const FREEBUSY_MAX_CALENDARS = 50;
const GONE = new Set([404, 410]);

export function createGoogleCalendar(
  _ownerId: string,
  credentials?: CalendarCredentials,
  settings: CalendarSettings = {},
): CalendarProvider {
  if (!credentials?.refreshToken) throw new Error('A Google Calendar connection needs its OAuth tokens.');
  const auth = oauthClient(credentials);
  const call = googleCaller(auth, settings.onCredentials);
  const api = calendarApi();
  const calendarId = settings.writeCalendarUrl ?? 'primary';
  const base = { auth, calendarId };

  async function calendarList(): Promise<calendar_v3.Schema$CalendarListEntry[]> {
    const entries: calendar_v3.Schema$CalendarListEntry[] = [];
    let pageToken: string | undefined;
    do {
      const page = await call(() => api.calendarList.list({ auth, maxResults: 250, pageToken }));
      entries.push(...(page.items ?? []));
      pageToken = page.nextPageToken ?? undefined;
    } while (pageToken);
    return entries;
  }

  async function readCalendars(): Promise<string[]> {
    if (settings.readCalendarUrls?.length) return settings.readCalendarUrls;
    const owned = (await calendarList()).filter((c) => c.accessRole === 'owner').map((c) => c.id!);
    return owned.length ? owned : ['primary'];
  }

  async function get(eventId: string): Promise<calendar_v3.Schema$Event | undefined> {
    try {
      return await call(() => api.events.get({ ...base, eventId }));
    } catch (err) {
      if (GONE.has(statusOf(err) ?? 0)) return undefined;
      throw err;
    }
  }

  return {
    name: 'google',

    async listBusy(range: TimeRange) {
      const { start, end } = parseTimeRange(range);
      if (start === end) return [];
      const ids = await readCalendars();
      const busy: TimeRange[] = [];
      for (let i = 0; i < ids.length; i += FREEBUSY_MAX_CALENDARS) {
        const items = ids.slice(i, i + FREEBUSY_MAX_CALENDARS).map((id) => ({ id }));
        const answer = await call(() =>
          api.freebusy.query({ auth, requestBody: { timeMin: start, timeMax: end, items } }),
        );
        for (const { id } of items) {
          const calendar = answer.calendars?.[id];
          // A calendar Google could not read is never reported as free.
          if (!calendar || calendar.errors?.length)
            throw new GoogleCalendarError(
              `Google Calendar could not read the calendar ${id} (${calendar?.errors?.[0]?.reason ?? 'no answer'}) — untick it or reconnect.`,
              undefined,
              calendar?.errors?.[0]?.reason ?? undefined,
            );
          for (const b of calendar.busy ?? []) {
            const interval = { start: new Date(b.start!).toISOString(), end: new Date(b.end!).toISOString() };
            if (interval.start < end && interval.end > start) busy.push(interval);
          }
        }
      }
      return busy.sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
    },

    async createEvent(input: CalendarEvent) {
      const event = parseCalendarEvent(input);
      const id = googleEventId(event.meetingId);
      const requestBody = { ...toGoogleEvent(event, { withMeet: event.conferenceRequest === 'meet' }), id };
      try {
        // conferenceDataVersion=1, or Google silently drops the Meet request.
        return fromGoogleEvent(
          await call(() =>
            api.events.insert({ ...base, conferenceDataVersion: 1, sendUpdates: 'none', requestBody }),
          ),
        );
      } catch (err) {
        if (statusOf(err) !== 409) throw err;
        const existing = await get(id);
        if (!existing) throw err;
        return fromGoogleEvent(existing);
      }
    },

    async updateEvent(eventId: string, input: CalendarEvent) {
      const event = parseCalendarEvent(input);
      const current = await get(eventId);
      if (!current || current.status === 'cancelled') throw new CalendarEventNotFoundError(eventId);
      const previous = fromGoogleEvent(current);
      const requestBody = toGoogleEvent(event, {
        withMeet: event.conferenceRequest === 'meet' && !googleMeetUrl(current),
        meetingId: previous.meetingId,
      });
      try {
        const updated = await call(() =>
          api.events.patch({ ...base, eventId, conferenceDataVersion: 1, sendUpdates: 'none', requestBody }),
        );
        return fromGoogleEvent(updated);
      } catch (err) {
        if (GONE.has(statusOf(err) ?? 0)) throw new CalendarEventNotFoundError(eventId);
        throw err;
      }
    },

    async deleteEvent(eventId: string) {
      try {
        await call(() => api.events.delete({ ...base, eventId, sendUpdates: 'none' }));
      } catch (err) {
        // 410: already deleted; 404: never there.
        if (!GONE.has(statusOf(err) ?? 0)) throw err;
      }
    },

    async getEvent(eventId: string) {
      const event = await get(eventId);
      return event && fromGoogleEvent(event);
    },

    async health() {
      await call(() => api.calendarList.list({ auth, maxResults: 1 }));
      if (!settings.writeCalendarUrl) return;
      const target = await call(() => api.calendarList.get({ auth, calendarId: settings.writeCalendarUrl! }));
      if (target.accessRole !== 'owner' && target.accessRole !== 'writer')
        throw new GoogleCalendarError(
          `The calendar chosen for new meetings (${target.summary ?? target.id}) cannot be written to — choose one you can edit.`,
          403,
          'requiredAccessLevel',
        );
    },

    /** events.watch on each calendar read for busy time: Google posts to `address` on any change. */
    async watch({ address, secret, expiresAt }: WatchRequest): Promise<WatchChannel[]> {
      const channels: WatchChannel[] = [];
      for (const calendar of await readCalendars()) {
        const channel = await call(() =>
          api.events.watch({
            auth,
            calendarId: calendar,
            requestBody: {
              id: randomUUID(),
              type: 'web_hook',
              address,
              token: secret,
              expiration: String(Date.parse(expiresAt)),
            },
          }),
        );
        channels.push({
          id: channel.id!,
          resourceId: channel.resourceId ?? undefined,
          calendar,
          expiresAt: new Date(Number(channel.expiration ?? Date.parse(expiresAt))).toISOString(),
        });
      }
      return channels;
    },

    async unwatch(channel: WatchChannel) {
      try {
        await call(() =>
          api.channels.stop({ auth, requestBody: { id: channel.id, resourceId: channel.resourceId } }),
        );
      } catch (err) {
        // Already stopped or expired.
        if (!GONE.has(statusOf(err) ?? 0)) throw err;
      }
    },

    async listCalendars() {
      return (await calendarList()).map((c) => ({
        url: c.id!,
        name: c.summaryOverride ?? c.summary ?? c.id!,
        canWrite: c.accessRole === 'owner' || c.accessRole === 'writer',
      }));
    },
  };
}

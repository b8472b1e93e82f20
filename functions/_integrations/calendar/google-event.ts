import { createHash } from 'node:crypto';
import type { calendar_v3 } from '@googleapis/calendar';
import { DateTime } from 'luxon';
import type { CalendarEvent, StoredCalendarEvent } from './calendar-provider.js';

/**
 * Our event ↔ Google's event resource. Google sets the organizer to the calendar's owner and may
 * raise `sequence` itself, so what we must read back exactly (meeting id, organizer, our sequence,
 * a video provider's join URL) also goes into private extended properties, which only this app
 * sees. A video provider's join URL is also the location when there is no place, so the organizer
 * sees the link in Google Calendar.
 */

const KEY = {
  meetingId: 'momentumMeetingId',
  organizerEmail: 'momentumOrganizerEmail',
  organizerName: 'momentumOrganizerName',
  joinUrl: 'momentumJoinUrl',
  sequence: 'momentumSequence',
} as const;

const sha256hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Google event ids allow base32hex (a–v, 0–9), 5–1024 long; hex digits are a subset, so a hash of
 * the meeting id is a valid id and the same meeting always gets the same event.
 */
export const googleEventId = (meetingId: string): string => `mm${sha256hex(meetingId)}`;

/** The same for the Meet request: a retried create asks for the same conference, not another. */
const meetRequestId = (meetingId: string) => `momentum-${sha256hex(meetingId).slice(0, 32)}`;

export function toGoogleEvent(
  event: CalendarEvent,
  options: { withMeet: boolean; meetingId?: string },
): calendar_v3.Schema$Event {
  const meetingId = options.meetingId ?? event.meetingId;
  const joinUrl = event.conference?.joinUrl ?? '';
  return {
    summary: event.title,
    description: event.description,
    location: event.location ?? (joinUrl || undefined),
    // UTC instants with the organizer's zone: Google shows the event there, and recurrence math
    // (none here) would follow its wall clock.
    start: { dateTime: event.start, timeZone: event.timeZone },
    end: { dateTime: event.end, timeZone: event.timeZone },
    attendees: event.attendees.map((a) => ({ email: a.email, ...(a.name ? { displayName: a.name } : {}) })),
    sequence: event.sequence,
    extendedProperties: {
      private: {
        [KEY.meetingId]: meetingId,
        [KEY.organizerEmail]: event.organizer.email,
        [KEY.organizerName]: event.organizer.name ?? '',
        [KEY.joinUrl]: joinUrl,
        [KEY.sequence]: String(event.sequence),
      },
    },
    ...(options.withMeet
      ? {
          conferenceData: {
            createRequest: {
              requestId: meetRequestId(meetingId),
              conferenceSolutionKey: { type: 'hangoutsMeet' },
            },
          },
        }
      : {}),
  };
}

/** The Meet (or other Google-made conference) link of an event, if it has one. */
export const googleMeetUrl = (event: calendar_v3.Schema$Event): string | undefined =>
  event.hangoutLink ??
  event.conferenceData?.entryPoints?.find((p) => p.entryPointType === 'video')?.uri ??
  undefined;

function instant(t: calendar_v3.Schema$EventDateTime | undefined, zone: string): string {
  if (t?.dateTime) return new Date(t.dateTime).toISOString();
  // An all-day event (not one of ours): midnight in its zone.
  return DateTime.fromISO(t?.date ?? '1970-01-01', { zone: t?.timeZone ?? zone })
    .toUTC()
    .toISO()!;
}

export function fromGoogleEvent(event: calendar_v3.Schema$Event): StoredCalendarEvent {
  const own = event.extendedProperties?.private ?? {};
  const timeZone = event.start?.timeZone ?? 'UTC';
  const joinUrl = googleMeetUrl(event) ?? (own[KEY.joinUrl] || undefined);
  const location = event.location && event.location !== own[KEY.joinUrl] ? event.location : undefined;
  const organizerName =
    own[KEY.organizerName] || (own[KEY.organizerEmail] ? undefined : event.organizer?.displayName);
  return {
    eventId: event.id!,
    meetingId: own[KEY.meetingId] ?? event.id!,
    status: event.status === 'cancelled' ? 'cancelled' : 'confirmed',
    title: event.summary ?? '',
    description: event.description ?? '',
    start: instant(event.start, timeZone),
    end: instant(event.end, timeZone),
    timeZone,
    ...(location ? { location } : {}),
    ...(joinUrl ? { conference: { joinUrl } } : {}),
    organizer: {
      email: own[KEY.organizerEmail] || event.organizer?.email || '',
      ...(organizerName ? { name: organizerName } : {}),
    },
    attendees: (event.attendees ?? [])
      .filter((a) => !a.resource && a.email)
      .map((a) => ({ email: a.email!, ...(a.displayName ? { name: a.displayName } : {}) })),
    sequence: Number(own[KEY.sequence] ?? event.sequence ?? 0),
  };
}

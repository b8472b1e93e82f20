import { createHash } from 'node:crypto';
import type { Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import type { CalendarEvent, CalendarPerson, StoredCalendarEvent } from './calendar-provider.js';

/**
 * Our event ↔ Graph's event resource. Graph sets the organizer to the mailbox owner, and a Graph
 * event with attendees makes Outlook send its own invitations (there is no sendUpdates=none), while
 * Momentum Meet sends its own, with the .ics, to both parties. So the attendees, the organizer as
 * we named them, our sequence, the zone and a video provider's join URL are kept in one private
 * single-value extended property; the meeting id in another, which a create looks events up by.
 */

/** Our property set (a fixed GUID), as Graph names single-value extended properties. */
const PROPERTY_SET = '{6b7c1f3e-2f0a-4d5e-9c1b-6d4f5a3e2b10}';
export const MEETING_ID_PROPERTY = `String ${PROPERTY_SET} Name momentumMeetingId`;
export const DETAILS_PROPERTY = `String ${PROPERTY_SET} Name momentumDetails`;
/** $expand for reads: extended properties only come back when asked for by id. */
export const EXPAND_OURS = `singleValueExtendedProperties($filter=id eq '${MEETING_ID_PROPERTY}' or id eq '${DETAILS_PROPERTY}')`;

interface Details {
  organizer: CalendarPerson;
  attendees: CalendarPerson[];
  sequence: number;
  timeZone: string;
  joinUrl?: string | undefined;
  /** The place as we named it: Outlook writes "Microsoft Teams Meeting" there for a Teams event. */
  location?: string | undefined;
}

const sha256hex = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Graph's transactionId ("to avoid redundant POST operations in case of client retries"): the same
 * meeting always sends the same one, GUID-shaped as in Graph's examples.
 */
export function graphTransactionId(meetingId: string): string {
  const h = sha256hex(`momentum-meeting:${meetingId}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Graph's dateTimeTimeZone: UTC wall time (see README: Outlook shows it in the mailbox's own zone). */
const graphTime = (instant: string) => ({ dateTime: instant.replace(/Z$/, ''), timeZone: 'UTC' });

export function toGraphEvent(
  event: CalendarEvent,
  options: { teams: boolean; meetingId?: string; create: boolean },
): GraphEvent {
  const meetingId = options.meetingId ?? event.meetingId;
  const joinUrl = event.conference?.joinUrl;
  const details: Details = {
    organizer: event.organizer,
    attendees: event.attendees,
    sequence: event.sequence,
    timeZone: event.timeZone,
    ...(joinUrl ? { joinUrl } : {}),
    ...(event.location ? { location: event.location } : {}),
  };
  return {
    subject: event.title,
    body: { contentType: 'text', content: event.description },
    start: graphTime(event.start),
    end: graphTime(event.end),
    location: { displayName: event.location ?? joinUrl ?? '' },
    showAs: 'busy',
    ...(options.teams ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } : {}),
    ...(options.create ? { transactionId: graphTransactionId(meetingId) } : {}),
    singleValueExtendedProperties: [
      { id: MEETING_ID_PROPERTY, value: meetingId },
      { id: DETAILS_PROPERTY, value: JSON.stringify(details) },
    ],
  };
}

/** A Graph dateTimeTimeZone read as UTC (every read asks for `Prefer: outlook.timezone="UTC"`). */
export function fromGraphTime(
  t: { dateTime?: string | null; timeZone?: string | null } | null | undefined,
): string {
  const text = t?.dateTime ?? '1970-01-01T00:00:00';
  const hasOffset = /(Z|[+-]\d\d:\d\d)$/.test(text);
  return new Date(hasOffset ? text : `${text}Z`).toISOString();
}

const property = (event: GraphEvent, id: string) =>
  event.singleValueExtendedProperties?.find((p) => p.id?.toLowerCase() === id.toLowerCase())?.value ??
  undefined;

export function fromGraphEvent(event: GraphEvent): StoredCalendarEvent {
  let details: Partial<Details> = {};
  try {
    details = JSON.parse(property(event, DETAILS_PROPERTY) ?? '{}') as Partial<Details>;
  } catch {
    // Not ours, or edited elsewhere: read what Graph has.
  }
  const joinUrl = event.onlineMeeting?.joinUrl ?? details.joinUrl;
  const place = event.location?.displayName;
  const location = 'timeZone' in details ? details.location : place && place !== joinUrl ? place : undefined;
  const organizer = details.organizer ?? {
    email: event.organizer?.emailAddress?.address ?? '',
    ...(event.organizer?.emailAddress?.name ? { name: event.organizer.emailAddress.name } : {}),
  };
  return {
    eventId: event.id!,
    meetingId: property(event, MEETING_ID_PROPERTY) ?? event.id!,
    status: event.isCancelled ? 'cancelled' : 'confirmed',
    title: event.subject ?? '',
    description: event.body?.content ?? '',
    start: fromGraphTime(event.start),
    end: fromGraphTime(event.end),
    timeZone: details.timeZone ?? 'UTC',
    ...(location ? { location } : {}),
    ...(joinUrl ? { conference: { joinUrl } } : {}),
    organizer,
    attendees:
      details.attendees ??
      (event.attendees ?? [])
        .filter((a) => a.type !== 'resource' && a.emailAddress?.address)
        .map((a) => ({
          email: a.emailAddress!.address!,
          ...(a.emailAddress?.name ? { name: a.emailAddress.name } : {}),
        })),
    sequence: details.sequence ?? 0,
  };
}

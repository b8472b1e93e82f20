import ICAL from 'ical.js';
import ical, {
  ICalAttendeeRole,
  type ICalAttendeeScheduleAgent,
  ICalAttendeeStatus,
  ICalEventStatus,
} from 'ical-generator';
import type { CalendarEvent, CalendarPerson, StoredCalendarEvent } from './calendar-provider.js';

/**
 * A meeting as the calendar object the CalDAV provider keeps (ical-generator writes it, ical.js
 * reads it back). Times are UTC, so no VTIMEZONE is needed; the organizer's zone and our meeting
 * id ride along in X- properties. The UID is the one the meeting's invitations carry, so the
 * organizer's copy and the attendees' copies are one event to every calendar app.
 *
 * Attendees are marked SCHEDULE-AGENT=CLIENT: servers that schedule by themselves (iCloud,
 * RFC 6638) would otherwise email each attendee a second invitation next to ours.
 */

const MEETING_ID = 'X-MOMENTUM-MEETING-ID';
const TIME_ZONE = 'X-MOMENTUM-TIME-ZONE';

export const meetingUid = (meetingId: string) => `${meetingId}@momentum-meet`;

/** The join line appended to the description, so apps that show no URL still offer the link. */
const joinLine = (joinUrl: string) => `\n\nJoin: ${joinUrl}`;

export function eventIcs(event: CalendarEvent, status: StoredCalendarEvent['status']): string {
  const calendar = ical({ prodId: { company: 'Momentum Meet', product: 'Calendar', language: 'EN' } });
  const joinUrl = event.conference?.joinUrl;
  calendar.createEvent({
    id: meetingUid(event.meetingId),
    sequence: event.sequence,
    start: new Date(event.start),
    end: new Date(event.end),
    summary: event.title,
    description: joinUrl ? event.description + joinLine(joinUrl) : event.description,
    location: event.location ?? joinUrl ?? null,
    url: joinUrl ?? null,
    status: status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    // ical-generator requires a CN for the organizer: the address stands in, read back as no name.
    organizer: { email: event.organizer.email, name: event.organizer.name || event.organizer.email },
    attendees: event.attendees.map((a) => ({
      email: a.email,
      ...(a.name && { name: a.name }),
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.NEEDSACTION,
      // The enum is exported as a type only.
      scheduleAgent: 'CLIENT' as ICalAttendeeScheduleAgent,
    })),
    x: [
      { key: MEETING_ID, value: event.meetingId },
      { key: TIME_ZONE, value: event.timeZone },
    ],
  });
  return calendar.toString();
}

function person(prop: ICAL.Property | null): CalendarPerson | undefined {
  const value = prop?.getFirstValue();
  if (typeof value !== 'string') return undefined;
  const email = value.replace(/^mailto:/i, '');
  const name = prop!.getParameter('cn');
  return typeof name === 'string' && name && name !== email ? { email, name } : { email };
}

const text = (event: ICAL.Component, name: string): string | undefined => {
  const value = event.getFirstPropertyValue(name);
  return value === null || value === undefined ? undefined : String(value);
};

/**
 * Reads a calendar object written by eventIcs (or edited since by another app) back into the
 * event it stands for; undefined when it holds no event with a start and end.
 */
export function readEventIcs(ics: string, eventId: string): StoredCalendarEvent | undefined {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  } catch {
    return undefined;
  }
  // The master event: an object may also hold moved occurrences (RECURRENCE-ID).
  const event = root.getAllSubcomponents('vevent').find((e) => !e.hasProperty('recurrence-id'));
  const start = event?.getFirstPropertyValue('dtstart');
  const end = event?.getFirstPropertyValue('dtend');
  if (!event || !(start instanceof ICAL.Time) || !(end instanceof ICAL.Time)) return undefined;
  const uid = text(event, 'uid') ?? '';
  const url = text(event, 'url');
  const conference = url && /^https?:\/\//i.test(url) ? { joinUrl: url } : undefined;
  let description = text(event, 'description') ?? '';
  if (conference && description.endsWith(joinLine(conference.joinUrl))) {
    description = description.slice(0, -joinLine(conference.joinUrl).length);
  }
  const location = text(event, 'location');
  return {
    eventId,
    meetingId: text(event, MEETING_ID.toLowerCase()) ?? uid.replace(/@momentum-meet$/, ''),
    title: text(event, 'summary') ?? '',
    description,
    start: start.toJSDate().toISOString(),
    end: end.toJSDate().toISOString(),
    timeZone: text(event, TIME_ZONE.toLowerCase()) ?? 'UTC',
    // The join URL written as LOCATION for apps that show only that is not a place.
    ...(location && location !== conference?.joinUrl && { location }),
    ...(conference && { conference }),
    organizer: person(event.getFirstProperty('organizer')) ?? { email: '' },
    attendees: event
      .getAllProperties('attendee')
      .map((p) => person(p))
      .filter((p): p is CalendarPerson => p !== undefined),
    sequence: Number(event.getFirstPropertyValue('sequence') ?? 0) || 0,
    status: (text(event, 'status') ?? '').toUpperCase() === 'CANCELLED' ? 'cancelled' : 'confirmed',
  };
}

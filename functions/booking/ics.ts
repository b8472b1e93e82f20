import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import type { MeetingDoc } from './model.js';

/**
 * The meeting as an iCalendar invitation (ical-generator): one stable UID per meeting, SEQUENCE
 * raised on every change, times in UTC (no TZID, so no VTIMEZONE is needed and every client —
 * Outlook, Gmail, Apple Calendar — shows them in its own zone). REQUEST for a new or moved
 * meeting, CANCEL for a cancelled one, PUBLISH for the "add to calendar" download.
 */
export function meetingIcs(
  meeting: MeetingDoc,
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH',
  links: { manageUrl?: string | undefined } = {},
): string {
  const calendar = ical({ prodId: { company: 'Momentum Meet', product: 'Booking', language: 'EN' } });
  calendar.method(ICalCalendarMethod[method]);
  const cancelled = method === 'CANCEL' || meeting.status === 'cancelled';
  const description = [
    meeting.joinUrl && `Join: ${meeting.joinUrl}`,
    meeting.note && `Note: ${meeting.note}`,
    links.manageUrl && `Reschedule or cancel: ${links.manageUrl}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  calendar.createEvent({
    id: `${meeting.id}@momentum-meet`,
    sequence: meeting.sequence,
    stamp: new Date(meeting.updatedAt),
    start: new Date(meeting.start),
    end: new Date(meeting.end),
    summary: meeting.title,
    description,
    location: meeting.joinUrl ?? (meeting.meetingType.location === 'phone' ? 'Phone call' : null),
    url: meeting.joinUrl ?? null,
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: meeting.organizer.name, email: meeting.organizer.email },
    attendees: [
      {
        name: meeting.contact.name,
        email: meeting.contact.email,
        role: ICalAttendeeRole.REQ,
        status: cancelled ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
        rsvp: false,
      },
    ],
  });
  return calendar.toString();
}

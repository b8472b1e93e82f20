import type { MeetingLocation, MeetingTypeVideo } from '../availability/schema.js';
import type { MeetingDto, MeetingSource, MeetingStatus } from './schema.js';

/** The organizer as their meetings show them: their sender's name and address. */
export interface Host {
  name: string;
  email: string;
}

export interface MeetingEvent {
  type: 'booked' | 'confirmed' | 'rescheduled' | 'cancelled' | 'no-show';
  at: string;
  by: 'contact' | 'organizer';
  /** The time it moved from, for a reschedule. */
  from?: string;
}

/** A booked meeting, in the `meetings` container (partition /ownerId). */
export interface MeetingDoc {
  id: string;
  ownerId: string;
  title: string;
  start: string;
  end: string;
  status: MeetingStatus;
  source: MeetingSource;
  contactId: string;
  contact: { name: string; email: string };
  meetingType: {
    id: string;
    name: string;
    location: MeetingLocation;
    /** Its video choice when booked (absent on meetings booked before types had one). */
    video?: MeetingTypeVideo | undefined;
    durationMinutes: number;
  };
  organizer: Host;
  organizerZone: string;
  contactZone: string;
  joinUrl: string | null;
  videoProvider: string | null;
  /** The provider's own id of the room (Zoom's meeting number), to delete it directly. */
  videoMeetingId?: string | null;
  /** The calendar event it was written as: in a connected calendar, or Momentum Meet's own (null). */
  calendar: { provider: string; eventId: string; connectionId: string | null };
  /** The ledger claim holding its time (booking/ledger.ts) and the days it is written to; a reschedule makes a new one. */
  claimId: string;
  claimDays: string[];
  /** iCalendar SEQUENCE of its invitations: raised on each reschedule and on cancel. */
  sequence: number;
  note: string;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  cancelReason: string;
  events: MeetingEvent[];
  _etag?: string;
}

export function toMeetingDto(doc: MeetingDoc): MeetingDto {
  return {
    id: doc.id,
    title: doc.title,
    start: doc.start,
    end: doc.end,
    status: doc.status,
    source: doc.source,
    contactId: doc.contactId,
    contact: doc.contact,
    meetingType: { id: doc.meetingType.id, name: doc.meetingType.name, location: doc.meetingType.location },
    organizerZone: doc.organizerZone,
    contactZone: doc.contactZone,
    joinUrl: doc.joinUrl,
    note: doc.note,
    createdAt: doc.createdAt,
    cancelledAt: doc.cancelledAt,
    cancelReason: doc.cancelReason,
  };
}

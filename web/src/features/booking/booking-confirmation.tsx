import { useEffect, useRef } from 'react';
import type { PublicMeetingDto } from '../../../../functions/booking/schema';
import { AddToCalendar, MeetingDetails } from './meeting-details';

/** After Confirm: the meeting in the visitor's zone, calendar links, and the way to change it later. */
export function BookingConfirmation({ meeting, zone }: { meeting: PublicMeetingDto; zone: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  if (meeting.status === 'requested') {
    return (
      <section className="panel booking-confirmation" aria-labelledby="booked-title">
        <h2 id="booked-title" ref={heading} tabIndex={-1}>
          Request sent to {meeting.organizer.name}
        </h2>
        <MeetingDetails meeting={meeting} zone={zone} />
        <p>
          The time is held for you. {meeting.organizer.name} will confirm it shortly, and the invitation comes
          by email then.
        </p>
        <p>
          Changed your mind? <a href={meeting.manageUrl}>Open this request</a> (keep this link).
        </p>
      </section>
    );
  }
  return (
    <section className="panel booking-confirmation" aria-labelledby="booked-title">
      <h2 id="booked-title" ref={heading} tabIndex={-1}>
        You’re booked with {meeting.organizer.name}
      </h2>
      <MeetingDetails meeting={meeting} zone={zone} />
      <AddToCalendar meeting={meeting} />
      <p>
        Need to change it? <a href={meeting.manageUrl}>Reschedule or cancel this meeting</a> (keep this link:
        it is your way back to this meeting).
      </p>
    </section>
  );
}

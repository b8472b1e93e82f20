import { useEffect, useRef } from 'react';
import type { PublicMeetingDto } from '../../../../functions/booking/schema';
import { AddToCalendar, MeetingDetails } from './meeting-details';

/** After Confirm: the meeting in the visitor's zone, calendar links, and the way to change it later. */
export function BookingConfirmation({ meeting, zone }: { meeting: PublicMeetingDto; zone: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
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

import type { PublicMeetingDto } from '../../../../functions/booking/schema';
import { formatLongDayIn, formatRangeIn, zoneCity, zoneLabel } from '../../lib/time-zone';
import { LOCATION_LABELS, minutes } from './labels';

/** "Tuesday, March 10, 2026 · 3:00 – 3:30 PM" in `zone`. */
export const whenIn = (meeting: { start: string; end: string }, zone: string): string =>
  `${formatLongDayIn(meeting.start, zone)} · ${formatRangeIn(meeting.start, meeting.end, zone)}`;

/** When (in the visitor's zone, and the organizer's beside it), how long, where, and the join link. */
export function MeetingDetails({ meeting, zone }: { meeting: PublicMeetingDto; zone: string }) {
  const otherZone = meeting.organizerZone !== zone;
  return (
    <dl className="details meeting-details">
      <div className="detail">
        <dt>When</dt>
        <dd>
          <span className="block" data-testid="meeting-when">
            {whenIn(meeting, zone)} <span className="muted">({zoneLabel(zone)})</span>
          </span>
          {otherZone && (
            <span className="block muted" data-testid="meeting-when-organizer">
              {whenIn(meeting, meeting.organizerZone)} for {meeting.organizer.name} (
              {zoneCity(meeting.organizerZone)})
            </span>
          )}
        </dd>
      </div>
      <div className="detail">
        <dt>With</dt>
        <dd>{meeting.organizer.name}</dd>
      </div>
      <div className="detail">
        <dt>Length</dt>
        <dd>{minutes(meeting.durationMinutes)}</dd>
      </div>
      <div className="detail">
        <dt>Where</dt>
        <dd>
          {meeting.joinUrl ? (
            <a href={meeting.joinUrl} target="_blank" rel="noreferrer noopener" className="break">
              Join the {LOCATION_LABELS[meeting.location].toLowerCase()}
            </a>
          ) : (
            LOCATION_LABELS[meeting.location]
          )}
        </dd>
      </div>
    </dl>
  );
}

/** The invitation as a file, and links that open Google or Outlook with the event filled in. */
export function AddToCalendar({ meeting }: { meeting: PublicMeetingDto }) {
  return (
    <section className="add-to-calendar" aria-labelledby="add-to-calendar">
      <h2 id="add-to-calendar" className="subheading">
        Add to calendar
      </h2>
      <ul className="calendar-links">
        <li>
          <a className="button" href={meeting.icsUrl} download>
            Download invitation (.ics)
          </a>
        </li>
        <li>
          <a className="button" href={meeting.googleUrl} target="_blank" rel="noreferrer noopener">
            Google Calendar
          </a>
        </li>
        <li>
          <a className="button" href={meeting.outlookUrl} target="_blank" rel="noreferrer noopener">
            Outlook
          </a>
        </li>
      </ul>
    </section>
  );
}

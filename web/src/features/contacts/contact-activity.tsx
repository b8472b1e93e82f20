import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ErrorAlert } from '../../lib/error-alert';
import { browserZone, formatWhenIn } from '../../lib/time-zone';
import { MEETING_STATUS_LABELS } from '../booking/labels';
import { contactMeetingsQuery } from '../meetings/queries';

/**
 * What happened with a contact: their meetings (booked, moved, cancelled) so far; emails and chats
 * join them as those features record them, under the same test id.
 */
export function ContactActivity({ contactId, name }: { contactId: string; name: string }) {
  const meetings = useQuery(contactMeetingsQuery(contactId));
  const zone = browserZone();
  const items = meetings.data?.items ?? [];
  return (
    <section className="panel" aria-labelledby="activity-title" data-testid="contact-activity">
      <h2 id="activity-title">Activity</h2>
      {meetings.error && <ErrorAlert error={meetings.error} />}
      {items.length > 0 ? (
        <ul className="activity-list" aria-label={`Meetings with ${name}`}>
          {items.map((m) => (
            <li key={m.id} className="activity-item">
              <span className="block">
                {m.meetingType.name} · {formatWhenIn(m.start, zone)}
              </span>
              <span className={`status status-meeting-${m.status}`}>{MEETING_STATUS_LABELS[m.status]}</span>{' '}
              <span className="muted small-print">
                {m.source === 'organizer' ? 'booked by you' : 'booked from their link'}
              </span>
            </li>
          ))}
          <li className="activity-item">
            <Link to="/meetings">All meetings</Link>
          </li>
        </ul>
      ) : (
        !meetings.isPending && (
          <p className="empty-state small">Emails, meetings and chats with {name} will appear here.</p>
        )
      )}
    </section>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import type { MeetingDto } from '../../../../functions/booking/schema';
import type { MeetingWhen } from '../../lib/api';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatTimeIn, formatWhenIn, zoneCity } from '../../lib/time-zone';
import { useToast } from '../../lib/toast';
import { TokenPager, useTokenPages } from '../../lib/token-pager';
import { LOCATION_LABELS, MEETING_STATUS_LABELS } from '../booking/labels';
import { CancelMeetingDialog, RescheduleMeetingDialog } from './meeting-dialogs';
import { meetingKeys, meetingsQuery } from './queries';

export interface MeetingsSearch {
  when?: 'past' | undefined;
}

export const validateMeetingsSearch = (raw: Record<string, unknown>): MeetingsSearch =>
  raw.when === 'past' ? { when: 'past' } : {};

/** /meetings: what is booked with whom, coming up or past, and the ways to change each. */
export function MeetingsPage() {
  const search: MeetingsSearch = useSearch({ strict: false });
  const when: MeetingWhen = search.when === 'past' ? 'past' : 'upcoming';
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Meetings</h1>
          <p className="muted">Times are in your zone, with each contact’s local time beside them.</p>
        </div>
        <div className="title-actions">
          <Link to="/notifications" className="button">
            Notifications
          </Link>
          <Link to="/calendars" className="button">
            Calendars
          </Link>
        </div>
      </div>
      {/* The router marks the current tab (aria-current); Upcoming is active only without ?when. */}
      <nav className="tabs" aria-label="Which meetings">
        <Link
          to="/meetings"
          className="tab"
          search={{ when: undefined }}
          activeOptions={{ exact: true, explicitUndefined: true }}
        >
          Upcoming
        </Link>
        <Link to="/meetings" className="tab" search={{ when: 'past' }} activeOptions={{ exact: true }}>
          Past
        </Link>
      </nav>
      {/* A new tab starts at its first page. */}
      <MeetingList key={when} when={when} />
    </>
  );
}

type Action = { kind: 'cancel' | 'reschedule'; meeting: MeetingDto };

function MeetingList({ when }: { when: MeetingWhen }) {
  const pages = useTokenPages();
  const query = useQuery(meetingsQuery(when, pages.token));
  const [action, setAction] = useState<Action | null>(null);
  const items = query.data?.items ?? [];
  return (
    <>
      {query.error && <ErrorAlert error={query.error} />}
      {query.isPending && <p aria-live="polite">Loading meetings…</p>}
      {query.data && items.length === 0 && pages.page === 1 && <EmptyMeetings when={when} />}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table meetings-table">
            <caption className="visually-hidden">
              {when === 'past' ? 'Past meetings' : 'Upcoming meetings'}
            </caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Contact</th>
                <th scope="col">Meeting type</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((meeting) => (
                <MeetingRow key={meeting.id} meeting={meeting} when={when} onAction={setAction} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TokenPager
        pages={pages}
        next={query.data?.continuation ?? null}
        waiting={query.isPlaceholderData}
        label="Pages"
      />
      {action?.kind === 'cancel' && (
        <CancelMeetingDialog meeting={action.meeting} onClose={() => setAction(null)} />
      )}
      {action?.kind === 'reschedule' && (
        <RescheduleMeetingDialog meeting={action.meeting} onClose={() => setAction(null)} />
      )}
    </>
  );
}

function MeetingRow({
  meeting,
  when,
  onAction,
}: {
  meeting: MeetingDto;
  when: MeetingWhen;
  onAction: (action: Action) => void;
}) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const noShow = useMutation({
    mutationFn: () => api.meetings.noShow(meeting.id),
    onSuccess: async () => {
      toast({ message: `${meeting.contact.name} marked as a no-show.` });
      await queryClient.invalidateQueries({ queryKey: meetingKeys.all });
    },
  });
  const confirm = useMutation({
    mutationFn: () => api.meetings.confirm(meeting.id),
    onSuccess: async () => {
      toast({ message: `Confirmed: ${meeting.contact.name} gets the invitation now.` });
      await queryClient.invalidateQueries({ queryKey: meetingKeys.all });
    },
  });
  const booked = meeting.status === 'booked';
  const requested = meeting.status === 'requested';
  const otherZone = meeting.contactZone !== meeting.organizerZone;
  return (
    <tr>
      <td data-label="When">
        <span className="block nowrap">{formatWhenIn(meeting.start, meeting.organizerZone)}</span>
        {otherZone && (
          <span className="block muted small-print">
            {formatTimeIn(meeting.start, meeting.contactZone)} for them ({zoneCity(meeting.contactZone)})
          </span>
        )}
      </td>
      <th scope="row" data-label="Contact">
        <Link to="/contacts/$contactId" params={{ contactId: meeting.contactId }}>
          {meeting.contact.name}
        </Link>
      </th>
      <td data-label="Meeting type">
        {meeting.meetingType.name}
        <span className="block muted small-print">{LOCATION_LABELS[meeting.meetingType.location]}</span>
      </td>
      <td data-label="Status">
        <span className={`status status-meeting-${meeting.status}`}>
          {MEETING_STATUS_LABELS[meeting.status]}
        </span>
        {meeting.status === 'cancelled' && meeting.cancelReason && (
          <span className="block muted small-print">“{meeting.cancelReason}”</span>
        )}
      </td>
      <td className="row-actions">
        <div className="action-group">
          {requested && when === 'upcoming' && (
            <>
              <button
                type="button"
                className="button small primary"
                onClick={() => confirm.mutate()}
                disabled={confirm.isPending}
                aria-label={`Confirm the meeting with ${meeting.contact.name}`}
              >
                {confirm.isPending ? 'Confirming…' : 'Confirm'}
              </button>
              <button
                type="button"
                className="button small danger"
                onClick={() => onAction({ kind: 'cancel', meeting })}
                aria-label={`Decline the meeting with ${meeting.contact.name}`}
              >
                Decline
              </button>
            </>
          )}
          {booked && meeting.joinUrl && when === 'upcoming' && (
            <a className="button small" href={meeting.joinUrl} target="_blank" rel="noreferrer noopener">
              Join
            </a>
          )}
          {booked && when === 'upcoming' && (
            <>
              <button
                type="button"
                className="button small"
                onClick={() => onAction({ kind: 'reschedule', meeting })}
                aria-label={`Reschedule the meeting with ${meeting.contact.name}`}
              >
                Reschedule
              </button>
              <button
                type="button"
                className="button small danger"
                onClick={() => onAction({ kind: 'cancel', meeting })}
                aria-label={`Cancel the meeting with ${meeting.contact.name}`}
              >
                Cancel
              </button>
            </>
          )}
          {booked && when === 'past' && (
            <button
              type="button"
              className="button small"
              onClick={() => noShow.mutate()}
              disabled={noShow.isPending}
              aria-label={`Mark ${meeting.contact.name} as a no-show`}
            >
              Mark no-show
            </button>
          )}
        </div>
        {noShow.error && <ErrorAlert error={noShow.error} />}
        {confirm.error && <ErrorAlert error={confirm.error} />}
      </td>
    </tr>
  );
}

function EmptyMeetings({ when }: { when: MeetingWhen }) {
  if (when === 'past') return <p className="empty-state">No past meetings yet.</p>;
  return (
    <div className="empty-state">
      <p>
        <strong>No upcoming meetings.</strong>
      </p>
      <p>
        Meetings arrive when a contact picks a time from your booking link. Open a contact and choose{' '}
        <strong>Copy booking link</strong> to send it, or <strong>Book a meeting</strong> to book one for
        them. The hours people can book are set on Availability.
      </p>
      <div className="actions centered">
        <Link to="/contacts" className="button primary">
          Go to contacts
        </Link>
        <Link to="/availability" className="button">
          Availability
        </Link>
      </div>
    </div>
  );
}

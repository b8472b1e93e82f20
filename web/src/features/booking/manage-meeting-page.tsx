import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import type { PublicMeetingDto } from '../../../../functions/booking/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { browserZone } from '../../lib/time-zone';
import { SIGNED_LINK_META } from '../auth/use-redirect-on-unauthorized';
import { MEETING_STATUS_LABELS } from './labels';
import { LinkProblem } from './link-problem';
import { AddToCalendar, MeetingDetails, whenIn } from './meeting-details';
import { publicKeys, publicMeetingQuery } from './queries';
import { RescheduleMeeting } from './reschedule-meeting';

/** /meeting/{token}: the attendee's meeting, from the link in their email: see it, reschedule, cancel. */
export function ManageMeetingPage({ token }: { token: string }) {
  const query = useQuery(publicMeetingQuery(token));
  if (query.isPending) return <p aria-live="polite">Loading your meeting…</p>;
  if (!query.data)
    return <LinkProblem error={query.error} what="meeting link" onRetry={() => void query.refetch()} />;
  return <ManageMeeting token={token} meeting={query.data} />;
}

type Mode = 'view' | 'cancel' | 'reschedule';

function ManageMeeting({ token, meeting }: { token: string; meeting: PublicMeetingDto }) {
  const queryClient = useQueryClient();
  const [zone, setZone] = useState(browserZone);
  const [mode, setMode] = useState<Mode>('view');
  const [done, setDone] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // After a change the page re-reads from the top: focus its heading and the message under it.
  // The cached meeting may update a render after `done` (a new heading), so both make the key.
  const focusKey = done ? `${done}|${meeting.status}|${meeting.start}` : null;
  useEffect(() => {
    if (focusKey) heading.current?.focus();
  }, [focusKey]);
  const changed = (next: PublicMeetingDto, message: string) => {
    queryClient.setQueryData(publicKeys.meeting(token), next);
    void queryClient.invalidateQueries({ queryKey: publicKeys.meeting(token) });
    setMode('view');
    setDone(message);
  };

  if (meeting.status === 'cancelled')
    return (
      <section className="link-problem">
        <h1 ref={heading} tabIndex={-1}>
          This meeting was cancelled
        </h1>
        {done && <p role="status">{done}</p>}
        <p>
          {meeting.title} with {meeting.organizer.name} will not take place. To meet another time, contact{' '}
          {meeting.organizer.name}.
        </p>
      </section>
    );

  const over = new Date(meeting.end).getTime() < Date.now();
  return (
    <>
      <header className="booking-intro">
        <p className="muted">Your meeting with {meeting.organizer.name}</p>
        <h1 ref={heading} tabIndex={-1}>
          {meeting.title}
        </h1>
        <p>
          <span className={`status status-meeting-${meeting.status}`}>
            {MEETING_STATUS_LABELS[meeting.status]}
          </span>
        </p>
      </header>
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      <section className="panel">
        <MeetingDetails meeting={meeting} zone={zone} />
        {mode === 'view' && meeting.status === 'booked' && !over && (
          <div className="actions">
            <button type="button" className="button" onClick={() => setMode('reschedule')}>
              Reschedule
            </button>
            <button type="button" className="button danger" onClick={() => setMode('cancel')}>
              Cancel meeting
            </button>
          </div>
        )}
        {mode === 'view' && meeting.status === 'requested' && !over && (
          <>
            <p>
              {meeting.organizer.name} will confirm this time shortly; the invitation comes by email then.
            </p>
            <div className="actions">
              <button type="button" className="button danger" onClick={() => setMode('cancel')}>
                Withdraw request
              </button>
            </div>
          </>
        )}
        {over && <p className="muted">This meeting has already taken place.</p>}
      </section>
      {mode === 'cancel' && (
        <CancelMeeting
          token={token}
          organizer={meeting.organizer.name}
          onKeep={() => setMode('view')}
          onCancelled={(next) => changed(next, 'Your meeting is cancelled.')}
        />
      )}
      {mode === 'reschedule' && (
        <RescheduleMeeting
          token={token}
          meeting={meeting}
          zone={zone}
          onZoneChange={setZone}
          onClose={() => setMode('view')}
          onMoved={(next) => changed(next, `Moved to ${whenIn(next, zone)}.`)}
        />
      )}
      {mode === 'view' && meeting.status === 'booked' && !over && <AddToCalendar meeting={meeting} />}
    </>
  );
}

/** The confirm step before cancelling, with an optional reason for the organizer. */
function CancelMeeting({
  token,
  organizer,
  onKeep,
  onCancelled,
}: {
  token: string;
  organizer: string;
  onKeep: () => void;
  onCancelled: (meeting: PublicMeetingDto) => void;
}) {
  const id = useId();
  const [reason, setReason] = useState('');
  const cancel = useMutation({
    mutationFn: () => api.publicBooking.cancel(token, reason),
    meta: SIGNED_LINK_META,
    onSuccess: onCancelled,
  });
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Cancel this meeting?</h2>
      {cancel.error && <ErrorAlert error={cancel.error} />}
      <div className="field">
        <label htmlFor={`${id}-reason`}>
          Reason for {organizer} <span className="muted">(optional)</span>
        </label>
        <textarea
          id={`${id}-reason`}
          className="full-width"
          rows={3}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          // biome-ignore lint/a11y/noAutofocus: the person just chose to cancel; the reason is next
          autoFocus
        />
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onKeep}>
          Keep the meeting
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => cancel.mutate()}
          disabled={cancel.isPending}
        >
          {cancel.isPending ? 'Cancelling…' : 'Cancel meeting'}
        </button>
      </div>
    </section>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { useToast } from '../../lib/toast';
import { BookMeetingDialog } from './book-meeting-dialog';

/** On a contact's page: send them a booking link (copied for pasting into an email), or book for them. */
export function ContactBookingActions({ contactId, name }: { contactId: string; name: string }) {
  const toast = useToast();
  const id = useId();
  const [booking, setBooking] = useState(false);
  // When the browser refuses the clipboard, the link is shown to copy by hand.
  const [manualUrl, setManualUrl] = useState<string | null>(null);
  const copy = useMutation({
    mutationFn: () => api.meetings.bookingLink(contactId),
    onSuccess: async ({ url }) => {
      try {
        await navigator.clipboard.writeText(url);
        setManualUrl(null);
        toast({ message: 'Booking link copied' });
      } catch {
        setManualUrl(url);
      }
    },
  });
  return (
    <>
      <button type="button" className="button" onClick={() => copy.mutate()} disabled={copy.isPending}>
        {copy.isPending ? 'Making link…' : 'Copy booking link'}
      </button>
      <button type="button" className="button primary" onClick={() => setBooking(true)}>
        Book a meeting
      </button>
      {copy.error && (
        <div className="wide-action">
          <ErrorAlert error={copy.error} />
        </div>
      )}
      {manualUrl && (
        <div className="field wide-action">
          <label htmlFor={`${id}-link`}>Booking link for {name} (copy it from here)</label>
          <input
            id={`${id}-link`}
            className="full-width"
            readOnly
            value={manualUrl}
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
      {booking && <BookMeetingDialog contactId={contactId} name={name} onClose={() => setBooking(false)} />}
    </>
  );
}

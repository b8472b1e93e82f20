import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { SenderDto } from '../../../../functions/campaigns/schema';
import { ApiError } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { sendersQuery } from './queries';
import { SenderDialog } from './sender-dialog';

/**
 * Why Start was refused, and the way to fix it: a missing postal address opens the sender's form
 * on that field; after saving, `onFixed` lets the page offer Start again.
 */
export function StartError({
  error,
  senderId,
  onFixed,
}: {
  error: unknown;
  senderId: string;
  onFixed: (sender: SenderDto) => void;
}) {
  const [editing, setEditing] = useState(false);
  const senders = useQuery(sendersQuery());
  const sender = senders.data?.items.find((s) => s.id === senderId);
  const needsAddress =
    error instanceof ApiError && error.details.some((d) => d.path?.startsWith('sender.postalAddress'));
  if (!needsAddress) return <ErrorAlert error={error} />;
  return (
    <div role="alert" className="alert">
      <p>
        <strong>
          Not started: the sender {sender ? `${sender.name} <${sender.email}>` : ''} has no postal address.
        </strong>
      </p>
      <p>
        Every outreach email carries your postal address in its footer (anti-spam law requires it). Add it,
        then press Start again.
      </p>
      {sender && (
        <p>
          <button type="button" className="button primary" onClick={() => setEditing(true)}>
            Add postal address
          </button>
        </p>
      )}
      {editing && sender && (
        <SenderDialog
          sender={sender}
          focus="postalAddress"
          onClose={() => setEditing(false)}
          onSaved={onFixed}
        />
      )}
    </div>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ContactDto } from '../../../../functions/contacts/schema';
import type { ErasureReceiptDto } from '../../../../functions/privacy/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { Modal } from '../../lib/modal';
import { contactKeys } from '../contacts/queries';
import { placeLabel } from './labels';
import { confirmError, TypedConfirmation } from './typed-confirmation';

/**
 * Erasing for good: the user types the contact's email (or full name) to confirm, then sees the
 * receipt — what was removed where. Unlike Delete, there is no trash and no undo.
 */
export function EraseDialog({
  contact,
  name,
  onClose,
  onErased,
}: {
  contact: ContactDto;
  name: string;
  onClose: () => void;
  onErased: () => void;
}) {
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const expected = contact.email ?? name;
  const matches = typed.trim().toLowerCase() === expected.toLowerCase();
  const erase = useMutation({
    mutationFn: () => api.privacy.erase(contact.id, typed.trim()),
    // Lists must not show them from the cache on the way out (the page itself leaves on Done).
    onSuccess: () => queryClient.removeQueries({ queryKey: contactKeys.lists() }),
  });
  if (erase.data) return <Receipt name={name} receipt={erase.data} onClose={onErased} />;
  const fieldError = confirmError(erase.error);
  return (
    <Modal
      title={`Erase ${name}?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button danger"
            disabled={!matches || erase.isPending}
            onClick={() => erase.mutate()}
          >
            {erase.isPending ? 'Erasing…' : `Erase ${name}`}
          </button>
        </>
      }
    >
      <p>
        This removes {name} from everywhere Momentum Meet keeps them: the contact, their emails, meetings,
        chats, consent, notifications, pipeline history, imported files and reports. It cannot be undone.
      </p>
      <p>
        Their address is kept only as a one-way code, so they are never emailed again and a later import does
        not bring them back unless you say so.
      </p>
      <TypedConfirmation
        expected={expected}
        typed={typed}
        onType={setTyped}
        matches={matches}
        onConfirm={() => erase.mutate()}
        error={fieldError}
      />
      {erase.error && !fieldError && <ErrorAlert error={erase.error} />}
    </Modal>
  );
}

function Receipt({
  name,
  receipt,
  onClose,
}: {
  name: string;
  receipt: ErasureReceiptDto;
  onClose: () => void;
}) {
  const places = receipt.removed.filter((r) => r.count > 0);
  return (
    <Modal
      title={`${name} was erased`}
      onClose={onClose}
      footer={
        <button type="button" className="button primary" onClick={onClose} data-autofocus>
          Done
        </button>
      }
    >
      <p role="status">Erased {formatDateTime(receipt.erasedAt)}. What was removed:</p>
      <ul className="erase-receipt" aria-label="Removed">
        {places.map((r) => (
          <li key={r.container}>
            {placeLabel(r.container)}: {r.deleted > 0 && `${r.deleted} deleted`}
            {r.deleted > 0 && r.anonymised > 0 && ', '}
            {r.anonymised > 0 && `${r.anonymised} with their details blanked`}
          </li>
        ))}
        {receipt.meetingsCancelled > 0 && (
          <li>
            {receipt.meetingsCancelled === 1
              ? '1 upcoming meeting cancelled on your calendar (they were not emailed)'
              : `${receipt.meetingsCancelled} upcoming meetings cancelled on your calendar (they were not emailed)`}
          </li>
        )}
        {receipt.blobs.map((b) => (
          <li key={`${b.container}/${b.name}`}>
            File {b.name.split('/').pop()}: {b.action === 'deleted' ? 'deleted' : 'their rows removed'}
          </li>
        ))}
        {places.length === 0 && receipt.blobs.length === 0 && <li>Nothing was left to remove.</li>}
      </ul>
      <p className="muted small-print">Keep this for your records: it is also in the Audit log.</p>
    </Modal>
  );
}

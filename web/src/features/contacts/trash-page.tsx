import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { TrashedContactDto } from '../../../../functions/contacts/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { useToast } from '../../lib/toast';
import { displayName } from './labels';
import { contactKeys, trashQuery } from './queries';

const formatDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const DAY_MS = 86_400_000;

function purgeText(purgeAt: string): string {
  const days = Math.ceil((new Date(purgeAt).getTime() - Date.now()) / DAY_MS);
  const date = formatDate.format(new Date(purgeAt));
  if (days <= 1) return `Deleted for good on ${date} (within a day)`;
  return `Deleted for good on ${date} (in ${days} days)`;
}

/** /contacts/trash: deleted contacts, newest first, each restorable until it is purged. */
export function TrashPage() {
  const { data, error, isPending } = useQuery(trashQuery());
  return (
    <>
      <p className="back-link">
        <Link to="/contacts">← Contacts</Link>
      </p>
      <div className="page-title">
        <h1>Trash</h1>
      </div>
      <p className="muted">Deleted contacts stay here for 30 days, then they are removed for good.</p>
      {error && <ErrorAlert error={error} />}
      {isPending && <p aria-live="polite">Loading the trash…</p>}
      {data && data.items.length === 0 && <p className="empty-state">The trash is empty.</p>}
      {data && data.items.length > 0 && (
        <ul className="trash-list" aria-label="Deleted contacts">
          {data.items.map((contact) => (
            <TrashItem key={contact.id} contact={contact} />
          ))}
        </ul>
      )}
    </>
  );
}

function TrashItem({ contact }: { contact: TrashedContactDto }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [done, setDone] = useState(false);
  const name = displayName(contact);
  const restore = useMutation({
    mutationFn: () => api.contacts.restore(contact.id),
    onSuccess: async (restored) => {
      setDone(true);
      queryClient.setQueryData(contactKeys.detail(restored.id), restored);
      toast({ message: `${name} is back in your contacts.` });
      await queryClient.invalidateQueries({ queryKey: contactKeys.all });
    },
  });
  return (
    <li className="trash-item">
      <div>
        <strong>{name}</strong>
        {contact.email && contact.email !== name && <span className="muted"> · {contact.email}</span>}
        <p className="hint">
          Deleted {formatDateTime(contact.deletedAt)} · {purgeText(contact.purgeAt)}
        </p>
        {restore.error && <ErrorAlert error={restore.error} />}
      </div>
      {done ? (
        <Link to="/contacts/$contactId" params={{ contactId: contact.id }}>
          Open {name}
        </Link>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => restore.mutate()}
          disabled={restore.isPending}
        >
          Restore<span className="visually-hidden"> {name}</span>
        </button>
      )}
    </li>
  );
}

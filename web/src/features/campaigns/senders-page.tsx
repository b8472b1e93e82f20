import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { SenderDto } from '../../../../functions/campaigns/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount } from '../../lib/format';
import { Modal } from '../../lib/modal';
import { senderKeys, sendersQuery } from './queries';
import { SenderDialog } from './sender-dialog';

/** /campaigns/senders: the mailboxes campaigns go out from, with their footer address and limit. */
export function SendersPage() {
  const { data, error, isPending } = useQuery(sendersQuery());
  const [dialog, setDialog] = useState<
    { kind: 'edit' | 'delete'; sender: SenderDto } | { kind: 'new' } | null
  >(null);
  const items = data?.items ?? [];
  return (
    <>
      <p className="back-link">
        <Link to="/campaigns">← Campaigns</Link>
      </p>
      <div className="page-title">
        <h1>Senders</h1>
        <div className="title-actions">
          <button type="button" className="button primary" onClick={() => setDialog({ kind: 'new' })}>
            New sender
          </button>
        </div>
      </div>
      {error && <ErrorAlert error={error} />}
      {isPending && <p aria-live="polite">Loading senders…</p>}
      {data && items.length === 0 && (
        <div className="empty-state">
          <p>
            No senders yet. Add the mailbox your campaigns go out from, with the postal address for the
            footer.
          </p>
        </div>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table">
            <caption className="visually-hidden">Senders</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Postal address</th>
                <th scope="col">Daily limit</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((sender) => (
                <tr key={sender.id}>
                  <th scope="row" data-label="Name">
                    {sender.name}
                  </th>
                  <td data-label="Email" className="break">
                    {sender.email}
                    {sender.replyTo && (
                      <span className="muted small-print block">Replies to {sender.replyTo}</span>
                    )}
                  </td>
                  <td data-label="Postal address">
                    {sender.postalAddress ? (
                      <span className="notes">{sender.postalAddress}</span>
                    ) : (
                      <span className="badge warn">missing — campaigns cannot start</span>
                    )}
                  </td>
                  <td data-label="Daily limit">{formatCount(sender.dailyCap)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button small"
                      onClick={() => setDialog({ kind: 'edit', sender })}
                      aria-label={`Edit ${sender.name}`}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button small danger"
                      onClick={() => setDialog({ kind: 'delete', sender })}
                      aria-label={`Delete ${sender.name}`}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog?.kind === 'new' && <SenderDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'edit' && <SenderDialog sender={dialog.sender} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && <DeleteSender sender={dialog.sender} onClose={() => setDialog(null)} />}
    </>
  );
}

function DeleteSender({ sender, onClose }: { sender: SenderDto; onClose: () => void }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.senders.remove(sender.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: senderKeys.all });
      onClose();
    },
  });
  return (
    <Modal
      title={`Delete sender ${sender.name}?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button
            type="button"
            className="button danger"
            disabled={remove.isPending}
            onClick={() => remove.mutate()}
          >
            {remove.isPending ? 'Deleting…' : 'Delete sender'}
          </button>
        </>
      }
    >
      <p>Campaigns can no longer be sent from {sender.email}.</p>
      {remove.error && <ErrorAlert error={remove.error} />}
    </Modal>
  );
}

import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import type { SuppressionDto, SuppressionReason } from '../../../../functions/suppressions/schema';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDate, formatDateTime } from '../../lib/format';
import { Modal } from '../../lib/modal';
import { useToast } from '../../lib/toast';
import { TokenPager, useTokenPages } from '../../lib/token-pager';
import { suppressionKeys } from '../campaigns/queries';

export const REASON_LABELS: Record<SuppressionReason, string> = {
  unsubscribed: 'Unsubscribed',
  bounced: 'Bounced',
  complained: 'Marked as spam',
  manual: 'Added by hand',
  erased: 'Erased at their request',
};
const REASONS = (Object.keys(REASON_LABELS) as SuppressionReason[]).filter((r) => r !== 'erased');

const suppressionsQuery = (token: string | undefined) =>
  queryOptions({
    queryKey: suppressionKeys.page(token),
    queryFn: () => api.suppressions.list(token),
    placeholderData: keepPreviousData,
  });

/** /campaigns/suppressions: addresses never emailed again, and a way to add or remove one. */
export function SuppressionsPage() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const pages = useTokenPages();
  const query = useQuery(suppressionsQuery(pages.token));
  const [email, setEmail] = useState('');
  const [reason, setReason] = useState<Exclude<SuppressionReason, 'erased'>>('manual');
  const [removing, setRemoving] = useState<SuppressionDto | null>(null);
  const add = useMutation({
    mutationFn: () => api.suppressions.add({ email: email.trim(), reason }),
    onSuccess: async () => {
      toast({ message: `${email.trim()} will not be emailed again.` });
      setEmail('');
      await queryClient.invalidateQueries({ queryKey: suppressionKeys.all });
    },
  });
  const emailError =
    add.error instanceof ApiError ? add.error.details.find((d) => d.path === 'email')?.message : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  const items = query.data?.items ?? [];
  const next = query.data?.continuationToken ?? null;
  return (
    <>
      <p className="back-link">
        <Link to="/campaigns">← Campaigns</Link>
      </p>
      <div className="page-title">
        <div>
          <h1>Suppressions</h1>
          <p className="muted">
            Nobody here gets a campaign email: people who unsubscribed or bounced are added by themselves.
          </p>
        </div>
      </div>
      <form className="filters panel" onSubmit={onSubmit} noValidate aria-label="Add a suppression">
        <div className="field grow">
          <label htmlFor="suppression-email">Email address</label>
          <input
            id="suppression-email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={emailError ? true : undefined}
            aria-describedby={emailError ? 'suppression-email-error' : undefined}
          />
          {emailError && (
            <span className="field-error" id="suppression-email-error">
              {emailError}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="suppression-reason">Reason</label>
          <select
            id="suppression-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value as Exclude<SuppressionReason, 'erased'>)}
          >
            {REASONS.map((r) => (
              <option key={r} value={r}>
                {REASON_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button primary" disabled={add.isPending || !email.trim()}>
          {add.isPending ? 'Adding…' : 'Add to suppressions'}
        </button>
      </form>
      {add.error && !emailError && <ErrorAlert error={add.error} />}
      {query.error && <ErrorAlert error={query.error} />}
      {query.isPending && <p aria-live="polite">Loading suppressions…</p>}
      {query.data && items.length === 0 && (
        <p className="empty-state small">
          No suppressed addresses. Unsubscribes and bounces will appear here.
        </p>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table">
            <caption className="visually-hidden">Suppressed addresses</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Reason</th>
                <th scope="col">Source</th>
                <th scope="col">When</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.email}>
                  <th scope="row" data-label="Email" className="break">
                    {s.email}
                  </th>
                  <td data-label="Reason">{REASON_LABELS[s.reason] ?? s.reason}</td>
                  <td data-label="Source">{s.source}</td>
                  <td data-label="When" className="nowrap" title={formatDateTime(s.createdAt)}>
                    {formatDate(s.createdAt)}
                  </td>
                  <td className="row-actions">
                    {/* An erased person's entry has no address left to remove it by. */}
                    {s.reason !== 'erased' && (
                      <button
                        type="button"
                        className="button small"
                        aria-label={`Remove ${s.email}`}
                        onClick={() => setRemoving(s)}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TokenPager pages={pages} next={next} waiting={query.isPlaceholderData} label="Pages" />
      {removing && <RemoveDialog suppression={removing} onClose={() => setRemoving(null)} />}
    </>
  );
}

function RemoveDialog({ suppression, onClose }: { suppression: SuppressionDto; onClose: () => void }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const remove = useMutation({
    mutationFn: () => api.suppressions.remove(suppression.email),
    onSuccess: async () => {
      toast({ message: `${suppression.email} can be emailed again.` });
      await queryClient.invalidateQueries({ queryKey: suppressionKeys.all });
      onClose();
    },
  });
  const why =
    suppression.reason === 'manual'
      ? ''
      : ` They ${suppression.reason === 'complained' ? 'marked an email as spam' : suppression.reason}: only remove them if they asked you to.`;
  return (
    <Modal
      title={`Remove ${suppression.email}?`}
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
            {remove.isPending ? 'Removing…' : 'Remove suppression'}
          </button>
        </>
      }
    >
      <p>
        Campaigns will email {suppression.email} again.{why}
      </p>
      {remove.error && <ErrorAlert error={remove.error} />}
    </Modal>
  );
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import {
  DELIVERY_STATUSES,
  type DeliveryStatus,
  type NotificationRecordDto,
} from '../../../../functions/notifications/schema';
import { api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatDateTime } from '../../lib/format';
import { useToast } from '../../lib/toast';
import { TokenPager, useTokenPages } from '../../lib/token-pager';
import { SENT_ON_LABELS, STATUS_LABELS } from './labels';

export const notificationKeys = { all: ['notifications'] as const };

/** The two views of notifications: what went out (the log) and where it goes (settings). */
export function NotificationsTabs() {
  return (
    <nav className="tabs" aria-label="Notifications">
      <Link to="/notifications" className="tab" activeOptions={{ exact: true }}>
        Log
      </Link>
      <Link to="/notifications/settings" className="tab">
        Settings
      </Link>
    </nav>
  );
}

/** /notifications: every notice on every channel, its steps, and a retry for the failed. */
export function NotificationsPage() {
  const pages = useTokenPages();
  const [channel, setChannel] = useState('');
  const [status, setStatus] = useState<DeliveryStatus | ''>('');
  const query = useQuery({
    queryKey: [...notificationKeys.all, 'log', channel, status, pages.token],
    queryFn: () =>
      api.notifications.log({
        channel: channel || undefined,
        status: status || undefined,
        continuationToken: pages.token,
      }),
    placeholderData: keepPreviousData,
  });
  const items = query.data?.items ?? [];
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Notifications</h1>
          <p className="muted">
            Every confirmation, reminder and alert, on each channel, and what became of it.
          </p>
        </div>
      </div>
      <NotificationsTabs />
      <div className="filters">
        <div className="field">
          <label htmlFor="log-channel">Channel</label>
          <select id="log-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
            <option value="">All channels</option>
            {Object.entries(SENT_ON_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-status">Status</label>
          <select
            id="log-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as DeliveryStatus | '')}
          >
            <option value="">Any status</option>
            {DELIVERY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {query.error && <ErrorAlert error={query.error} />}
      {query.isPending && <p aria-live="polite">Loading notifications…</p>}
      {query.data && items.length === 0 && (
        <p className="empty-state">
          {channel || status
            ? 'No notifications match these filters.'
            : 'No notifications yet. They appear here when a meeting is booked, moved, cancelled or due.'}
        </p>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table notifications-table">
            <caption className="visually-hidden">Notifications</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">To</th>
                <th scope="col">What</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((record) => (
                <RecordRow key={record.id} record={record} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TokenPager
        pages={pages}
        next={query.data?.continuationToken ?? null}
        waiting={query.isPlaceholderData}
        label="Pages"
      />
    </>
  );
}

function RecordRow({ record }: { record: NotificationRecordDto }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const retry = useMutation({
    mutationFn: () => api.notifications.retry(record.id),
    onSuccess: async () => {
      toast({ message: `Sending again to ${record.recipient.name}.` });
      await queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    },
  });
  // Where it went on that channel: the number for SMS / WhatsApp, the address for email.
  const address =
    record.channel.startsWith('sms') || record.channel === 'whatsapp'
      ? record.recipient.phone
      : record.channel === 'email'
        ? record.recipient.email
        : record.channel === 'slack'
          ? record.recipient.slackChannel
          : undefined;
  const steps = DELIVERY_STATUSES.filter((s) => record.steps[s]).map(
    (s) => `${STATUS_LABELS[s]} ${formatDateTime(record.steps[s]!)}`,
  );
  return (
    <tr>
      <td data-label="When" className="nowrap">
        {formatDateTime(record.createdAt)}
      </td>
      <td data-label="To" className="break">
        {record.recipient.name}
        <span className="block muted small-print">
          {SENT_ON_LABELS[record.channel] ?? record.channel}
          {address ? ` · ${address}` : ''}
        </span>
      </td>
      <th scope="row" data-label="What" className="break">
        {record.subject}
      </th>
      <td data-label="Status">
        <span className={`status status-delivery-${record.status}`}>{STATUS_LABELS[record.status]}</span>
        {steps.length > 1 && <span className="block muted small-print">{steps.join(' → ')}</span>}
        {record.error && <span className="block field-error">{record.error}</span>}
      </td>
      <td className="row-actions">
        {record.canRetry && (
          <button
            type="button"
            className="button small"
            onClick={() => retry.mutate()}
            disabled={retry.isPending}
            aria-label={`Send again to ${record.recipient.name}`}
          >
            {retry.isPending ? 'Sending…' : 'Send again'}
          </button>
        )}
        {retry.error && <ErrorAlert error={retry.error} />}
      </td>
    </tr>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type {
  CampaignCounts,
  CampaignDto,
  MessageDto,
  MessageStatus,
} from '../../../../functions/campaigns/schema';
import { ApiError, api } from '../../lib/api';
import { ErrorAlert } from '../../lib/error-alert';
import { formatCount, formatDateTime, plural } from '../../lib/format';
import { Modal } from '../../lib/modal';
import { useToast } from '../../lib/toast';
import { TokenPager, useTokenPages } from '../../lib/token-pager';
import { templatesQuery } from '../templates/queries';
import { CampaignProgress, CampaignStatusBadge } from './campaigns-page';
import {
  describeAudience,
  describeStatus,
  MESSAGE_STATUS_LABELS,
  MESSAGE_STATUSES,
  STOP_LABELS,
  sentOf,
} from './labels';
import { campaignKeys, campaignQuery, isCampaignLive, messagesQuery, sendersQuery } from './queries';
import { StartError } from './start-error';

const COUNTS: { key: keyof CampaignCounts; label: string; tone?: 'bad' }[] = [
  { key: 'sent', label: 'Sent' },
  { key: 'delivered', label: 'Delivered' },
  { key: 'opened', label: 'Opened' },
  { key: 'clicked', label: 'Clicked' },
  { key: 'replied', label: 'Replied' },
  { key: 'bounced', label: 'Bounced', tone: 'bad' },
  { key: 'failed', label: 'Failed', tone: 'bad' },
  { key: 'skippedNoEmail', label: 'Skipped: no email' },
  { key: 'skippedSuppressed', label: 'Skipped: suppressed' },
  { key: 'stopped', label: 'Stopped' },
];

/** /campaigns/{id}: where it stands (polled every 2 s while it runs), its numbers and each email. */
export function CampaignPage({ campaignId }: { campaignId: string }) {
  const query = useQuery(campaignQuery(campaignId));
  const back = (
    <p className="back-link">
      <Link to="/campaigns">← Campaigns</Link>
    </p>
  );
  if (query.isPending) return <p aria-live="polite">Loading campaign…</p>;
  if (!query.data) {
    const gone = query.error instanceof ApiError && query.error.status === 404;
    return (
      <>
        {back}
        <h1>{gone ? 'Campaign not found' : 'Could not load this campaign'}</h1>
        {gone ? <p>It may have been deleted.</p> : <ErrorAlert error={query.error} />}
      </>
    );
  }
  return (
    <>
      {back}
      <CampaignView campaign={query.data} connectionLost={query.isRefetchError} />
    </>
  );
}

function CampaignView({ campaign, connectionLost }: { campaign: CampaignDto; connectionLost: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [deleting, setDeleting] = useState(false);
  const templates = useQuery(templatesQuery());
  const senders = useQuery(sendersQuery());
  const sender = senders.data?.items.find((s) => s.id === campaign.senderId);
  const templateName = (id: string) =>
    templates.data?.items.find((t) => t.id === id)?.name ?? 'a deleted template';
  const onChanged = async (next: CampaignDto) => {
    queryClient.setQueryData(campaignKeys.detail(next.id), next);
    await queryClient.invalidateQueries({ queryKey: campaignKeys.list() });
  };
  const action = useMutation({
    mutationFn: (kind: 'start' | 'pause' | 'resume') => api.campaigns[kind](campaign.id),
    onSuccess: onChanged,
  });
  const remove = useMutation({
    mutationFn: () => api.campaigns.remove(campaign.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: campaignKeys.list() });
      toast({ message: `Campaign “${campaign.name}” deleted.` });
      void navigate({ to: '/campaigns' });
    },
  });
  const { status, counts } = campaign;
  const live = isCampaignLive(status);
  const canPause = status === 'scheduled' || status === 'sending' || status === 'waiting';
  const canResume = status === 'paused' || status === 'failed';

  return (
    <>
      <div className="page-title">
        <div>
          <h1>{campaign.name}</h1>
          <p>
            <CampaignStatusBadge campaign={campaign} />{' '}
            <span data-testid="campaign-status-detail">{describeStatus(campaign)}</span>
          </p>
        </div>
        <div className="title-actions">
          {status === 'draft' && (
            <>
              <button type="button" className="button danger" onClick={() => setDeleting(true)}>
                Delete
              </button>
              <button
                type="button"
                className="button primary"
                disabled={action.isPending}
                onClick={() => action.mutate('start')}
              >
                {action.isPending ? 'Starting…' : 'Start campaign'}
              </button>
            </>
          )}
          {canPause && (
            <button
              type="button"
              className="button"
              disabled={action.isPending}
              onClick={() => action.mutate('pause')}
            >
              {action.isPending ? 'Pausing…' : 'Pause'}
            </button>
          )}
          {canResume && (
            <button
              type="button"
              className="button primary"
              disabled={action.isPending}
              onClick={() => action.mutate('resume')}
            >
              {action.isPending ? 'Resuming…' : 'Resume'}
            </button>
          )}
        </div>
      </div>
      {action.error && (
        <StartError error={action.error} senderId={campaign.senderId} onFixed={() => action.reset()} />
      )}
      <div role="status" className={connectionLost ? 'notice warn' : undefined}>
        {connectionLost && <p>Lost contact with the server — retrying…</p>}
      </div>
      <section aria-labelledby="progress-title" className="panel">
        <h2 id="progress-title">Progress</h2>
        <CampaignProgress campaign={campaign} label="Campaign progress" />
        <p aria-live="polite" data-testid="campaign-progress">
          {sentOf(campaign)}
          {counts.scheduled > 0 && ` · ${formatCount(counts.scheduled)} still to go`}
          {live && <span className="muted"> · updates every 2 seconds</span>}
        </p>
        <dl className="counts campaign-counts">
          {COUNTS.map(({ key, label, tone }) => (
            <div
              key={key}
              className={`count${tone && counts[key] > 0 ? ' count-bad' : ''}`}
              data-testid={`count-${key}`}
            >
              <dt>{label}</dt>
              <dd>{formatCount(counts[key])}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="setup-title" className="panel">
        <h2 id="setup-title">Set-up</h2>
        <dl className="details">
          <div className="detail">
            <dt>Audience</dt>
            <dd>
              {describeAudience(campaign.audience)} · {plural(counts.recipients, 'recipient', 'recipients')}
            </dd>
          </div>
          <div className="detail">
            <dt>Sender</dt>
            <dd>{sender ? `${sender.name} <${sender.email}>` : campaign.senderId}</dd>
          </div>
          <div className="detail">
            <dt>Steps</dt>
            <dd>
              <ol className="plain-list">
                {campaign.steps.map((s, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: steps are fixed once the campaign exists
                  <li key={i}>
                    {templateName(s.templateId)}
                    {i === 0 ? ', at the start' : `, ${plural(s.delayDays, 'day', 'days')} later`}
                    {i > 0 &&
                      s.stopOn.length > 0 &&
                      ` unless they ${s.stopOn.map((r) => STOP_LABELS[r]).join(', ')}`}
                  </li>
                ))}
              </ol>
            </dd>
          </div>
          <div className="detail">
            <dt>Start</dt>
            <dd>
              {campaign.startedAt
                ? `Started ${formatDateTime(campaign.startedAt)}`
                : campaign.startAt
                  ? formatDateTime(campaign.startAt)
                  : 'When started'}
            </dd>
          </div>
        </dl>
      </section>
      {status !== 'draft' && <Messages campaign={campaign} live={live} />}
      {deleting && (
        <Modal
          title={`Delete “${campaign.name}”?`}
          onClose={() => setDeleting(false)}
          footer={
            <>
              <button type="button" className="button" onClick={() => setDeleting(false)} data-autofocus>
                Cancel
              </button>
              <button
                type="button"
                className="button danger"
                disabled={remove.isPending}
                onClick={() => remove.mutate()}
              >
                {remove.isPending ? 'Deleting…' : 'Delete campaign'}
              </button>
            </>
          }
        >
          <p>This draft is deleted for good. Nothing has been sent.</p>
          {remove.error && <ErrorAlert error={remove.error} />}
        </Modal>
      )}
    </>
  );
}

function Messages({ campaign, live }: { campaign: CampaignDto; live: boolean }) {
  const [status, setStatus] = useState<MessageStatus | ''>('');
  const [step, setStep] = useState<number | ''>('');
  const pages = useTokenPages();
  const params = {
    ...(status ? { status } : {}),
    ...(step ? { step } : {}),
    ...(pages.token ? { continuationToken: pages.token } : {}),
  };
  const query = useQuery(messagesQuery(campaign.id, params, live));
  // The last change (the final sends, "done") arrives with the campaign's own poll: read the
  // emails once more then, so the table never stops on a state older than the numbers above it.
  const queryClient = useQueryClient();
  const version = `${campaign.status}:${campaign.updatedAt}:${JSON.stringify(campaign.counts)}`;
  useEffect(() => {
    void version;
    void queryClient.invalidateQueries({ queryKey: [...campaignKeys.detail(campaign.id), 'messages'] });
  }, [version, campaign.id, queryClient]);
  const items = query.data?.items ?? [];
  const next = query.data?.continuationToken ?? null;
  return (
    <section aria-labelledby="messages-title">
      <h2 id="messages-title">Emails</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="message-status">Status</label>
          <select
            id="message-status"
            value={status}
            onChange={(e) => {
              pages.reset();
              setStatus(e.target.value as MessageStatus | '');
            }}
          >
            <option value="">Any status</option>
            {MESSAGE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {MESSAGE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        {campaign.steps.length > 1 && (
          <div className="field">
            <label htmlFor="message-step">Step</label>
            <select
              id="message-step"
              value={step}
              onChange={(e) => {
                pages.reset();
                setStep(e.target.value ? Number(e.target.value) : '');
              }}
            >
              <option value="">Every step</option>
              {campaign.steps.map((_, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: steps are fixed once the campaign exists
                <option key={i} value={i + 1}>
                  Step {i + 1}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {query.error && <ErrorAlert error={query.error} />}
      {query.isPending && <p aria-live="polite">Loading emails…</p>}
      {query.data && items.length === 0 && (
        <p className="empty-state small">
          {status || step ? 'No emails match these filters.' : 'No emails yet.'}
        </p>
      )}
      {items.length > 0 && (
        <div className="table-scroll">
          <table className="data-table card-table messages-table">
            <caption className="visually-hidden">Emails of this campaign</caption>
            <thead>
              <tr>
                <th scope="col">To</th>
                <th scope="col">Step</th>
                <th scope="col">Status</th>
                <th scope="col">When</th>
                <th scope="col">Events</th>
              </tr>
            </thead>
            <tbody>
              {items.map((m) => (
                <MessageRow key={m.id} message={m} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <TokenPager pages={pages} next={next} waiting={query.isPlaceholderData} label="Pages of emails" />
    </section>
  );
}

function MessageRow({ message: m }: { message: MessageDto }) {
  return (
    <tr>
      <th scope="row" data-label="To">
        {m.contactName}
        <span className="muted block break">{m.to ?? 'no email address'}</span>
      </th>
      <td data-label="Step">{m.step}</td>
      <td data-label="Status">
        <span className={`badge message-${m.status}`}>{MESSAGE_STATUS_LABELS[m.status]}</span>
        {m.reason && <span className="muted block small-print">{m.reason}</span>}
      </td>
      <td data-label="When" className="nowrap">
        {m.sentAt ? `Sent ${formatDateTime(m.sentAt)}` : `Due ${formatDateTime(m.sendAt)}`}
      </td>
      <td data-label="Events">
        {m.events.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul className="plain-list events">
            {m.events.map((e, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: events only grow, in order
              <li key={i}>
                <span className="event-type">{e.type}</span> {formatDateTime(e.at)}
                {e.detail && <span className="muted"> — {e.detail}</span>}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

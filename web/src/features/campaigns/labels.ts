import type {
  Audience,
  CampaignDto,
  CampaignStatus,
  MessageStatus,
  StopReason,
} from '../../../../functions/campaigns/schema';
import { formatCount, formatDateTime, plural } from '../../lib/format';
import { SOURCE_LABELS, STATUS_LABELS } from '../contacts/labels';

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  sending: 'Sending',
  waiting: 'Waiting',
  done: 'Done',
  paused: 'Paused',
  failed: 'Failed',
};

export const MESSAGE_STATUS_LABELS: Record<MessageStatus, string> = {
  scheduled: 'Scheduled',
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  opened: 'Opened',
  clicked: 'Clicked',
  replied: 'Replied',
  bounced: 'Bounced',
  failed: 'Failed',
  skipped: 'Skipped',
  stopped: 'Stopped',
};
export const MESSAGE_STATUSES = Object.keys(MESSAGE_STATUS_LABELS) as MessageStatus[];

export const STOP_LABELS: Record<StopReason, string> = {
  replied: 'replied',
  booked: 'booked a meeting',
  unsubscribed: 'unsubscribed',
  bounced: 'bounced',
};
export const STOP_REASONS = Object.keys(STOP_LABELS) as StopReason[];

/** The audience in words: "Contacts tagged “vip”, status New" or "3 chosen contacts". */
export function describeAudience(audience: Audience): string {
  if ('ids' in audience) return plural(audience.ids.length, 'chosen contact', 'chosen contacts');
  const { tag, status, source, search } = audience.filter;
  const parts = [
    tag && `tagged “${tag}”`,
    status && `with status ${STATUS_LABELS[status]}`,
    source && `from ${SOURCE_LABELS[source]}`,
    search && `matching “${search}”`,
  ].filter(Boolean);
  return parts.length ? `Contacts ${parts.join(', ')}` : 'All contacts';
}

/** Where a live campaign stands, in words, e.g. why it waits and when it goes on. */
export function describeStatus(campaign: CampaignDto): string {
  const { status, statusDetail, resumesAt, startAt, completedAt } = campaign;
  switch (status) {
    case 'draft':
      return 'Not started yet. Review it and press Start.';
    case 'scheduled':
      return startAt ? `Starts ${formatDateTime(startAt)}.` : 'Starting…';
    case 'sending':
      return statusDetail ?? 'Sending now.';
    case 'waiting':
      return [
        statusDetail ?? 'Waiting for the sender’s sending limit.',
        resumesAt && `Goes on by itself ${formatDateTime(resumesAt)}.`,
      ]
        .filter(Boolean)
        .join(' ');
    case 'paused':
      return statusDetail ?? 'Paused: nothing is sent until you resume.';
    case 'done':
      return completedAt ? `Finished ${formatDateTime(completedAt)}.` : 'Finished.';
    case 'failed':
      return statusDetail ?? 'Stopped by an error. Check the sender’s settings, then resume.';
  }
}

export const sentOf = (campaign: CampaignDto) =>
  `${formatCount(campaign.counts.sent)} of ${plural(campaign.counts.recipients, 'recipient', 'recipients')} sent`;

import { EventWebhook } from '@sendgrid/eventwebhook';
import { AppError } from '../_shared/errors.js';
import { countMetric } from '../_shared/telemetry.js';
import type { MessageStatus } from '../campaigns/schema.js';
import { type MessageDoc, messages } from '../campaigns/store.js';
import type { CountMessages, MessageCounterKind, MessageEvent } from '../dashboard/count-events.js';
import { countMessages } from '../dashboard/deps.js';
import type { SuppressionReason } from '../suppressions/schema.js';
import { type SuppressionStore, suppress } from '../suppressions/suppressions.js';

/** How old a signed delivery may be: an older one is a replay, refused. */
const MAX_AGE_SECONDS = 10 * 60;

/** One SendGrid Event Webhook event; custom_args come back as top-level fields. */
export interface SendGridEvent {
  event: string;
  email?: string;
  timestamp?: number;
  sg_event_id?: string;
  sg_message_id?: string;
  reason?: string;
  url?: string;
  momentum_message_id?: string;
  momentum_owner_id?: string;
}

/**
 * Checks the ECDSA signature SendGrid puts on each delivery (over timestamp + raw body), and that
 * it is fresh. Unsigned → 401; a wrong signature or a stale timestamp → 403.
 */
export function verifySendGrid(
  publicKey: string | undefined,
  rawBody: string,
  signature: string | null,
  timestamp: string | null,
  now: Date,
): void {
  if (!publicKey)
    throw new AppError('UNAUTHENTICATED', 'The SendGrid webhook is not set up (no verification key).');
  if (!signature || !timestamp) throw new AppError('UNAUTHENTICATED', 'Missing SendGrid signature headers.');
  const age = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (!Number.isFinite(age) || age > MAX_AGE_SECONDS)
    throw new AppError('FORBIDDEN', 'Stale SendGrid delivery refused.');
  const webhook = new EventWebhook();
  let ok = false;
  try {
    ok = webhook.verifySignature(webhook.convertPublicKeyToECDSA(publicKey), rawBody, signature, timestamp);
  } catch {
    ok = false;
  }
  if (!ok) throw new AppError('FORBIDDEN', 'The SendGrid signature does not match.');
}

// Later states win; a message never moves back (an open after a click changes nothing).
const RANK: Partial<Record<MessageStatus, number>> = {
  sent: 1,
  delivered: 2,
  opened: 3,
  clicked: 4,
  replied: 5,
};
const PROGRESS: Record<string, MessageStatus> = { delivered: 'delivered', open: 'opened', click: 'clicked' };
const COUNTED: Record<string, MessageCounterKind> = {
  delivered: 'delivered',
  open: 'opened',
  click: 'clicked',
};
const SUPPRESS: Record<string, SuppressionReason> = {
  bounce: 'bounced',
  dropped: 'bounced',
  spamreport: 'complained',
  unsubscribe: 'unsubscribed',
  group_unsubscribe: 'unsubscribed',
};

/**
 * Applies verified events: delivery, opens and clicks move the message on; bounces, drops,
 * spam reports and unsubscribes suppress the address. A replayed event (same sg_event_id)
 * changes nothing.
 */
export async function applySendGridEvents(
  events: SendGridEvent[],
  suppressions: SuppressionStore,
  now: Date,
  countEvents: CountMessages = countMessages,
): Promise<{ applied: number; ignored: number }> {
  let applied = 0;
  let ignored = 0;
  const counted: MessageEvent[] = [];
  for (const e of events) {
    const ownerId = e.momentum_owner_id;
    const id = e.momentum_message_id;
    const message = ownerId && id ? await messages.find(ownerId, id) : undefined;
    if (!message || !ownerId) {
      ignored++;
      continue;
    }
    const eventId = e.sg_event_id ?? `${e.event}:${e.timestamp}:${e.sg_message_id}`;
    if (message.events.some((x) => x.eventId === eventId)) {
      ignored++;
      continue;
    }
    const at = e.timestamp ? new Date(e.timestamp * 1000).toISOString() : now.toISOString();
    const next = nextStatus(message, e.event);
    const detail = e.reason ?? e.url;
    const saved = await messages
      .save({
        ...message,
        status: next,
        ...(next !== message.status &&
          message.status === 'failed' && { reason: null, sentAt: message.claimedAt ?? at }),
        ...(next === 'bounced' && { reason: e.reason ?? 'bounced' }),
        events: [...message.events, { type: e.event, at, eventId, ...(detail && { detail }) }],
      })
      .then(() => true)
      .catch(() => false); // saved by a concurrent delivery: SendGrid retries what we do not acknowledge
    // The dashboard counts a message's first delivery, open and click, once: the save above holds
    // the etag read, so of two deliveries racing on one message only one gets here.
    const kind = COUNTED[e.event];
    if (saved && kind && !message.events.some((x) => x.type === e.event)) counted.push({ message, kind, at });
    if (next === 'bounced' && message.status !== 'bounced')
      countMetric('emailsBounced', 1, { provider: 'sendgrid' });
    const reason = SUPPRESS[e.event];
    if (reason && (e.email ?? message.to)) {
      await suppress(
        suppressions,
        ownerId,
        { email: (e.email ?? message.to)!, reason, source: `SendGrid ${e.event}` },
        now,
      );
    }
    applied++;
  }
  await countEvents(counted);
  return { applied, ignored };
}

function nextStatus(message: MessageDoc, event: string): MessageStatus {
  if (event === 'bounce' || event === 'dropped') return 'bounced';
  const target = PROGRESS[event];
  if (!target) return message.status;
  return (RANK[target] ?? 0) > (RANK[message.status] ?? 0) ? target : message.status;
}

import { createHash } from 'node:crypto';
import type { DeliveryResult, Notification } from '../_integrations/channels/channel.js';
import type { SentLedger } from '../_integrations/channels/sent-ledger.js';
import type { DeliveryStatus, NotificationRecordDto } from './schema.js';

/**
 * Delivery records: one per (notification, channel), the notifications log's rows and the durable
 * sent ledger at once. A send claims its record by creating it (a second worker's create is refused
 * with 409: that worker backs off), then settles it with what the channel said; provider callbacks
 * move it on (delivered, read, failed). A claim whose worker died is taken over after a lease.
 */

export interface NotificationRecordDoc {
  id: string;
  ownerId: string;
  /** The container also keeps the reminders timer's markers: records are 'delivery'. */
  type: 'delivery';
  notificationId: string;
  channel: string;
  kind: string;
  role: 'contact' | 'organizer' | null;
  recipient: Notification['to'];
  subject: string;
  meetingId: string | null;
  contactId: string | null;
  status: DeliveryStatus;
  steps: Partial<Record<DeliveryStatus, string>>;
  providerMessageId: string | null;
  error: string | null;
  attempts: number;
  /** When the current attempt was claimed: a 'queued' record older than the lease is taken over. */
  claimedAt: string;
  /** The queue message that made it, so a failed one can be sent again (retry). */
  source: Record<string, unknown> | null;
  createdAt: string;
  updatedAt: string;
  /** Seconds Cosmos keeps it: the log reaches back a year. */
  ttl: number;
  _etag?: string;
}

export const RECORD_TTL_SECONDS = 400 * 24 * 3600;

/** Where records live (Cosmos in production: cosmos-records.ts). */
export interface RecordStore {
  /** Creates it unless one with its id exists: the stored record then, else undefined. */
  createIfAbsent(doc: NotificationRecordDoc): Promise<NotificationRecordDoc | undefined>;
  find(ownerId: string, id: string): Promise<NotificationRecordDoc | undefined>;
  /** Replaces if unchanged since read: the stored record, or undefined when another writer got there first. */
  replace(doc: NotificationRecordDoc): Promise<NotificationRecordDoc | undefined>;
  findByProviderId(ownerId: string, providerMessageId: string): Promise<NotificationRecordDoc | undefined>;
}

/** How long a worker may hold a claim before another takes it over (it must have died). */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** A delivered notice: sent, then maybe delivered and read; none of these is sent again. */
const WENT = new Set<DeliveryStatus>(['sent', 'delivered', 'read']);
/** Later steps outrank earlier ones, so a late or replayed callback never moves a record back. */
const RANK: Record<DeliveryStatus, number> = {
  queued: 0,
  retrying: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

export const recordId = (channel: string, notificationId: string): string =>
  `n-${createHash('sha256').update(`${channel}:${notificationId}`).digest('base64url').slice(0, 32)}`;

export function toRecordDto(doc: NotificationRecordDoc): NotificationRecordDto {
  return {
    id: doc.id,
    channel: doc.channel,
    kind: doc.kind,
    role: doc.role,
    recipient: doc.recipient,
    subject: doc.subject,
    meetingId: doc.meetingId,
    contactId: doc.contactId,
    status: doc.status,
    steps: doc.steps,
    providerMessageId: doc.providerMessageId,
    error: doc.error,
    attempts: doc.attempts,
    canRetry: doc.status === 'failed' && doc.source !== null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

/** Reads, changes and writes back, again if another writer came between (a callback, a retry). */
async function update(
  store: RecordStore,
  ownerId: string,
  id: string,
  change: (doc: NotificationRecordDoc) => NotificationRecordDoc | undefined,
): Promise<NotificationRecordDoc | undefined> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = await store.find(ownerId, id);
    if (!doc) return undefined;
    const next = change(doc);
    if (!next) return doc;
    if (await store.replace(next)) return next;
  }
  throw new Error(`Delivery record ${id} kept changing under this update`);
}

/**
 * The records as the SentLedger sendOnce asks for. `source` is the queue message being handled
 * (kept for retry); `now` is injected.
 */
export function createRecordLedger(
  store: RecordStore,
  now: () => Date,
  source: Record<string, unknown> | null = null,
): SentLedger {
  // What this worker claimed, as stored: settling replaces it directly (no second read) unless a
  // callback changed it meanwhile.
  const held = new Map<string, NotificationRecordDoc>();
  return {
    async claim(key, n, channel) {
      const at = now().toISOString();
      const id = recordId(channel, n.id);
      const created = await store.createIfAbsent({
        id,
        ownerId: n.ownerId,
        type: 'delivery',
        notificationId: n.id,
        channel,
        kind: n.about?.kind ?? 'notice',
        role: n.about?.role ?? null,
        recipient: n.to,
        subject: n.subject,
        meetingId: n.about?.meetingId ?? null,
        contactId: n.about?.contactId ?? null,
        status: 'queued',
        steps: { queued: at },
        providerMessageId: null,
        error: null,
        attempts: 1,
        claimedAt: at,
        source,
        createdAt: at,
        updatedAt: at,
        ttl: RECORD_TTL_SECONDS,
      });
      if (created) {
        held.set(key, created);
        return 'claimed';
      }
      const existing = await store.find(n.ownerId, id);
      if (!existing) return 'in-flight'; // created and removed between: let the queue try again
      if (WENT.has(existing.status)) return 'sent';
      const leased = Date.parse(existing.claimedAt) + CLAIM_LEASE_MS > now().getTime();
      if (existing.status === 'queued' && leased) return 'in-flight';
      // Failed, waiting to retry, or claimed by a worker that died: this attempt takes it.
      const taken = await store.replace({
        ...existing,
        status: 'queued',
        steps: { ...existing.steps, queued: at },
        attempts: existing.attempts + 1,
        claimedAt: at,
        source: source ?? existing.source,
        updatedAt: at,
      });
      if (!taken) return 'in-flight';
      held.set(key, taken);
      return 'claimed';
    },
    async settle(key, outcome, result) {
      const claimed = held.get(key);
      held.delete(key);
      if (!claimed) return;
      const at = now().toISOString();
      if (await store.replace(settled(claimed, outcome, result, at))) return;
      await update(store, claimed.ownerId, claimed.id, (doc) => settled(doc, outcome, result, at));
    },
  };
}

function settled(
  doc: NotificationRecordDoc,
  outcome: 'sent' | 'released',
  result: DeliveryResult | undefined,
  at: string,
): NotificationRecordDoc {
  if (outcome === 'sent') {
    const providerMessageId =
      result?.status === 'sent' ? (result.providerMessageId ?? doc.providerMessageId) : doc.providerMessageId;
    // A callback may have said delivered before this worker got here: keep the later step.
    const status = RANK[doc.status] > RANK.sent && doc.status !== 'failed' ? doc.status : 'sent';
    return {
      ...doc,
      status,
      steps: { ...doc.steps, sent: doc.steps.sent ?? at },
      providerMessageId,
      error: null,
      updatedAt: at,
    };
  }
  const rejected = result?.status === 'rejected';
  const reason = result && 'reason' in result ? result.reason : 'The send did not finish.';
  return {
    ...doc,
    status: rejected ? 'failed' : 'retrying',
    steps: rejected ? { ...doc.steps, failed: at } : doc.steps,
    error: reason,
    updatedAt: at,
  };
}

/**
 * A provider's callback about a message it sent for us: the record moves forward (never back — a
 * replayed or late callback changes nothing), a failure keeps the provider's reason.
 */
export async function applyProviderStatus(
  store: RecordStore,
  ownerId: string,
  event: {
    providerMessageId: string;
    status: 'sent' | 'delivered' | 'read' | 'failed';
    at: string;
    error?: string;
  },
): Promise<'updated' | 'unchanged' | 'unknown'> {
  const found = await store.findByProviderId(ownerId, event.providerMessageId);
  if (!found) return 'unknown';
  let changed = false;
  await update(store, ownerId, found.id, (doc) => {
    changed = false;
    if (doc.steps[event.status] && RANK[doc.status] >= RANK[event.status]) return undefined;
    changed = true;
    return {
      ...doc,
      status: RANK[event.status] > RANK[doc.status] ? event.status : doc.status,
      steps: { ...doc.steps, [event.status]: doc.steps[event.status] ?? event.at },
      ...(event.status === 'failed' ? { error: event.error ?? 'The provider could not deliver it.' } : {}),
      updatedAt: event.at,
    };
  });
  return changed ? 'updated' : 'unchanged';
}

import type { EmailProvider, OutgoingEmail, SendResult } from '../_integrations/email/email-provider.js';
import { countMetric } from '../_shared/telemetry.js';
import type { ContactStore } from '../contacts/contact-store.js';
import type { ContactDoc } from '../contacts/model.js';
import type { CountMessages } from '../dashboard/count-events.js';
import { positionOf } from '../leads/pipeline.js';
import { type LeadEvent, transition } from '../leads/stages.js';
import { normaliseAddress, type SuppressionStore, suppressionId } from '../suppressions/suppressions.js';
import { capacity } from './caps.js';
import { withFooter } from './footer.js';
import { newMessage } from './plan.js';
import { sendOutcome } from './rules.js';
import {
  type CampaignDoc,
  campaigns,
  type MessageDoc,
  queryOwned,
  type SenderDoc,
  senders,
  writeMessages,
} from './store.js';

/** A claim older than this belongs to a worker that died while sending. */
export const CLAIM_TTL_MS = 5 * 60_000;

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface SendDeps {
  now(): Date;
  provider: EmailProvider;
  contacts: ContactStore;
  suppressions: SuppressionStore;
  render(input: {
    ownerId: string;
    templateId: string;
    contact: ContactDoc;
    sender: SenderDoc;
  }): Promise<RenderedEmail>;
  /** Public link that unsubscribes this address from this owner's mail (signed token). */
  unsubscribeUrl(ownerId: string, email: string, messageId: string): string;
  /** Reply-to address that routes a reply back to this message (Inbound Parse), or undefined. */
  replyAddress(ownerId: string, messageId: string): string | undefined;
  /** Moves the contact's lead through the pipeline (leads/pipeline.ts); `ref` is the message id. */
  moveLead(ownerId: string, contactId: string, event: LeadEvent, ref: string): Promise<unknown>;
  /** Puts message ids back on the queue, after `delaySeconds`. */
  requeue(ownerId: string, campaignId: string, messageIds: string[], delaySeconds: number): Promise<void>;
  /** Counts the emails that went out on the dashboard (dashboard/count-events.ts). */
  countEvents?: CountMessages;
}

export interface BatchOutcome {
  sent: number;
  skipped: number;
  failed: number;
  deferred: number;
}

/**
 * Sends one batch of a campaign's messages, each at most once under at-least-once delivery:
 * a message is claimed (status `sending`, with the stored `_etag`) before the provider sees it,
 * so a redelivered batch or a second worker finds it taken; a claim whose worker died is settled
 * by asking the provider whether it went (or, when the provider cannot tell, marked failed as
 * "may not have been sent" — never sent twice). Suppression, stop rules and the sender's caps
 * are checked now, at send time.
 */
export async function sendBatch(
  ownerId: string,
  campaignId: string,
  ids: string[],
  deps: SendDeps,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { sent: 0, skipped: 0, failed: 0, deferred: 0 };
  const now = deps.now();
  const campaign = await campaigns.find(ownerId, campaignId);
  const all = await queryOwned<MessageDoc>('messages', ownerId, 'ARRAY_CONTAINS(@ids, c.id)', [
    { name: '@ids', value: ids },
  ]);
  if (!campaign || !['sending', 'waiting', 'scheduled'].includes(campaign.status)) {
    // Paused (or gone): leave the messages for when it resumes.
    await release(
      ownerId,
      all.filter((m) => m.status === 'queued'),
      null,
    );
    return outcome;
  }
  const sender = await senders.find(ownerId, campaign.senderId);
  const settled = (await settleInterrupted(all, now, deps))
    ? await queryOwned<MessageDoc>('messages', ownerId, 'ARRAY_CONTAINS(@ids, c.id)', [
        { name: '@ids', value: ids },
      ])
    : all;
  const ready = settled.filter(
    (m) => (m.status === 'scheduled' || m.status === 'queued') && Date.parse(m.sendAt) <= now.getTime(),
  );
  if (!ready.length || !sender) return outcome;

  const contacts = new Map(
    (await deps.contacts.readMany(ownerId, [...new Set(ready.map((m) => m.contactId))])).map((c) => [
      c.id,
      c,
    ]),
  );
  const suppressions = await suppressionReasons(
    deps.suppressions,
    ownerId,
    ready.flatMap((m) => (m.to ? [m.to] : [])),
  );
  const earlier = await earlierMessages(ownerId, campaignId, ready);

  const decided: MessageDoc[] = [];
  const toSend: MessageDoc[] = [];
  for (const m of ready) {
    const contact = contacts.get(m.contactId);
    const to = contact?.email ?? m.to;
    const verdict = sendOutcome({
      step: campaign.steps[m.step - 1]!,
      stepNumber: m.step,
      contact,
      to,
      suppression: to ? suppressions.get(normaliseAddress(to)) : undefined,
      earlier: earlier.get(m.contactId) ?? [],
    });
    if (verdict.send) toSend.push({ ...m, to });
    else
      decided.push({
        ...m,
        status: verdict.status,
        reason: verdict.reason,
        events: [...m.events, { type: verdict.status, at: now.toISOString(), detail: verdict.reason }],
      });
  }
  outcome.skipped = decided.length;
  await save(ownerId, decided);

  const recent = await recentSends(ownerId, sender.id, now);
  const cap = capacity(sender, recent, now);
  const allowed = toSend.slice(0, cap.available);
  const overCap = toSend.slice(cap.available);
  if (overCap.length) {
    // When the mailbox is full once this batch has gone: its oldest counted send ages out then.
    const full = capacity(sender, [...recent, ...allowed.map(() => now.toISOString())], now);
    outcome.deferred += overCap.length;
    await release(ownerId, overCap, full.resumesAt);
    await setWaiting(campaign, full.resumesAt, sender, now);
  }
  if (!allowed.length) return outcome;
  if (sender.warmUp && !sender.warmUpStartedAt)
    await senders.save({ ...sender, warmUpStartedAt: now.toISOString() });

  // Claim before sending: whoever holds a message's current etag is the one who sends it.
  const claimed = allowed.map((m) => ({ ...m, status: 'sending' as const, claimedAt: now.toISOString() }));
  const claims = await writeMessages(ownerId, claimed, 'replace');
  const mine = claimed.filter((_, i) => claims[i] === 200);
  const stored = await queryOwned<MessageDoc>('messages', ownerId, 'ARRAY_CONTAINS(@ids, c.id)', [
    { name: '@ids', value: mine.map((m) => m.id) },
  ]);
  const current = new Map(stored.map((m) => [m.id, m]));

  const emails: OutgoingEmail[] = [];
  for (const m of mine) {
    const contact = contacts.get(m.contactId)!;
    const body = await deps.render({
      ownerId,
      templateId: campaign.steps[m.step - 1]!.templateId,
      contact,
      sender,
    });
    const footer = withFooter(body, sender.postalAddress, deps.unsubscribeUrl(ownerId, m.to!, m.id));
    const replyTo = deps.replyAddress(ownerId, m.id) ?? sender.replyTo ?? undefined;
    emails.push({
      id: m.id,
      ownerId,
      from: { email: sender.email, name: sender.name },
      ...(replyTo && { replyTo: { email: replyTo } }),
      to: { email: m.to!, name: m.contactName },
      subject: body.subject,
      html: footer.html,
      text: footer.text,
      headers: footer.headers,
      categories: [`campaign:${campaignId}`],
    });
  }
  const results = emails.length ? await deps.provider.send(emails) : [];
  const byId = new Map(results.map((r) => [r.id, r]));
  const retryLater: { docs: MessageDoc[]; seconds: number } = { docs: [], seconds: 0 };
  const finished: MessageDoc[] = [];
  const followUps: MessageDoc[] = [];
  for (const m of mine) {
    const doc = current.get(m.id)!;
    const result: SendResult = byId.get(m.id) ?? {
      id: m.id,
      status: 'retry',
      reason: 'no answer from the provider',
    };
    const at = deps.now().toISOString();
    if (result.status === 'sent') {
      outcome.sent++;
      finished.push({
        ...doc,
        status: 'sent',
        sentAt: at,
        providerMessageId: result.providerMessageId ?? null,
        events: [...doc.events, { type: 'sent', at }],
      });
      const next = campaign.steps[m.step];
      if (next) {
        const sendAt = new Date(Date.parse(at) + next.delayDays * 86_400_000).toISOString();
        followUps.push(
          newMessage(campaign, m.step + 1, { ...contacts.get(m.contactId)!, id: m.contactId }, sendAt),
        );
      }
    } else if (result.status === 'rejected') {
      outcome.failed++;
      finished.push({
        ...doc,
        status: 'failed',
        reason: result.reason,
        events: [...doc.events, { type: 'failed', at, detail: result.reason }],
      });
    } else {
      outcome.deferred++;
      retryLater.docs.push(doc);
      retryLater.seconds = Math.max(retryLater.seconds, result.retryAfterSeconds ?? 60);
    }
  }
  await save(ownerId, finished);
  // Each message was claimed by this worker alone (above), so each send is counted once.
  await deps.countEvents?.(
    finished.filter((m) => m.status === 'sent').map((m) => ({ message: m, kind: 'sent', at: m.sentAt! })),
  );
  if (outcome.sent) countMetric('emailsSent', outcome.sent, { provider: deps.provider.name });
  const providerErrors = outcome.failed + retryLater.docs.length;
  if (providerErrors)
    countMetric('providerErrors', providerErrors, { provider: deps.provider.name, kind: 'email' });
  if (followUps.length) await writeMessages(ownerId, followUps, 'create');
  if (retryLater.docs.length) {
    const resumesAt = new Date(now.getTime() + retryLater.seconds * 1000).toISOString();
    await release(ownerId, retryLater.docs, resumesAt);
    await deps.requeue(
      ownerId,
      campaignId,
      retryLater.docs.map((d) => d.id),
      retryLater.seconds,
    );
  }
  await moveLeads(ownerId, finished, contacts, deps);
  return outcome;
}

/**
 * An email out moves a new lead to "contacted". Last, so a failed move never holds back the
 * follow-ups or retries above; the contacts read for this batch skip leads it would not move.
 */
async function moveLeads(
  ownerId: string,
  done: MessageDoc[],
  contacts: Map<string, ContactDoc>,
  deps: SendDeps,
) {
  for (const m of done) {
    const contact = contacts.get(m.contactId);
    const event = { kind: 'email-sent', at: m.sentAt! } as const;
    if (m.status !== 'sent' || !contact || !transition(positionOf(contact), event).moved) continue;
    await deps.moveLead(ownerId, m.contactId, event, m.id).catch((err: Error) => {
      // The email went; the lead stays where it was and the owner can move it by hand.
      console.error(`Lead ${m.contactId} not moved to contacted: ${err.message}`);
    });
  }
}

/**
 * Messages whose worker died mid-send: sent if the provider has them, sendable again if it says
 * they never arrived, else marked failed. True when any was settled (the caller reads them again).
 */
async function settleInterrupted(all: MessageDoc[], now: Date, deps: SendDeps): Promise<boolean> {
  let any = false;
  for (const m of all) {
    const stale =
      m.status === 'sending' &&
      m.claimedAt !== null &&
      Date.parse(m.claimedAt) < now.getTime() - CLAIM_TTL_MS;
    if (!stale) continue;
    any = true;
    const went = await deps.provider.wasSent?.({ id: m.id, ownerId: m.ownerId });
    const at = now.toISOString();
    const settled: MessageDoc =
      went === true
        ? {
            ...m,
            status: 'sent',
            sentAt: m.claimedAt,
            events: [...m.events, { type: 'sent', at: m.claimedAt! }],
          }
        : went === false
          ? { ...m, status: 'scheduled', claimedAt: null }
          : {
              ...m,
              status: 'failed',
              reason: 'interrupted while sending — it may not have gone; send it again by hand if needed',
              events: [...m.events, { type: 'failed', at, detail: 'interrupted' }],
            };
    // With the etag read: if another worker settled it first, theirs stands.
    const [status] = await writeMessages(m.ownerId, [settled], 'replace');
    // Found sent at the provider: counted now, by whichever worker settled it.
    if (status === 200 && settled.status === 'sent')
      await deps.countEvents?.([{ message: settled, kind: 'sent', at: settled.sentAt! }]);
  }
  return any;
}

async function save(ownerId: string, docs: MessageDoc[]): Promise<void> {
  if (docs.length) await writeMessages(ownerId, docs, 'replace');
}

/** Back to scheduled (for the timer to queue again), from `resumesAt` when given. */
async function release(ownerId: string, docs: MessageDoc[], resumesAt: string | null): Promise<void> {
  await save(
    ownerId,
    docs.map((m) => ({
      ...m,
      status: 'scheduled',
      claimedAt: null,
      queuedAt: null,
      sendAt: resumesAt && resumesAt > m.sendAt ? resumesAt : m.sendAt,
    })),
  );
}

async function setWaiting(campaign: CampaignDoc, resumesAt: string | null, sender: SenderDoc, now: Date) {
  const latest = (await campaigns.find(campaign.ownerId, campaign.id)) ?? campaign;
  if (latest.status === 'paused') return;
  const when = resumesAt ? ` It goes on by itself at ${resumesAt}.` : '';
  await campaigns
    .save({
      ...latest,
      status: 'waiting',
      resumesAt,
      statusDetail: `${sender.email} reached its limit of emails for now.${when}`,
      updatedAt: now.toISOString(),
    })
    .catch(() => undefined); // another batch set it first
}

async function recentSends(ownerId: string, senderId: string, now: Date): Promise<string[]> {
  const since = new Date(now.getTime() - 86_400_000).toISOString();
  const rows = await queryOwned<{ sentAt: string }>(
    'messages',
    ownerId,
    'c.senderId = @s AND c.sentAt > @since',
    [
      { name: '@s', value: senderId },
      { name: '@since', value: since },
    ],
  );
  return rows.map((r) => r.sentAt);
}

/** Suppressed addresses among these, with why (unsubscribed, bounced, complained, manual). */
async function suppressionReasons(
  store: SuppressionStore,
  ownerId: string,
  emails: string[],
): Promise<Map<string, string>> {
  const byId = new Map(emails.map((e) => [suppressionId(e), normaliseAddress(e)]));
  if (!byId.size) return new Map();
  const found = await store.reasons(ownerId, [...byId.keys()]);
  return new Map([...found].map(([id, reason]) => [byId.get(id)!, reason]));
}

/** Each contact's earlier messages in this campaign (for follow-up stop rules). */
async function earlierMessages(ownerId: string, campaignId: string, ready: MessageDoc[]) {
  const followUps = ready.filter((m) => m.step > 1);
  const map = new Map<string, Pick<MessageDoc, 'status'>[]>();
  if (!followUps.length) return map;
  const rows = await queryOwned<Pick<MessageDoc, 'contactId' | 'status' | 'step'>>(
    'messages',
    ownerId,
    'c.campaignId = @c AND ARRAY_CONTAINS(@contacts, c.contactId)',
    [
      { name: '@c', value: campaignId },
      { name: '@contacts', value: followUps.map((m) => m.contactId) },
    ],
  );
  for (const r of rows) {
    const list = map.get(r.contactId);
    if (list) list.push(r);
    else map.set(r.contactId, [r]);
  }
  return map;
}

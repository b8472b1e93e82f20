import type { CampaignDeps } from './campaigns.js';
import { planCampaign } from './plan.js';
import { CLAIM_TTL_MS } from './send.js';
import { type CampaignDoc, campaigns, type MessageDoc, querySystem, writeMessages } from './store.js';

/** Messages per queue message: one provider round of bounded concurrency. */
export const SEND_BATCH = 50;
/** A queued message nobody took for this long lost its queue message: queue it again. */
const QUEUED_TTL_MS = 15 * 60_000;
const DUE_PER_RUN = 5000;

export interface ScheduleDeps {
  now(): Date;
  plan(ownerId: string, campaignId: string): Promise<void>;
  send(ownerId: string, campaignId: string, messageIds: string[]): Promise<void>;
}

/**
 * The campaign clock (a timer, every minute): starts scheduled campaigns whose time has come,
 * queues messages that are due (follow-ups, retries, the rest after a cap window), re-queues
 * work whose queue message or worker was lost, and closes campaigns with nothing left to send.
 */
export async function runSchedule(
  deps: ScheduleDeps,
): Promise<{ queued: number; started: number; done: number }> {
  const now = deps.now();
  const iso = now.toISOString();
  let started = 0;
  const starting = await querySystem<CampaignDoc>(
    'campaigns',
    "SELECT * FROM c WHERE (c.status = 'scheduled' AND c.startAt <= @now) OR (c.status = 'sending' AND c.planned = false AND c.updatedAt < @stale)",
    [
      { name: '@now', value: iso },
      { name: '@stale', value: new Date(now.getTime() - QUEUED_TTL_MS).toISOString() },
    ],
  );
  for (const c of starting) {
    if (c.status === 'scheduled')
      await campaigns.save({ ...c, status: 'sending', updatedAt: iso }).catch(() => undefined);
    await deps.plan(c.ownerId, c.id);
    started++;
  }

  const due = await querySystem<MessageDoc>(
    'messages',
    `SELECT TOP ${DUE_PER_RUN} * FROM c WHERE (c.status = 'scheduled' AND c.sendAt <= @now) OR (c.status = 'queued' AND c.queuedAt < @queuedBefore) OR (c.status = 'sending' AND c.claimedAt < @claimedBefore)`,
    [
      { name: '@now', value: iso },
      { name: '@queuedBefore', value: new Date(now.getTime() - QUEUED_TTL_MS).toISOString() },
      { name: '@claimedBefore', value: new Date(now.getTime() - CLAIM_TTL_MS).toISOString() },
    ],
  );
  const queued = await queueDue(due, now, deps);
  const done = await closeFinished(now);
  return { queued, started, done };
}

/**
 * What the send-email queue's `plan` message does: writes step 1 (planCampaign) and sends the
 * messages due now off in batches at once, without waiting for the clock.
 */
export async function planAndQueue(
  ownerId: string,
  campaignId: string,
  deps: Pick<CampaignDeps, 'now' | 'contacts'> & Pick<ScheduleDeps, 'send'>,
): Promise<{ campaign: CampaignDoc | undefined; queued: number }> {
  const { campaign, queued } = await planCampaign(ownerId, campaignId, deps);
  if (campaign?.status !== 'sending') return { campaign, queued: 0 };
  for (let i = 0; i < queued.length; i += SEND_BATCH) {
    await deps.send(ownerId, campaignId, queued.slice(i, i + SEND_BATCH));
  }
  await closeIfFinished(campaign, deps.now());
  return { campaign, queued: queued.length };
}

/** Marks due messages queued (so the next run does not queue them again) and sends them off in batches. */
export async function queueDue(
  due: MessageDoc[],
  now: Date,
  deps: Pick<ScheduleDeps, 'send'>,
): Promise<number> {
  const byCampaign = new Map<string, MessageDoc[]>();
  for (const m of due) {
    // Pushed, not copied: copying the list per message made 100k messages take over a minute.
    const key = `${m.ownerId}/${m.campaignId}`;
    const list = byCampaign.get(key);
    if (list) list.push(m);
    else byCampaign.set(key, [m]);
  }
  let count = 0;
  for (const list of byCampaign.values()) {
    const { ownerId, campaignId } = list[0]!;
    const campaign = await campaigns.find(ownerId, campaignId);
    if (!campaign || !['sending', 'waiting'].includes(campaign.status)) continue;
    if (campaign.status === 'waiting') {
      if (campaign.resumesAt && Date.parse(campaign.resumesAt) > now.getTime()) continue;
      await campaigns
        .save({
          ...campaign,
          status: 'sending',
          statusDetail: null,
          resumesAt: null,
          updatedAt: now.toISOString(),
        })
        .catch(() => undefined);
    }
    // A message stuck in `sending` keeps its status: the batch settles it (sent, or not).
    const marked = list.map((m) =>
      m.status === 'sending' ? m : { ...m, status: 'queued' as const, queuedAt: now.toISOString() },
    );
    const statuses = await writeMessages(
      ownerId,
      marked.filter((m) => m.status === 'queued'),
      'replace',
    );
    const taken = new Set(
      marked
        .filter((m) => m.status === 'queued')
        .filter((_, i) => statuses[i] === 200)
        .map((m) => m.id),
    );
    const ids = marked.filter((m) => m.status === 'sending' || taken.has(m.id)).map((m) => m.id);
    for (let i = 0; i < ids.length; i += SEND_BATCH)
      await deps.send(ownerId, campaignId, ids.slice(i, i + SEND_BATCH));
    count += ids.length;
  }
  return count;
}

async function closeFinished(now: Date): Promise<number> {
  const active = await querySystem<CampaignDoc>(
    'campaigns',
    "SELECT * FROM c WHERE c.status = 'sending' AND c.planned = true",
    [],
  );
  let done = 0;
  for (const c of active) if (await closeIfFinished(c, now)) done++;
  return done;
}

/** Done when every message of a planned campaign has an outcome (follow-ups included). */
export async function closeIfFinished(campaign: CampaignDoc, now: Date): Promise<boolean> {
  if (campaign.status !== 'sending' || !campaign.planned) return false;
  const open = await querySystem<number>(
    'messages',
    "SELECT VALUE COUNT(1) FROM c WHERE c.ownerId = @o AND c.campaignId = @c AND (c.status = 'scheduled' OR c.status = 'queued' OR c.status = 'sending')",
    [
      { name: '@o', value: campaign.ownerId },
      { name: '@c', value: campaign.id },
    ],
  );
  if ((open[0] ?? 0) > 0) return false;
  const at = now.toISOString();
  await campaigns
    .save({ ...campaign, status: 'done', completedAt: at, updatedAt: at })
    .catch(() => undefined);
  return true;
}

/** A campaign's messages due now (right after planning, so the first step goes without waiting for the clock). */
export async function dueMessages(ownerId: string, campaignId: string, now: Date): Promise<MessageDoc[]> {
  return querySystem<MessageDoc>(
    'messages',
    "SELECT * FROM c WHERE c.ownerId = @o AND c.campaignId = @c AND c.status = 'scheduled' AND c.sendAt <= @now",
    [
      { name: '@o', value: ownerId },
      { name: '@c', value: campaignId },
      { name: '@now', value: now.toISOString() },
    ],
  );
}

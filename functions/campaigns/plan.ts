import { hash } from 'node:crypto';
import { displayName } from '../contacts/model.js';
import { audienceContacts, type CampaignDeps } from './campaigns.js';
import { type CampaignDoc, campaigns, type MessageDoc, writeMessages } from './store.js';

/** The message id of (campaign, step, contact): the idempotency key of that one email. */
export const messageIdFor = (campaignId: string, step: number, contactId: string): string =>
  hash('sha256', `${campaignId}:${step}:${contactId}`, 'base64url').slice(0, 32);

export function newMessage(
  campaign: Pick<CampaignDoc, 'id' | 'ownerId' | 'senderId'>,
  step: number,
  contact: { id: string; email?: string; firstName?: string; lastName?: string; company?: string },
  sendAt: string,
): MessageDoc {
  return {
    id: messageIdFor(campaign.id, step, contact.id),
    ownerId: campaign.ownerId,
    campaignId: campaign.id,
    senderId: campaign.senderId,
    step,
    contactId: contact.id,
    to: contact.email ?? null,
    contactName: displayName(contact),
    status: 'scheduled',
    reason: null,
    sendAt,
    claimedAt: null,
    queuedAt: null,
    sentAt: null,
    providerMessageId: null,
    events: [],
  };
}

/**
 * Writes step 1's message for every contact of the audience (contacts with no address get theirs
 * marked skipped at once), then marks the campaign planned. Repeating it (a redelivered message,
 * a killed worker) writes nothing twice: ids are fixed, and existing messages answer 409.
 */
export async function planCampaign(
  ownerId: string,
  campaignId: string,
  deps: Pick<CampaignDeps, 'now' | 'contacts'>,
): Promise<{ campaign: CampaignDoc | undefined; queued: string[] }> {
  const campaign = await campaigns.find(ownerId, campaignId);
  if (!campaign || campaign.planned || !['sending', 'scheduled'].includes(campaign.status)) {
    return { campaign, queued: [] };
  }
  const now = deps.now().toISOString();
  const later = campaign.startAt !== null && campaign.startAt > now;
  // Due now: written as queued, so the caller sends them off without marking them again.
  const queued: string[] = [];
  for await (const page of audienceContacts(ownerId, campaign.audience, deps.contacts)) {
    const docs = page.map((contact): MessageDoc => {
      const doc = newMessage(campaign, 1, contact, later ? campaign.startAt! : now);
      if (!doc.to) return { ...doc, status: 'skipped', reason: 'no email' };
      return later ? doc : { ...doc, status: 'queued', queuedAt: now };
    });
    const statuses = await writeMessages(ownerId, docs, 'create');
    const failed = statuses.filter((s) => s !== 201 && s !== 200 && s !== 409);
    if (failed.length) throw new Error(`Writing ${failed.length} campaign message(s) failed (${failed[0]})`);
    // A message written by an earlier, interrupted run (409) is the clock's to queue again.
    docs.forEach((d, i) => {
      if (d.status === 'queued' && statuses[i] === 201) queued.push(d.id);
    });
  }
  const latest = (await campaigns.find(ownerId, campaignId))!;
  return {
    campaign: await campaigns.save({ ...latest, planned: true, updatedAt: deps.now().toISOString() }),
    queued,
  };
}

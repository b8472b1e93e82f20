import { AppError, notFound } from '../_shared/errors.js';
import type { ContactStore } from '../contacts/contact-store.js';
import type { ContactDoc } from '../contacts/model.js';
import { type SuppressionStore, suppressedAmong } from '../suppressions/suppressions.js';
import {
  type Audience,
  type CampaignCounts,
  type CampaignDto,
  CampaignInput,
  type MessageDto,
  type MessageListQuery,
  type MessagePage,
} from './schema.js';
import { getSender } from './senders.js';
import { type CampaignDoc, campaigns, type MessageDoc, queryOwned } from './store.js';

export interface CampaignDeps {
  now(): Date;
  newId(): string;
  contacts: ContactStore;
  suppressions: SuppressionStore;
  /** Asks the send-email worker to plan a started campaign. */
  plan(ownerId: string, campaignId: string): Promise<void>;
  /** Whether a template exists for the owner (and compiles). */
  templateExists(ownerId: string, templateId: string): Promise<boolean>;
}

const SENT = ['sent', 'delivered', 'opened', 'clicked', 'replied', 'bounced'];
const DELIVERED = ['delivered', 'opened', 'clicked', 'replied'];

/** Counts from the messages themselves, so they are exact whatever crashed or was redelivered. */
export async function countMessages(ownerId: string, campaignId: string): Promise<CampaignCounts> {
  const rows = await queryOwned<Pick<MessageDoc, 'status' | 'reason' | 'step'>>(
    'messages',
    ownerId,
    'c.campaignId = @c',
    [{ name: '@c', value: campaignId }],
  );
  const n = (test: (r: (typeof rows)[number]) => boolean) => rows.filter(test).length;
  return {
    recipients: n((r) => r.step === 1),
    scheduled: n((r) => ['scheduled', 'queued', 'sending'].includes(r.status)),
    sent: n((r) => SENT.includes(r.status)),
    delivered: n((r) => DELIVERED.includes(r.status)),
    opened: n((r) => r.status === 'opened' || r.status === 'clicked'),
    clicked: n((r) => r.status === 'clicked'),
    replied: n((r) => r.status === 'replied'),
    bounced: n((r) => r.status === 'bounced'),
    failed: n((r) => r.status === 'failed'),
    skippedNoEmail: n((r) => r.status === 'skipped' && r.reason === 'no email'),
    skippedSuppressed: n((r) => r.status === 'skipped' && (r.reason ?? '').startsWith('suppressed')),
    stopped: n((r) => r.status === 'stopped'),
  };
}

async function toDto(doc: CampaignDoc): Promise<CampaignDto> {
  return {
    id: doc.id,
    name: doc.name,
    audience: doc.audience,
    senderId: doc.senderId,
    startAt: doc.startAt,
    steps: doc.steps,
    status: doc.status,
    counts: await countMessages(doc.ownerId, doc.id),
    statusDetail: doc.statusDetail,
    resumesAt: doc.resumesAt,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    startedAt: doc.startedAt,
    completedAt: doc.completedAt,
  };
}

export async function getCampaignDoc(ownerId: string, id: string): Promise<CampaignDoc> {
  const doc = await campaigns.find(ownerId, id);
  if (!doc) throw notFound('Campaign');
  return doc;
}

export const getCampaign = async (ownerId: string, id: string) => toDto(await getCampaignDoc(ownerId, id));

export async function listCampaigns(ownerId: string): Promise<CampaignDto[]> {
  const docs = await queryOwned<CampaignDoc>('campaigns', ownerId, '', [], 'ORDER BY c.createdAt DESC');
  return Promise.all(docs.map(toDto));
}

function fields(input: CampaignInput) {
  const parsed = CampaignInput.parse(input);
  return { ...parsed, steps: parsed.steps.map((s, i) => ({ ...s, delayDays: i === 0 ? 0 : s.delayDays })) };
}

export async function createCampaign(
  ownerId: string,
  input: CampaignInput,
  deps: CampaignDeps,
): Promise<CampaignDto> {
  const now = deps.now().toISOString();
  const doc = await campaigns.create({
    ...fields(input),
    id: deps.newId(),
    ownerId,
    status: 'draft',
    statusDetail: null,
    resumesAt: null,
    planned: false,
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    completedAt: null,
  });
  return toDto(doc);
}

export async function updateCampaign(ownerId: string, id: string, input: CampaignInput, deps: CampaignDeps) {
  const doc = await getCampaignDoc(ownerId, id);
  if (doc.status !== 'draft')
    throw new AppError('CONFLICT', 'A started campaign cannot be edited — pause it, or copy it.');
  return toDto(await campaigns.save({ ...doc, ...fields(input), updatedAt: deps.now().toISOString() }));
}

export async function deleteCampaign(ownerId: string, id: string): Promise<void> {
  const doc = await getCampaignDoc(ownerId, id);
  if (['sending', 'waiting', 'scheduled'].includes(doc.status)) {
    throw new AppError('CONFLICT', 'Pause the campaign before deleting it.');
  }
  await campaigns.remove(ownerId, id);
}

const AUDIENCE_PAGE = 5000;

/** Every contact of an audience, page by page (chosen ids, or all matching a filter). */
export async function* audienceContacts(
  ownerId: string,
  audience: Audience,
  contacts: ContactStore,
): AsyncGenerator<ContactDoc[]> {
  if ('ids' in audience) {
    for (let i = 0; i < audience.ids.length; i += 500)
      yield contacts.readMany(ownerId, audience.ids.slice(i, i + 500));
    return;
  }
  // Large pages: each page of a filtered list is a new query, and the local API server answers
  // each by reading the whole container (a 100k audience read in pages of 500 took 27 s).
  yield* contacts.pages(ownerId, audience.filter, { sort: 'createdAt', dir: 'asc' }, AUDIENCE_PAGE);
}

/** The wizard's live count: who the audience is, who has no address, who is suppressed. */
export async function countAudience(ownerId: string, audience: Audience, deps: CampaignDeps) {
  let count = 0;
  let withoutEmail = 0;
  let suppressed = 0;
  for await (const page of audienceContacts(ownerId, audience, deps.contacts)) {
    count += page.length;
    const emails = page.flatMap((c) => (c.email ? [c.email] : []));
    withoutEmail += page.length - emails.length;
    suppressed += (await suppressedAmong(deps.suppressions, ownerId, emails)).size;
  }
  return { count, withoutEmail, suppressed };
}

/**
 * Starts a draft: checks what a send needs (a sender with a postal address for the footer, each
 * step's template), then hands it to the send-email worker, which writes one message per contact
 * and sends them as their time comes, within the sender's caps.
 */
export async function startCampaign(ownerId: string, id: string, deps: CampaignDeps): Promise<CampaignDto> {
  const doc = await getCampaignDoc(ownerId, id);
  if (doc.status !== 'draft') throw new AppError('CONFLICT', 'This campaign has already been started.');
  const sender = await getSender(ownerId, doc.senderId).catch(() => {
    throw new AppError('VALIDATION', 'Choose a sender for this campaign.', [
      { path: 'senderId', message: 'no such sender' },
    ]);
  });
  if (!sender.postalAddress.trim()) {
    throw new AppError(
      'VALIDATION',
      `Add a postal address to ${sender.email} first: every outreach email carries it in its footer.`,
      [{ path: 'sender.postalAddress', message: 'required to start a campaign' }],
    );
  }
  for (const [i, step] of doc.steps.entries()) {
    if (!(await deps.templateExists(ownerId, step.templateId))) {
      throw new AppError('VALIDATION', `Step ${i + 1}'s template no longer exists — choose another.`, [
        { path: `steps.${i}.templateId`, message: 'template not found' },
      ]);
    }
  }
  const now = deps.now();
  const later = doc.startAt !== null && Date.parse(doc.startAt) > now.getTime();
  const started = await campaigns.save({
    ...doc,
    status: later ? 'scheduled' : 'sending',
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
  });
  if (!later) await deps.plan(ownerId, id);
  return toDto(started);
}

export async function pauseCampaign(ownerId: string, id: string, deps: CampaignDeps): Promise<CampaignDto> {
  const doc = await getCampaignDoc(ownerId, id);
  if (!['scheduled', 'sending', 'waiting'].includes(doc.status)) {
    throw new AppError('CONFLICT', `A ${doc.status} campaign cannot be paused.`);
  }
  const at = deps.now().toISOString();
  return toDto(
    await campaigns.save({ ...doc, status: 'paused', statusDetail: `Paused ${at}`, updatedAt: at }),
  );
}

export async function resumeCampaign(ownerId: string, id: string, deps: CampaignDeps): Promise<CampaignDto> {
  const doc = await getCampaignDoc(ownerId, id);
  if (doc.status !== 'paused') throw new AppError('CONFLICT', 'Only a paused campaign can be resumed.');
  const saved = await campaigns.save({
    ...doc,
    status: 'sending',
    statusDetail: null,
    resumesAt: null,
    updatedAt: deps.now().toISOString(),
  });
  if (!saved.planned) await deps.plan(ownerId, id);
  return toDto(saved);
}

const toMessageDto = (m: MessageDoc): MessageDto => ({
  id: m.id,
  campaignId: m.campaignId,
  step: m.step,
  contactId: m.contactId,
  to: m.to,
  contactName: m.contactName,
  status: m.status,
  reason: m.reason,
  sendAt: m.sendAt,
  sentAt: m.sentAt,
  events: m.events.map(({ type, at, detail }) => ({ type, at, ...(detail && { detail }) })),
});

export async function listMessages(ownerId: string, id: string, q: MessageListQuery): Promise<MessagePage> {
  await getCampaignDoc(ownerId, id);
  const where = ['c.campaignId = @c'];
  const params: { name: string; value: unknown }[] = [{ name: '@c', value: id }];
  if (q.status) {
    where.push('c.status = @s');
    params.push({ name: '@s', value: q.status });
  }
  if (q.step) {
    where.push('c.step = @step');
    params.push({ name: '@step', value: q.step });
  }
  const docs = await queryOwned<MessageDoc>('messages', ownerId, where.join(' AND '), params);
  docs.sort(
    (a, b) =>
      a.step - b.step || a.sendAt.localeCompare(b.sendAt) || a.contactName.localeCompare(b.contactName),
  );
  const start = Number(q.continuationToken ?? 0) || 0;
  const items = docs.slice(start, start + q.limit);
  return {
    items: items.map(toMessageDto),
    continuationToken: start + q.limit < docs.length ? String(start + q.limit) : null,
  };
}

import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import { AppError } from '../_shared/errors.js';
import { cosmosAvailabilityStore } from '../availability/cosmos-availability-store.js';
import type { MeetingDoc } from '../booking/model.js';
import { type CampaignDoc, type MessageDoc, queryOwned } from '../campaigns/store.js';
import type { ContactDoc } from '../contacts/model.js';
import { countLeadMove } from '../dashboard/count-events.js';
import { countingDeps, logCountFailure } from '../dashboard/deps.js';
import type { LeadEventDoc, LeadEventStore } from './lead-events.js';
import type { LeadActivity, StageNames } from './leads.js';
import type { EndedMeeting } from './meetings-passed.js';
import type { OwnerZone } from './morning.js';
import type { ParsedLeadListQuery } from './schema.js';

async function query(ownerId: string, where: string, parameters: { name: string; value: string }[]) {
  const { resources } = await (await getContainer('lead-events')).items
    .query<LeadEventDoc>(
      {
        query: `SELECT * FROM c WHERE c.ownerId = @o AND ${where} ORDER BY c.at`,
        parameters: [{ name: '@o', value: ownerId }, ...parameters],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return resources.map(strip);
}

const strip = ({
  id,
  ownerId,
  contactId,
  type,
  from,
  to,
  cause,
  ref,
  nextAction,
  at,
  recordedAt,
}: LeadEventDoc) =>
  ({ id, ownerId, contactId, type, from, to, cause, ref, nextAction, at, recordedAt }) as LeadEventDoc;

/** Lead events in Cosmos; every query names the owner's partition. */
export const cosmosLeadEventStore: LeadEventStore = {
  async record(doc) {
    try {
      await (await getContainer('lead-events')).items.create(doc);
    } catch (err) {
      // Recorded before (its id is derived from what happened): a replay, counted once.
      if (cosmosStatus(err) === 409) return;
      throw err;
    }
    await countLeadMove(doc, countingDeps()).catch(logCountFailure);
  },
  forContact: (ownerId, contactId) => query(ownerId, 'c.contactId = @c', [{ name: '@c', value: contactId }]),
  movesBetween: (ownerId, from, to) =>
    query(ownerId, "c.type = 'stage' AND c.recordedAt >= @from AND c.recordedAt < @to", [
      { name: '@from', value: from },
      { name: '@to', value: to },
    ]),
};

/** Booked meetings of every owner that ended in (from, to]: the system path of the meeting-passed timer. */
export async function meetingsEndedBetween(from: string, to: string): Promise<EndedMeeting[]> {
  const { resources } = await (await getContainer('meetings')).items
    .query<EndedMeeting>({
      query:
        "SELECT c.id, c.ownerId, c.contactId, c['end'] FROM c WHERE c.status = 'booked' AND c['end'] > @from AND c['end'] <= @to",
      parameters: [
        { name: '@from', value: from },
        { name: '@to', value: to },
      ],
    })
    .fetchAll();
  return resources;
}

/** The WHERE clause of a lead list: the owner's partition and the filters. */
function leadsWhere(ownerId: string, q: ParsedLeadListQuery, today: string) {
  const where = ['c.ownerId = @o'];
  const parameters = [{ name: '@o', value: ownerId }];
  const add = (clause: string, name: string, value: string) => {
    where.push(clause);
    parameters.push({ name, value });
  };
  if (q.stage) add('c.status = @stage', '@stage', q.stage);
  if (q.source) add('c.source = @source', '@source', q.source);
  if (q.tag) add('ARRAY_CONTAINS(c.tagKeys, @tag)', '@tag', q.tag.toLowerCase());
  if (q.due) {
    const op = { today: '=', overdue: '<', due: '<=' }[q.due];
    add(`IS_DEFINED(c.lead.nextAction.on) AND c.lead.nextAction.on ${op} @today`, '@today', today);
  }
  return { where, parameters };
}

/** How many of the owner's leads match the filters (a board column's count). */
export async function countLeads(ownerId: string, q: ParsedLeadListQuery, today: string): Promise<number> {
  const { where, parameters } = leadsWhere(ownerId, q, today);
  const { resources } = await (await getContainer('contacts')).items
    .query<number>(
      { query: `SELECT VALUE COUNT(1) FROM c WHERE ${where.join(' AND ')}`, parameters },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return resources[0] ?? 0;
}

/** One page of the owner's contacts as leads, newest change first, filtered in Cosmos. */
export async function queryLeads(
  ownerId: string,
  q: ParsedLeadListQuery,
  today: string,
): Promise<{ docs: ContactDoc[]; continuationToken: string | null }> {
  const { where, parameters } = leadsWhere(ownerId, q, today);
  try {
    const page = await (await getContainer('contacts')).items
      .query<ContactDoc>(
        { query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.updatedAt DESC`, parameters },
        { partitionKey: ownerId, maxItemCount: q.limit, continuationToken: q.continuationToken },
      )
      .fetchNext();
    return {
      docs: page.resources.filter((d) => d.ownerId === ownerId),
      continuationToken: page.continuationToken ?? null,
    };
  } catch (err) {
    if (q.continuationToken && cosmosStatus(err) === 400)
      throw new AppError('VALIDATION', 'The continuation token is not valid.', [
        { path: 'continuationToken', message: 'not a valid continuation token' },
      ]);
    throw err;
  }
}

/** A contact's campaign emails (with their campaign's name) and meetings, for the timeline. */
export async function leadActivity(ownerId: string, contactId: string): Promise<LeadActivity> {
  const byContact = [{ name: '@c', value: contactId }];
  const [messages, meetings] = await Promise.all([
    queryOwned<MessageDoc>('messages', ownerId, 'c.contactId = @c', byContact),
    (async () => {
      const { resources } = await (await getContainer('meetings')).items
        .query<MeetingDoc>(
          {
            query: 'SELECT * FROM c WHERE c.ownerId = @o AND c.contactId = @c',
            parameters: [{ name: '@o', value: ownerId }, ...byContact],
          },
          { partitionKey: ownerId },
        )
        .fetchAll();
      return resources;
    })(),
  ]);
  const campaignIds = [...new Set(messages.map((m) => m.campaignId))];
  const named = campaignIds.length
    ? await queryOwned<CampaignDoc>('campaigns', ownerId, 'ARRAY_CONTAINS(@ids, c.id)', [
        { name: '@ids', value: campaignIds },
      ])
    : [];
  const names = new Map(named.map((c) => [c.id, c.name]));
  return {
    emails: messages.map((m) => ({
      id: m.id,
      campaign: names.get(m.campaignId) ?? 'a deleted campaign',
      step: m.step,
      events: m.events,
    })),
    meetings: meetings.map((m) => ({ id: m.id, title: m.title, start: m.start, events: m.events })),
  };
}

interface StageNamesDoc {
  id: 'lead-stages';
  ownerId: string;
  names: StageNames;
  updatedAt: string;
}
const settings = ownedDocuments<StageNamesDoc>('settings', 'stage names');

export const readStageNamesDoc = async (ownerId: string): Promise<StageNames> =>
  (await settings.find(ownerId, 'lead-stages'))?.names ?? {};

export async function saveStageNamesDoc(ownerId: string, names: StageNames): Promise<void> {
  await settings.upsert({ id: 'lead-stages', ownerId, names, updatedAt: new Date().toISOString() });
}

/** The owner's zone: their availability's, else UTC (an owner who never opened Availability). */
export async function ownerZone(ownerId: string): Promise<string> {
  return (await cosmosAvailabilityStore.read(ownerId))?.rules.timeZone ?? 'UTC';
}

/**
 * Who the morning timers serve, with their zone: every owner who saved availability (its zone), and
 * every owner with a sender but no availability (UTC) — both are owners whose address we know.
 */
export async function ownersWithZones(): Promise<OwnerZone[]> {
  const [{ resources: zoned }, { resources: sending }] = await Promise.all([
    (await getContainer('settings')).items
      .query<OwnerZone>("SELECT c.ownerId, c.rules.timeZone FROM c WHERE c.id = 'availability'")
      .fetchAll(),
    (await getContainer('senders')).items.query<{ ownerId: string }>('SELECT c.ownerId FROM c').fetchAll(),
  ]);
  const owners = new Map(zoned.filter((o) => o.ownerId && o.timeZone).map((o) => [o.ownerId, o]));
  for (const { ownerId } of sending)
    if (ownerId && !owners.has(ownerId)) owners.set(ownerId, { ownerId, timeZone: 'UTC' });
  return [...owners.values()];
}

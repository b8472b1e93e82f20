import { getContainer } from '../_shared/cosmos/client.js';
import type { LeadEventDoc, LeadEventStore } from './lead-events.js';
import type { EndedMeeting } from './meetings-passed.js';

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
    await (await getContainer('lead-events')).items.upsert(doc);
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

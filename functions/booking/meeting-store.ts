import { getContainer } from '../_shared/cosmos/client.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import type { MeetingDoc } from './model.js';

export interface MeetingStore {
  create(doc: MeetingDoc): Promise<MeetingDoc>;
  find(ownerId: string, id: string): Promise<MeetingDoc | undefined>;
  /** Replaces only if unchanged since read; ChangedError (409) otherwise. */
  save(doc: MeetingDoc): Promise<MeetingDoc>;
  /** Which of these meetings exist and are booked. */
  booked(ownerId: string, ids: string[]): Promise<Set<string>>;
  /** One page, upcoming (by start), past or all (latest first); optionally one contact's only. */
  page(
    ownerId: string,
    when: 'upcoming' | 'past' | 'all',
    now: Date,
    continuation: string | undefined,
    size: number,
    contactId?: string,
  ): Promise<{ docs: MeetingDoc[]; continuation: string | null }>;
}

const docs = ownedDocuments<MeetingDoc>('meetings', 'meeting');

export const cosmosMeetingStore: MeetingStore = {
  create: docs.create,
  find: docs.find,
  save: docs.save,
  async booked(ownerId, ids) {
    if (!ids.length) return new Set();
    const { resources } = await (await getContainer('meetings')).items
      .query<{ id: string }>(
        {
          query:
            "SELECT c.id FROM c WHERE c.ownerId = @o AND ARRAY_CONTAINS(@ids, c.id) AND c.status = 'booked'",
          parameters: [
            { name: '@o', value: ownerId },
            { name: '@ids', value: ids },
          ],
        },
        { partitionKey: ownerId },
      )
      .fetchAll();
    return new Set(resources.map((r) => r.id));
  },
  async page(ownerId, when, now, continuation, size, contactId) {
    const upcoming = when === 'upcoming';
    const order = upcoming ? 'ASC' : 'DESC';
    const filters = [
      'c.ownerId = @o',
      ...(when === 'all' ? [] : [`c["end"] ${upcoming ? '>' : '<='} @now`]),
      ...(contactId ? ['c.contactId = @contact'] : []),
    ];
    const response = await (await getContainer('meetings')).items
      .query<MeetingDoc>(
        {
          query: `SELECT * FROM c WHERE ${filters.join(' AND ')} ORDER BY c.start ${order}, c.id ${order}`,
          parameters: [
            { name: '@o', value: ownerId },
            { name: '@now', value: now.toISOString() },
            { name: '@contact', value: contactId ?? '' },
          ],
        },
        {
          partitionKey: ownerId,
          maxItemCount: size,
          ...(continuation && { continuationToken: continuation }),
        },
      )
      .fetchNext();
    return { docs: response.resources, continuation: response.continuationToken ?? null };
  },
};

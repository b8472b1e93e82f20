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
  /** One page, upcoming (by start) or past (latest first). */
  page(
    ownerId: string,
    when: 'upcoming' | 'past',
    now: Date,
    continuation: string | undefined,
    size: number,
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
  async page(ownerId, when, now, continuation, size) {
    const upcoming = when === 'upcoming';
    const response = await (await getContainer('meetings')).items
      .query<MeetingDoc>(
        {
          query: `SELECT * FROM c WHERE c.ownerId = @o AND c.end ${upcoming ? '>' : '<='} @now ORDER BY c.start ${
            upcoming ? 'ASC' : 'DESC'
          }, c.id ${upcoming ? 'ASC' : 'DESC'}`,
          parameters: [
            { name: '@o', value: ownerId },
            { name: '@now', value: now.toISOString() },
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

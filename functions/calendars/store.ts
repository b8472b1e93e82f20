import { readOwned } from '../_shared/cosmos/bulk.js';
import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import type { CalendarConnectionDoc, ConnectionStore } from './connections.js';
import type { OAuthStateDoc, OAuthStateStore } from './oauth.js';

const docs = ownedDocuments<CalendarConnectionDoc>('calendar-connections', 'calendar connection');

/** Connections in the `calendar-connections` container (partition /ownerId), oldest first. */
export const cosmosConnectionStore: ConnectionStore = {
  async list(ownerId) {
    const { resources } = await (await getContainer('calendar-connections')).items
      .query<CalendarConnectionDoc>(
        {
          query: 'SELECT * FROM c WHERE c.ownerId = @o ORDER BY c.createdAt',
          parameters: [{ name: '@o', value: ownerId }],
        },
        { partitionKey: ownerId },
      )
      .fetchAll();
    return resources;
  },
  find: docs.find,
  create: docs.create,
  save: docs.save,
  remove: docs.remove,
};

/** Every owner's connections, a page at a time, for the timer that re-checks them. */
export async function connectionsCheckedBefore(at: Date, limit: number): Promise<CalendarConnectionDoc[]> {
  const { resources } = await (await getContainer('calendar-connections')).items
    .query<CalendarConnectionDoc>({
      query: `SELECT TOP ${Math.floor(limit)} * FROM c WHERE c.checkedAt < @at ORDER BY c.checkedAt`,
      parameters: [{ name: '@at', value: at.toISOString() }],
    })
    .fetchAll();
  return resources;
}

/** OAuth states: created once, taken once (a read then a delete with If-Match). */
export const cosmosOAuthStateStore: OAuthStateStore = {
  async create(doc) {
    await (await getContainer('oauth-states')).items.create(doc);
  },
  async take(ownerId, id) {
    const container = await getContainer('oauth-states');
    const doc = await readOwned<OAuthStateDoc>(container, ownerId, id);
    if (!doc) return undefined;
    try {
      await container
        .item(id, ownerId)
        .delete({ accessCondition: { type: 'IfMatch', condition: doc._etag! } });
      return doc;
    } catch (err) {
      // Another request took it first (404 / 412): this one did not.
      if (cosmosStatus(err) === 404 || cosmosStatus(err) === 412) return undefined;
      throw err;
    }
  },
};

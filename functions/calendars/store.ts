import { readOwned } from '../_shared/cosmos/bulk.js';
import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import type { BusyCacheDoc, BusyCacheStore } from './busy-cache.js';
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

/** Every owner's connections of some kinds, a page at a time (the sync timer). */
export async function* connectionsOfKinds(kinds: string[]): AsyncGenerator<CalendarConnectionDoc[]> {
  const query = (await getContainer('calendar-connections')).items.query<CalendarConnectionDoc>(
    {
      query: 'SELECT * FROM c WHERE ARRAY_CONTAINS(@kinds, c.kind)',
      parameters: [{ name: '@kinds', value: kinds }],
    },
    { maxItemCount: 100 },
  );
  for await (const page of query.getAsyncIterator()) yield page.resources;
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

/** The busy-time cache in `calendar-busy` (partition /ownerId, id = the connection's id). */
export const cosmosBusyCacheStore: BusyCacheStore = {
  async read(ownerId, connectionId) {
    return readOwned<BusyCacheDoc>(await getContainer('calendar-busy'), ownerId, connectionId);
  },
  async write(doc, etag) {
    const container = await getContainer('calendar-busy');
    try {
      if (etag)
        await container
          .item(doc.id, doc.ownerId)
          .replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      else await container.items.create(doc);
      return true;
    } catch (err) {
      // Emptied (412) or filled by another request (409) since it was read: theirs stands.
      if ([404, 409, 412].includes(cosmosStatus(err) ?? 0)) return false;
      throw err;
    }
  },
  async empty(ownerId, connectionId, at) {
    await (await getContainer('calendar-busy')).items.upsert<BusyCacheDoc>({
      id: connectionId,
      ownerId,
      key: '',
      from: 0,
      to: 0,
      busy: null,
      fetchedAt: 0,
      emptiedAt: at,
      ttl: 2 * 24 * 3600,
    });
  },
};

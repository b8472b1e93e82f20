import { readOwned } from '../_shared/cosmos/bulk.js';
import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import type { NotificationRecordDoc, RecordStore } from './records.js';
import type { NotificationLogQuery } from './schema.js';

const container = () => getContainer('notifications');

/** Delivery records in the `notifications` container (partition /ownerId). */
export const cosmosRecordStore: RecordStore = {
  async createIfAbsent(doc) {
    try {
      const { resource } = await (await container()).items.create<NotificationRecordDoc>(doc);
      return resource;
    } catch (err) {
      if (cosmosStatus(err) === 409) return undefined;
      throw err;
    }
  },
  async find(ownerId, id) {
    return readOwned<NotificationRecordDoc>(await container(), ownerId, id);
  },
  async replace(doc) {
    try {
      const { resource } = await (await container())
        .item(doc.id, doc.ownerId)
        .replace<NotificationRecordDoc>(doc, { accessCondition: { type: 'IfMatch', condition: doc._etag! } });
      return resource;
    } catch (err) {
      if (cosmosStatus(err) === 412 || cosmosStatus(err) === 404) return undefined;
      throw err;
    }
  },
  async findByProviderId(ownerId, providerMessageId) {
    const { resources } = await (await container()).items
      .query<NotificationRecordDoc>(
        {
          query: 'SELECT * FROM c WHERE c.ownerId = @o AND c.providerMessageId = @p',
          parameters: [
            { name: '@o', value: ownerId },
            { name: '@p', value: providerMessageId },
          ],
        },
        { partitionKey: ownerId },
      )
      .fetchAll();
    return resources[0];
  },
};

/** One page of the owner's log, newest first, filtered. */
export async function listRecords(
  ownerId: string,
  filter: NotificationLogQuery,
  size = 50,
): Promise<{ docs: NotificationRecordDoc[]; continuationToken: string | null }> {
  const where = ['c.ownerId = @o', "c.type = 'delivery'"];
  const parameters = [{ name: '@o', value: ownerId }];
  for (const field of ['channel', 'status', 'meetingId', 'contactId'] as const) {
    const value = filter[field];
    if (value === undefined) continue;
    where.push(`c.${field} = @${field}`);
    parameters.push({ name: `@${field}`, value });
  }
  const page = await (await container()).items
    .query<NotificationRecordDoc>(
      {
        query: `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.createdAt DESC, c.id DESC`,
        parameters,
      },
      {
        partitionKey: ownerId,
        maxItemCount: size,
        ...(filter.continuationToken && { continuationToken: filter.continuationToken }),
      },
    )
    .fetchNext();
  return {
    // The local API server ignores the partition option: the WHERE clause keeps other owners out.
    docs: page.resources.filter((d) => d.ownerId === ownerId),
    continuationToken: page.continuationToken ?? null,
  };
}

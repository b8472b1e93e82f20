import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import type { SuppressionDoc, SuppressionStore } from './suppressions.js';

const docs = ownedDocuments<SuppressionDoc>('suppressions', 'suppression');
const container = () => getContainer('suppressions');

export const cosmosSuppressionStore: SuppressionStore = {
  async add(doc) {
    try {
      return await docs.create(doc);
    } catch (err) {
      if (cosmosStatus(err) !== 409) throw err;
      return (await docs.find(doc.ownerId, doc.id)) ?? doc;
    }
  },
  async remove(ownerId, id) {
    if (!(await docs.find(ownerId, id))) return false;
    await docs.remove(ownerId, id);
    return true;
  },
  async reasons(ownerId, ids) {
    const { resources } = await (await container()).items
      .query<Pick<SuppressionDoc, 'id' | 'reason'>>(
        {
          query: 'SELECT c.id, c.reason FROM c WHERE c.ownerId = @owner AND ARRAY_CONTAINS(@ids, c.id)',
          parameters: [
            { name: '@owner', value: ownerId },
            { name: '@ids', value: ids },
          ],
        },
        { partitionKey: ownerId },
      )
      .fetchAll();
    return new Map(resources.map((r) => [r.id, r.reason]));
  },
  async list(ownerId, limit, continuationToken) {
    const page = await (await container()).items
      .query<SuppressionDoc>(
        {
          // Erasure records (kind: 'erasure') sit beside the entries; they are not addresses.
          query:
            'SELECT * FROM c WHERE c.ownerId = @owner AND NOT IS_DEFINED(c.kind) ORDER BY c.createdAt DESC',
          parameters: [{ name: '@owner', value: ownerId }],
        },
        { partitionKey: ownerId, maxItemCount: limit, continuationToken },
      )
      .fetchNext();
    return {
      docs: page.resources.filter((d) => d.ownerId === ownerId),
      continuationToken: page.continuationToken ?? null,
    };
  },
};

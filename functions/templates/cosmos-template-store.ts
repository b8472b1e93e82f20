import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import type { TemplateDoc } from './model.js';
import type { TemplateStore } from './template-store.js';

const templates = ownedDocuments<TemplateDoc>('templates', 'template');

/** One marker per user in the settings container: the starters were handed out. */
interface StartersMarker {
  id: 'template-starters';
  ownerId: string;
  givenAt: string;
}
const settings = ownedDocuments<StartersMarker>('settings', 'settings');

export const cosmosTemplateStore: TemplateStore = {
  async list(ownerId) {
    // The owner in the WHERE clause as well as the partition option: the local API server
    // ignores the option, and isolation must never depend on it.
    const { resources } = await (await getContainer('templates')).items
      .query<TemplateDoc>(
        {
          query: 'SELECT * FROM c WHERE c.ownerId = @owner',
          parameters: [{ name: '@owner', value: ownerId }],
        },
        { partitionKey: ownerId },
      )
      .fetchAll();
    return resources.filter((d) => d.ownerId === ownerId);
  },
  read: (ownerId, id) => templates.find(ownerId, id),
  async create(doc) {
    try {
      return await templates.create(doc);
    } catch (err) {
      if (cosmosStatus(err) === 409) return 'exists';
      throw err;
    }
  },
  async replace(doc) {
    try {
      return await (await getContainer('templates'))
        .item(doc.id, doc.ownerId)
        .replace<TemplateDoc>(doc, { accessCondition: { type: 'IfMatch', condition: doc._etag! } })
        .then((r) => r.resource!);
    } catch (err) {
      if (cosmosStatus(err) === 412) return 'changed';
      if (cosmosStatus(err) === 404) return 'gone';
      throw err;
    }
  },
  async delete(ownerId, id) {
    // Read first: ownership is checked on the document itself, never left to the partition option.
    if (!(await templates.find(ownerId, id))) return false;
    await templates.remove(ownerId, id);
    return true;
  },
  startersGiven: async (ownerId) => Boolean(await settings.find(ownerId, 'template-starters')),
  async markStartersGiven(ownerId, at) {
    await settings.upsert({ id: 'template-starters', ownerId, givenAt: at.toISOString() });
  },
};

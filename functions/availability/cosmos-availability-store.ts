import { cosmosStatus } from '../_shared/cosmos/client.js';
import { ChangedError, ownedDocuments } from '../_shared/cosmos/documents.js';
import type { AvailabilityDoc, AvailabilityStore } from './availability.js';

const settings = ownedDocuments<AvailabilityDoc>('settings', 'availability');

function strip(doc: AvailabilityDoc): AvailabilityDoc {
  const { id, ownerId, rules, meetingTypes, host, updatedAt, _etag } = doc;
  return { id, ownerId, rules, meetingTypes, ...(host && { host }), updatedAt, ...(_etag ? { _etag } : {}) };
}

/** The `availability` document of each owner in the settings container, saved with If-Match. */
export const cosmosAvailabilityStore: AvailabilityStore = {
  async read(ownerId) {
    const doc = await settings.find(ownerId, 'availability');
    return doc && strip(doc);
  },
  async write(doc, etag) {
    try {
      if (etag === null) return strip(await settings.create(doc));
      return strip(await settings.save({ ...doc, _etag: etag }));
    } catch (err) {
      // 409: another tab created it first; ChangedError: the etag no longer matches.
      if (err instanceof ChangedError || cosmosStatus(err) === 409) return 'changed';
      throw err;
    }
  },
};

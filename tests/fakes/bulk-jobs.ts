import { ChangedError } from '../../functions/_shared/cosmos/documents.js';
import type { BulkJobDoc, BulkJobStore } from '../../functions/contacts/bulk-jobs.js';

/** Bulk jobs in memory with etags: a save with a stale `_etag` loses, as in Cosmos. */
export function fakeBulkJobStore(): BulkJobStore {
  const docs = new Map<string, BulkJobDoc>();
  let etag = 0;
  const put = (doc: BulkJobDoc) => {
    const stored = { ...doc, _etag: `j${++etag}` };
    docs.set(`${doc.ownerId}/${doc.id}`, stored);
    return structuredClone(stored);
  };
  return {
    async create(doc) {
      return put(doc);
    },
    async find(ownerId, id) {
      const doc = docs.get(`${ownerId}/${id}`);
      return doc && structuredClone(doc);
    },
    async save(doc) {
      if (docs.get(`${doc.ownerId}/${doc.id}`)?._etag !== doc._etag) throw new ChangedError('bulk action');
      return put(doc);
    },
  };
}

import { randomUUID } from 'node:crypto';
import { getConfig } from '../_shared/config.js';
import { bulkWriteContacts, readContactsByIds } from '../_shared/cosmos/contacts-repo.js';
import { enqueue, QUEUES } from '../_shared/storage.js';
import type { ContactStore } from './apply-chunk.js';
import type { ImportDeps } from './import.js';
import { blobImportFiles } from './import-files.js';

/** Contacts in Cosmos, counting every operation (each one inside a bulk call counts). */
export function cosmosContactStore(): ContactStore & { operations: () => number } {
  let operations = 0;
  return {
    operations: () => operations,
    async create(ownerId, docs) {
      const result = await bulkWriteContacts(ownerId, docs, 'create');
      operations += result.operations;
      return result.statuses;
    },
    async replace(ownerId, docs) {
      const result = await bulkWriteContacts(ownerId, docs, 'replace');
      operations += result.operations;
      return result.statuses;
    },
    async readByIds(ownerId, ids) {
      const result = await readContactsByIds(ownerId, ids);
      operations += result.operations;
      return result.docs;
    },
  };
}

/** The real dependencies of the import use case, from configuration. */
export function importDeps(): ImportDeps {
  const config = getConfig();
  return {
    now: () => new Date(),
    newId: () => randomUUID(),
    store: cosmosContactStore(),
    files: blobImportFiles,
    enqueue: (message) => enqueue(QUEUES.importJobs, message),
    limits: {
      syncMaxRows: config.IMPORT_SYNC_MAX_ROWS,
      maxBytes: config.IMPORT_MAX_BYTES,
      chunkRows: config.IMPORT_CHUNK_ROWS,
    },
  };
}

import { randomUUID } from 'node:crypto';
import { getConfig } from '../_shared/config.js';
import { enqueue } from '../_shared/storage.js';
import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import { erasedIdentities } from '../privacy/erased.js';
import type { ImportDeps } from './import.js';
import { blobImportFiles } from './import-files.js';
import { cosmosImportStore } from './imports-store.js';
import { importJobsQueue } from './queue.js';

/** The real dependencies of the import use case, from configuration. */
export function importDeps(): ImportDeps {
  const config = getConfig();
  return {
    now: () => new Date(),
    newId: () => randomUUID(),
    contacts: createCosmosContactStore(),
    imports: cosmosImportStore,
    files: blobImportFiles,
    enqueue: (message) => enqueue(importJobsQueue, message),
    erasedIdentities,
    limits: {
      syncMaxRows: config.IMPORT_SYNC_MAX_ROWS,
      maxBytes: config.IMPORT_MAX_BYTES,
      chunkRows: config.IMPORT_CHUNK_ROWS,
    },
  };
}

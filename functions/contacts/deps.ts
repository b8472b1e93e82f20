import { randomUUID } from 'node:crypto';
import { enqueue } from '../_shared/storage.js';
import { manualMoveEntry } from '../leads/pipeline.js';
import { cosmosLeadEventStore } from '../leads/store.js';
import type { BulkDeps } from './bulk.js';
import { cosmosBulkJobStore } from './bulk-jobs.js';
import type { ContactsDeps } from './contacts.js';
import { createCosmosContactStore } from './cosmos-contact-store.js';
import { contactBulkQueue } from './queue.js';
import { cosmosTrashStore } from './trash-store.js';

/** The real dependencies of the contact use cases. */
export function contactsDeps(): ContactsDeps {
  return {
    store: createCosmosContactStore(),
    trash: cosmosTrashStore,
    now: () => new Date(),
    // A status set on the contacts page or in bulk is a pipeline move by hand, on the lead's timeline.
    statusSet: (ownerId, contactId, from, to, at, ref) =>
      cosmosLeadEventStore.record(manualMoveEntry(ownerId, contactId, from, to, at, ref)),
  };
}

/** …and of bulk actions, which also keep jobs and use the contact-bulk queue. */
export function bulkDeps(): BulkDeps {
  return {
    ...contactsDeps(),
    jobs: cosmosBulkJobStore,
    newId: () => randomUUID(),
    enqueue: (message) => enqueue(contactBulkQueue, message),
  };
}

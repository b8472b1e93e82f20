import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import type { PipelineDeps } from './pipeline.js';
import { cosmosLeadEventStore } from './store.js';

/** Production wiring of the pipeline: Cosmos contacts and lead events, the real clock. */
export function pipelineDeps(): PipelineDeps {
  return { contacts: createCosmosContactStore(), events: cosmosLeadEventStore, now: () => new Date() };
}

import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import type { LeadsDeps } from './leads.js';
import type { PipelineDeps } from './pipeline.js';
import {
  cosmosLeadEventStore,
  countLeads,
  leadActivity,
  ownerZone,
  queryLeads,
  readStageNamesDoc,
  saveStageNamesDoc,
} from './store.js';

/** Production wiring of the pipeline: Cosmos contacts and lead events, the real clock. */
export function pipelineDeps(): PipelineDeps {
  return { contacts: createCosmosContactStore(), events: cosmosLeadEventStore, now: () => new Date() };
}

export function leadsDeps(): LeadsDeps {
  return {
    now: () => new Date(),
    contacts: createCosmosContactStore(),
    events: cosmosLeadEventStore,
    zoneOf: ownerZone,
    stageNames: readStageNamesDoc,
    saveStageNames: saveStageNamesDoc,
    query: queryLeads,
    count: countLeads,
    activity: leadActivity,
  };
}

import { getContainer } from '../_shared/cosmos/client.js';
import { cosmosAvailabilityStore } from '../availability/cosmos-availability-store.js';
import { campaigns } from '../campaigns/store.js';
import { type CountingDeps, type CountMessages, countMessageEvents, type EmailRef } from './count-events.js';
import { applyIncrements } from './store.js';

/** A started campaign's steps do not change; a worker keeps what it read for a few minutes. */
const CACHE_MS = 5 * 60_000;

function cached<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const entries = new Map<string, { at: number; value: Promise<T> }>();
  return (key) => {
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.value;
    if (entries.size > 10_000) entries.clear();
    const value = load(key);
    entries.set(key, { at: Date.now(), value });
    value.catch(() => entries.delete(key));
    return value;
  };
}

/**
 * The owner's zone (their availability's, else UTC), read each time: one point read per batch of
 * events, and a zone just changed is used at once — a cached one put a booking on yesterday.
 */
const zone = async (ownerId: string) =>
  (await cosmosAvailabilityStore.read(ownerId))?.rules.timeZone ?? 'UTC';
const steps = cached(async (key) => {
  const [ownerId, campaignId] = key.split('\u0000') as [string, string];
  return (await campaigns.find(ownerId, campaignId))?.steps.map((s) => s.templateId) ?? [];
});

async function latestEmail(ownerId: string, contactId: string): Promise<EmailRef | undefined> {
  const { resources } = await (await getContainer('messages')).items
    .query<EmailRef & { contactId: string }>(
      {
        query:
          'SELECT TOP 1 c.ownerId, c.contactId, c.campaignId, c.step, c.sentAt FROM c WHERE c.ownerId = @o AND c.contactId = @c AND c.sentAt > "" ORDER BY c.sentAt DESC',
        parameters: [
          { name: '@o', value: ownerId },
          { name: '@c', value: contactId },
        ],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return resources.find((m) => m.ownerId === ownerId && m.contactId === contactId);
}

/** Production wiring: the owner's zone and campaign steps from Cosmos (cached), counters patched. */
export function countingDeps(): CountingDeps {
  return {
    zoneOf: zone,
    templateOf: async (ownerId, campaignId, step) => (await steps(`${ownerId}\u0000${campaignId}`))[step - 1],
    latestEmail,
    apply: applyIncrements,
  };
}

/** Counting never fails the change it counts: the email went, the lead moved; a lost count is logged. */
export const logCountFailure = (err: Error) =>
  console.error(`Dashboard counters not updated: ${err.message}`);

/** Counts message events with the production wiring; a failure is logged, never thrown. */
export const countMessages: CountMessages = (events) =>
  countMessageEvents(events, countingDeps()).catch(logCountFailure);

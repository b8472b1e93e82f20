import type { LeadEventDoc, LeadEventStore } from '../../functions/leads/lead-events.js';

/** Lead events in memory for unit tests: owner isolation and id-keyed writes as in Cosmos. */
export function fakeLeadEventStore(): LeadEventStore & { all(): LeadEventDoc[] } {
  const docs = new Map<string, LeadEventDoc>();
  const byAt = (a: LeadEventDoc, b: LeadEventDoc) => a.at.localeCompare(b.at);
  return {
    all: () => [...docs.values()].sort(byAt),
    async record(doc) {
      docs.set(`${doc.ownerId}/${doc.id}`, { ...doc });
    },
    async forContact(ownerId, contactId) {
      return [...docs.values()].filter((d) => d.ownerId === ownerId && d.contactId === contactId).sort(byAt);
    },
    async movesBetween(ownerId, from, to) {
      return [...docs.values()]
        .filter(
          (d) => d.ownerId === ownerId && d.type === 'stage' && d.recordedAt >= from && d.recordedAt < to,
        )
        .sort(byAt);
    },
  };
}

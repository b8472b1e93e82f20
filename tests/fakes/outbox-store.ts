import type { OutboxDoc, OutboxStore } from '../../functions/outbox/store.js';

/** The outbox store in memory: keeps each id once per owner, lists newest first. */
export function createMemoryOutboxStore(): OutboxStore & { docs: OutboxDoc[] } {
  const docs: OutboxDoc[] = [];
  return {
    docs,
    async keep(doc) {
      if (docs.some((d) => d.ownerId === doc.ownerId && d.id === doc.id)) return false;
      docs.push(structuredClone(doc));
      return true;
    },
    async find(ownerId, id) {
      return docs.find((d) => d.ownerId === ownerId && d.id === id);
    },
    async list(ownerId, { limit, continuationToken }) {
      const mine = docs
        .filter((d) => d.ownerId === ownerId)
        .sort((a, b) => b.sentAt.localeCompare(a.sentAt) || b.id.localeCompare(a.id));
      const start = Number(continuationToken ?? 0);
      const next = start + limit < mine.length ? String(start + limit) : null;
      return { docs: mine.slice(start, start + limit), continuationToken: next };
    },
  };
}

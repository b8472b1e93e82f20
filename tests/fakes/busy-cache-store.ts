import type { BusyCacheDoc, BusyCacheStore } from '../../functions/calendars/busy-cache.js';

/** The cache's storage in memory with Cosmos's conditional writes (a stale etag is refused). */
export function memoryBusyCache(): BusyCacheStore & { docs: Map<string, BusyCacheDoc> } {
  const docs = new Map<string, BusyCacheDoc>();
  let version = 0;
  const pause = () => new Promise<void>((r) => setImmediate(r));
  return {
    docs,
    async read(ownerId, id) {
      await pause();
      const doc = docs.get(`${ownerId}/${id}`);
      return doc && structuredClone(doc);
    },
    async write(doc, etag) {
      await pause();
      const current = docs.get(`${doc.ownerId}/${doc.id}`);
      if ((current?._etag ?? undefined) !== etag) return false;
      docs.set(`${doc.ownerId}/${doc.id}`, { ...structuredClone(doc), _etag: String(++version) });
      return true;
    },
    async empty(ownerId, id, at) {
      await pause();
      docs.set(`${ownerId}/${id}`, {
        id,
        ownerId,
        key: '',
        from: 0,
        to: 0,
        busy: null,
        fetchedAt: 0,
        emptiedAt: at,
        _etag: String(++version),
      });
    },
  };
}

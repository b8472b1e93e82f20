import type { TrashedDoc, TrashStore } from '../../functions/contacts/trash-store.js';

/** The contact trash in memory, for unit tests. */
export function fakeTrashStore() {
  const docs = new Map<string, TrashedDoc>();
  const key = (ownerId: string, id: string) => `${ownerId}/${id}`;
  const owned = (ownerId: string) => [...docs.values()].filter((d) => d.ownerId === ownerId);
  const trash: TrashStore = {
    async put(ownerId, batch) {
      for (const doc of batch) docs.set(key(ownerId, doc.id), { ...doc });
    },
    async read(ownerId, id) {
      const doc = docs.get(key(ownerId, id));
      return doc && { ...doc };
    },
    async remove(ownerId, ids) {
      for (const id of ids) docs.delete(key(ownerId, id));
    },
    async list(ownerId, limit) {
      return owned(ownerId)
        .sort((a, b) => b.deletedAt.localeCompare(a.deletedAt))
        .slice(0, limit);
    },
    async byJob(ownerId, jobId, afterId, limit) {
      return owned(ownerId)
        .filter((d) => d.deletedByJob === jobId && d.id > (afterId ?? ''))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, limit);
    },
    async countByJob(ownerId, jobId) {
      return owned(ownerId).filter((d) => d.deletedByJob === jobId).length;
    },
    async expired(now) {
      return [...docs.values()].filter((d) => d.purgeAt < now).map(({ id, ownerId }) => ({ id, ownerId }));
    },
  };
  return { trash, docs: (ownerId: string) => owned(ownerId) };
}

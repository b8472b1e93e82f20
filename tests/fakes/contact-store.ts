import type { ContactStore } from '../../functions/contacts/contact-store.js';
import { type ContactDoc, withDerived } from '../../functions/contacts/model.js';

/**
 * The contact store in memory, for unit tests: etags, owner isolation and derived fields as in
 * Cosmos, and a hook that runs before each replace so a test can change a document between a
 * use case's read and its write.
 */
export function fakeContactStore() {
  const docs = new Map<string, ContactDoc>();
  let etag = 0;
  let beforeReplace: ((id: string) => void) | undefined;
  const key = (ownerId: string, id: string) => `${ownerId}/${id}`;
  const put = (doc: ContactDoc): ContactDoc => {
    const stored = { ...withDerived(doc), _etag: `e${++etag}` };
    docs.set(key(doc.ownerId, doc.id), stored);
    return { ...stored };
  };
  const replaceOne = (doc: ContactDoc): 200 | 404 | 412 => {
    beforeReplace?.(doc.id);
    const current = docs.get(key(doc.ownerId, doc.id));
    if (!current) return 404;
    if (doc._etag && doc._etag !== current._etag) return 412;
    put(doc);
    return 200;
  };
  const owned = (ownerId: string) => [...docs.values()].filter((d) => d.ownerId === ownerId);
  const store: ContactStore = {
    async list(ownerId) {
      const sorted = owned(ownerId).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return { docs: sorted.map((d) => ({ ...d })), continuationToken: null };
    },
    async read(ownerId, id) {
      const doc = docs.get(key(ownerId, id));
      return doc && { ...doc };
    },
    async replace(doc) {
      const status = replaceOne(doc);
      if (status === 404) return { status: 'gone' };
      if (status === 412) return { status: 'changed' };
      return { status: 'ok', doc: { ...docs.get(key(doc.ownerId, doc.id))! } };
    },
    async delete(ownerId, id) {
      return docs.delete(key(ownerId, id));
    },
    async createMany(ownerId, batch) {
      return batch.map((doc) => {
        if (doc.ownerId !== ownerId) throw new Error('a document of another owner');
        if (docs.has(key(ownerId, doc.id))) return 409;
        put(doc);
        return 201;
      });
    },
    async replaceMany(_ownerId, batch) {
      return batch.map(replaceOne);
    },
    async findByIdentities(ownerId, ids) {
      const wanted = new Set(ids);
      return owned(ownerId)
        .filter((d) => wanted.has(d.id) || (d.identities ?? []).some((i) => wanted.has(i)))
        .map((d) => ({ ...d }));
    },
  };
  return {
    store,
    docs: (ownerId: string) => new Map(owned(ownerId).map((d) => [d.id, d])),
    put,
    onReplace: (fn: typeof beforeReplace) => {
      beforeReplace = fn;
    },
  };
}

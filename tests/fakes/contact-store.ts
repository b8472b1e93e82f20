import { foldAccents } from '../../functions/_shared/text/fold.js';
import type { ContactOrder, ContactStore } from '../../functions/contacts/contact-store.js';
import type { ContactFilter } from '../../functions/contacts/schema.js';

const SORT_FIELDS = {
  name: 'sortName',
  company: 'sortCompany',
  createdAt: 'createdAt',
  updatedAt: 'updatedAt',
} as const;

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
  const matching = (ownerId: string, f: ContactFilter, order: ContactOrder) => {
    const field = SORT_FIELDS[order.sort];
    const sign = order.dir === 'asc' ? 1 : -1;
    return owned(ownerId)
      .filter(
        (d) =>
          (!f.search || d.searchText.includes(foldAccents(f.search))) &&
          (!f.tag || d.tagKeys.includes(f.tag.toLowerCase())) &&
          (!f.source || d.source === f.source) &&
          (!f.status || d.status === f.status),
      )
      .sort((a, b) => sign * (String(a[field]).localeCompare(String(b[field])) || a.id.localeCompare(b.id)))
      .map((d) => ({ ...d }));
  };
  const store: ContactStore = {
    async list(ownerId, q) {
      const all = matching(ownerId, q, q);
      const start = Number(q.continuationToken ?? 0);
      const end = start + q.limit;
      return {
        docs: all.slice(start, end),
        continuationToken: end < all.length ? String(end) : null,
        total: all.length,
      };
    },
    async *pages(ownerId, filter, order, pageSize) {
      const all = matching(ownerId, filter, order);
      for (let i = 0; i < all.length; i += pageSize) yield all.slice(i, i + pageSize);
    },
    async pageAfter(ownerId, filter, afterId, limit) {
      return matching(ownerId, filter, { sort: 'createdAt', dir: 'asc' })
        .filter((d) => d.id > (afterId ?? ''))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .slice(0, limit);
    },
    async count(ownerId, filter) {
      return matching(ownerId, filter, { sort: 'createdAt', dir: 'desc' }).length;
    },
    async readMany(ownerId, ids) {
      return ids.flatMap((id) => {
        const doc = docs.get(key(ownerId, id));
        return doc ? [{ ...doc }] : [];
      });
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

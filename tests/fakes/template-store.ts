import type { TemplateDoc } from '../../functions/templates/model.js';
import type { TemplateStore } from '../../functions/templates/template-store.js';

/** Templates in memory, for unit tests: etags and owner isolation as in Cosmos. */
export function fakeTemplateStore() {
  const docs = new Map<string, TemplateDoc>();
  const given = new Set<string>();
  let etag = 0;
  const key = (ownerId: string, id: string) => `${ownerId}/${id}`;
  const put = (doc: TemplateDoc): TemplateDoc => {
    const stored = { ...doc, _etag: `e${++etag}` };
    docs.set(key(doc.ownerId, doc.id), stored);
    return { ...stored };
  };
  const store: TemplateStore = {
    list: async (ownerId) => [...docs.values()].filter((d) => d.ownerId === ownerId).map((d) => ({ ...d })),
    read: async (ownerId, id) => {
      const doc = docs.get(key(ownerId, id));
      return doc && { ...doc };
    },
    create: async (doc) => (docs.has(key(doc.ownerId, doc.id)) ? 'exists' : put(doc)),
    replace: async (doc) => {
      const current = docs.get(key(doc.ownerId, doc.id));
      if (!current) return 'gone';
      if (doc._etag !== current._etag) return 'changed';
      return put(doc);
    },
    delete: async (ownerId, id) => docs.delete(key(ownerId, id)),
    startersGiven: async (ownerId) => given.has(ownerId),
    markStartersGiven: async (ownerId) => {
      given.add(ownerId);
    },
  };
  return { store, docs, put };
}

import { describe, expect, it } from 'vitest';
import type { ContactDoc } from '../_shared/cosmos/contacts-repo.js';
import { applyChunk, type ContactStore, type Draft, newDoc } from './apply-chunk.js';
import { mergeContact } from './merge.js';

const OWNER = 'owner-1';
const NOW = '2026-11-22T10:00:00.000Z';

/** An in-memory contact store with etags, and a hook to change a document between read and write. */
function fakeStore() {
  const docs = new Map<string, ContactDoc>();
  let etag = 0;
  let beforeReplace: ((id: string) => void) | undefined;
  const put = (doc: ContactDoc) => docs.set(doc.id, { ...doc, _etag: `e${++etag}` });
  const store: ContactStore = {
    async create(_owner, batch) {
      return batch.map((doc) => {
        if (docs.has(doc.id)) return 409;
        put(doc);
        return 201;
      });
    },
    async replace(_owner, batch) {
      return batch.map((doc) => {
        beforeReplace?.(doc.id);
        const current = docs.get(doc.id);
        if (!current) return 404;
        if (doc._etag && doc._etag !== current._etag) return 412;
        put(doc);
        return 200;
      });
    },
    async readByIds(_owner, ids) {
      return new Map(ids.filter((id) => docs.has(id)).map((id) => [id, { ...docs.get(id)! }]));
    },
  };
  return { store, docs, put, onReplace: (fn: typeof beforeReplace) => (beforeReplace = fn) };
}

const draft = (fields: Partial<Draft>): Draft => ({ source: 'csv', tags: [], flags: [], ...fields });
const chunk = (drafts: Record<string, Draft>, importId = 'imp-1', seenEarlier: string[] = []) => ({
  ownerId: OWNER,
  importId,
  now: NOW,
  drafts: new Map(Object.entries(drafts)),
  seenEarlier: new Set(seenEarlier),
});

describe('applyChunk', () => {
  it('creates new contacts and counts them', async () => {
    const { store, docs } = fakeStore();
    const counts = await applyChunk(
      chunk({ a: draft({ email: 'a@x.io' }), b: draft({ email: 'b@x.io' }) }),
      store,
      mergeContact,
    );
    expect(counts).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(docs.get('a')).toMatchObject({
      email: 'a@x.io',
      ownerId: OWNER,
      status: 'new',
      createdByImport: 'imp-1',
    });
  });

  it('fills empty fields of an existing contact and keeps its values', async () => {
    const { store, docs, put } = fakeStore();
    put(newDoc('a', OWNER, 'older', NOW, draft({ email: 'a@x.io', company: 'Acme' })));
    const counts = await applyChunk(
      chunk({ a: draft({ email: 'a@x.io', company: 'Other', title: 'CTO' }) }),
      store,
      mergeContact,
    );
    expect(counts).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(docs.get('a')).toMatchObject({ company: 'Acme', title: 'CTO', updatedByImport: 'imp-1' });
  });

  it('counts an identical contact as unchanged and does not write it', async () => {
    const { store, docs, put } = fakeStore();
    put(newDoc('a', OWNER, 'older', NOW, draft({ email: 'a@x.io' })));
    const etagBefore = docs.get('a')!._etag;
    const counts = await applyChunk(chunk({ a: draft({ email: 'a@x.io' }) }), store, mergeContact);
    expect(counts).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(docs.get('a')!._etag).toBe(etagBefore);
  });

  it('replaying a chunk after a crash counts what this import created as created, not unchanged', async () => {
    const { store } = fakeStore();
    const input = chunk({ a: draft({ email: 'a@x.io' }), b: draft({ email: 'b@x.io' }) });
    await applyChunk(input, store, mergeContact);
    const replay = await applyChunk(input, store, mergeContact);
    expect(replay).toEqual({ created: 2, updated: 0, unchanged: 0 });
  });

  it('merges a repeat of an earlier chunk into the stored contact without counting it again', async () => {
    const { store, docs } = fakeStore();
    await applyChunk(chunk({ a: draft({ email: 'a@x.io' }) }), store, mergeContact);
    const counts = await applyChunk(
      chunk({ a: draft({ email: 'a@x.io', phone: '+4915112345678' }) }, 'imp-1', ['a']),
      store,
      mergeContact,
    );
    expect(counts).toEqual({ created: 0, updated: 0, unchanged: 0 });
    expect(docs.get('a')!.phone).toBe('+4915112345678');
  });

  it('re-reads and merges again when someone edits the contact meanwhile, keeping both changes', async () => {
    const { store, docs, put, onReplace } = fakeStore();
    put(newDoc('a', OWNER, 'older', NOW, draft({ email: 'a@x.io' })));
    let edited = false;
    onReplace((id) => {
      if (edited) return;
      edited = true;
      put({ ...docs.get(id)!, notes: 'called on Monday' });
    });
    const counts = await applyChunk(
      chunk({ a: draft({ email: 'a@x.io', title: 'CTO' }) }),
      store,
      mergeContact,
    );
    expect(counts).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(docs.get('a')).toMatchObject({ notes: 'called on Monday', title: 'CTO' });
  });
});

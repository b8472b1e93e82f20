import { describe, expect, it } from 'vitest';
import { fakeContactStore } from '../../tests/fakes/contact-store.js';
import { contactIdFor, contactKey } from '../contacts/identity.js';
import { type ContactDraft, newContactDoc } from '../contacts/model.js';
import { applyChunk } from './apply-chunk.js';

const OWNER = 'owner-1';
const NOW = '2026-11-22T10:00:00.000Z';

function fakeStore() {
  const fake = fakeContactStore();
  // A live view of the owner's stored contacts.
  const docs = { get: (id: string) => fake.docs(OWNER).get(id), all: () => [...fake.docs(OWNER).values()] };
  return { ...fake, docs };
}
const newDoc = (id: string, ownerId: string, importId: string, now: string, d: ContactDraft) =>
  newContactDoc(id, ownerId, now, d, importId);

const draft = (fields: Partial<ContactDraft>): ContactDraft => ({
  source: 'csv',
  tags: [],
  flags: [],
  ...fields,
});
const chunk = (drafts: Record<string, ContactDraft>, importId = 'imp-1', seenEarlier: string[] = []) => ({
  ownerId: OWNER,
  importId,
  now: NOW,
  drafts: new Map(Object.entries(drafts)),
  seenEarlier: new Set(seenEarlier),
});
const none = { duplicatesInFile: 0 };

describe('applyChunk', () => {
  it('creates new contacts and counts them', async () => {
    const { store, docs } = fakeStore();
    const counts = await applyChunk(
      chunk({ a: draft({ email: 'a@x.io' }), b: draft({ email: 'b@x.io' }) }),
      store,
    );
    expect(counts).toEqual({ created: 2, updated: 0, unchanged: 0, ...none });
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
    );
    expect(counts).toEqual({ created: 0, updated: 1, unchanged: 0, ...none });
    expect(docs.get('a')).toMatchObject({ company: 'Acme', title: 'CTO', updatedByImport: 'imp-1' });
  });

  it('counts an identical contact as unchanged and does not write it', async () => {
    const { store, docs, put } = fakeStore();
    put(newDoc('a', OWNER, 'older', NOW, draft({ email: 'a@x.io' })));
    const etagBefore = docs.get('a')!._etag;
    const counts = await applyChunk(chunk({ a: draft({ email: 'a@x.io' }) }), store);
    expect(counts).toEqual({ created: 0, updated: 0, unchanged: 1, ...none });
    expect(docs.get('a')!._etag).toBe(etagBefore);
  });

  it('replaying a chunk after a crash counts what this import created as created, not unchanged', async () => {
    const { store } = fakeStore();
    const input = chunk({ a: draft({ email: 'a@x.io' }), b: draft({ email: 'b@x.io' }) });
    await applyChunk(input, store);
    const replay = await applyChunk(input, store);
    expect(replay).toEqual({ created: 2, updated: 0, unchanged: 0, ...none });
  });

  it('merges a repeat of an earlier chunk into the stored contact without counting it again', async () => {
    const { store, docs } = fakeStore();
    await applyChunk(chunk({ a: draft({ email: 'a@x.io' }) }), store);
    const counts = await applyChunk(
      chunk({ a: draft({ email: 'a@x.io', phone: '+4915112345678' }) }, 'imp-1', ['a']),
      store,
    );
    expect(counts).toEqual({ created: 0, updated: 0, unchanged: 0, ...none });
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
    const counts = await applyChunk(chunk({ a: draft({ email: 'a@x.io', title: 'CTO' }) }), store);
    expect(counts).toEqual({ created: 0, updated: 1, unchanged: 0, ...none });
    expect(docs.get('a')).toMatchObject({ notes: 'called on Monday', title: 'CTO' });
  });

  describe('one person under several identities', () => {
    const idOf = (d: ContactDraft) => contactIdFor(contactKey(d)!);
    const jane = { firstName: 'Jane', lastName: 'Doe', company: 'Acme' };
    const janeLinkedIn = draft({
      ...jane,
      linkedinUrl: 'https://www.linkedin.com/in/jane-doe',
      source: 'linkedin',
    });

    it('merges a later email row into the contact a LinkedIn export created (same profile), counting it updated', async () => {
      const { store, docs } = fakeStore();
      await applyChunk(chunk({ [idOf(janeLinkedIn)]: janeLinkedIn }, 'linkedin-import'), store);
      const excel = draft({
        ...jane,
        email: 'jane@acme.com',
        linkedinUrl: 'https://linkedin.com/in/Jane-Doe/',
      });
      const counts = await applyChunk(chunk({ [idOf(excel)]: excel }, 'excel-import'), store);
      expect(counts).toEqual({ created: 0, updated: 1, unchanged: 0, ...none });
      expect(docs.all()).toHaveLength(1);
      expect(docs.all()[0]).toMatchObject({ email: 'jane@acme.com', source: 'linkedin', flags: [] });
    });

    it('finds the LinkedIn contact by name + company when the email row has no profile link', async () => {
      const { store, docs } = fakeStore();
      await applyChunk(chunk({ [idOf(janeLinkedIn)]: janeLinkedIn }, 'linkedin-import'), store);
      const excel = draft({
        firstName: 'JANE',
        lastName: 'Doe',
        company: 'ACME Inc.',
        email: 'jane@acme.com',
      });
      await applyChunk(chunk({ [idOf(excel)]: excel }, 'excel-import'), store);
      expect(docs.all()).toHaveLength(1);
      expect(docs.all()[0]!.email).toBe('jane@acme.com');
    });

    it('keeps two people apart when their emails differ, even with the same name and company', async () => {
      const { store, docs } = fakeStore();
      const a = draft({ ...jane, email: 'jane@acme.com' });
      const b = draft({ ...jane, email: 'jane.doe@other.org' });
      await applyChunk(chunk({ [idOf(a)]: a }), store);
      const counts = await applyChunk(chunk({ [idOf(b)]: b }, 'imp-2'), store);
      expect(counts.created).toBe(1);
      expect(docs.all()).toHaveLength(2);
    });

    it('does not merge two colleagues who share the switchboard number', async () => {
      const { store, docs } = fakeStore();
      const a = draft({ firstName: 'Ann', company: 'Acme', phone: '+493012345678' });
      const b = draft({ firstName: 'Bob', company: 'Acme', phone: '+493012345678' });
      await applyChunk(chunk({ [idOf(a)]: a, [idOf(b)]: b }), store);
      expect(docs.all()).toHaveLength(2);
    });

    it('does not look a contact with an email up by its phone or name: those are shared, its email is who it is', async () => {
      const { store, docs } = fakeStore();
      const a = draft({
        firstName: 'Ann',
        lastName: 'Lee',
        company: 'Acme',
        email: 'ann@acme.de',
        phone: '+493012345678',
      });
      await applyChunk(chunk({ [idOf(a)]: a }), store);
      expect(docs.all()[0]!.identities).toHaveLength(1);
      const b = draft({ firstName: 'Ann', lastName: 'Lee', company: 'Acme', phone: '+493012345678' });
      await applyChunk(chunk({ [idOf(b)]: b }, 'imp-2'), store);
      expect(docs.all()).toHaveLength(2);
    });

    it('merges a row found by phone alone when nothing contradicts it', async () => {
      const { store, docs } = fakeStore();
      const a = draft({ firstName: 'Ann', lastName: 'Lee', company: 'Acme', phone: '+493012345678' });
      await applyChunk(chunk({ [idOf(a)]: a }), store);
      const b = draft({ email: 'ann@acme.de', phone: '+493012345678' });
      await applyChunk(chunk({ [idOf(b)]: b }, 'imp-2'), store);
      expect(docs.all()).toHaveLength(1);
      expect(docs.all()[0]).toMatchObject({ firstName: 'Ann', email: 'ann@acme.de' });
    });

    it("counts a later chunk's email row for a contact this import created from LinkedIn as a duplicate", async () => {
      const { store } = fakeStore();
      await applyChunk(chunk({ [idOf(janeLinkedIn)]: janeLinkedIn }), store);
      const later = draft({ ...jane, email: 'jane@acme.com' });
      const counts = await applyChunk(chunk({ [idOf(later)]: later }), store);
      expect(counts).toEqual({ created: 0, updated: 0, unchanged: 0, duplicatesInFile: 1 });
    });
  });
});

import { describe, expect, it } from 'vitest';
import { fakeContactStore } from '../../tests/fakes/contact-store.js';
import { AppError } from '../_shared/errors.js';
import { deleteContact, getContact, listContacts, patchContact } from './contacts.js';
import { contactIdFor, contactKey } from './identity.js';
import { type ContactDraft, newContactDoc } from './model.js';
import { upsertContact } from './upsert.js';

const NOW = '2026-11-30T09:00:00.000Z';
const draft = (fields: Partial<ContactDraft>): ContactDraft => ({
  source: 'manual',
  tags: [],
  flags: [],
  ...fields,
});

function setup() {
  const fake = fakeContactStore();
  const deps = { store: fake.store, now: () => new Date('2026-11-30T10:00:00Z') };
  const seed = (ownerId: string, fields: Partial<ContactDraft>) => {
    const d = draft(fields);
    return fake.put(newContactDoc(contactIdFor(contactKey(d)!), ownerId, NOW, d));
  };
  return { fake, deps, seed };
}

const code = async (work: Promise<unknown>) =>
  work.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

describe('contact use cases', () => {
  it("lists and reads only the owner's contacts, without storage fields", async () => {
    const { deps, seed } = setup();
    const ada = seed('alice', { email: 'ada@x.io', firstName: 'Ada' });
    seed('bob', { email: 'bob@x.io' });
    const page = await listContacts('alice', { limit: 50, sort: 'createdAt', dir: 'desc' }, deps);
    expect(page.items.map((c) => c.email)).toEqual(['ada@x.io']);
    expect(JSON.stringify(page.items)).not.toMatch(/ownerId|_etag|searchText|identities/);
    expect(await code(getContact('bob', ada.id, deps))).toBe('NOT_FOUND');
  });

  it('patches fields, clears one with null, and re-derives flags and search text', async () => {
    const { deps, seed, fake } = setup();
    const ada = seed('alice', { email: 'ada@x.io', firstName: 'Ada', company: 'Engines' });
    const dto = await patchContact('alice', ada.id, { email: null, title: 'Countess' }, deps);
    expect(dto).toMatchObject({
      title: 'Countess',
      flags: ['no-email'],
      updatedAt: '2026-11-30T10:00:00.000Z',
    });
    expect(dto.email).toBeUndefined();
    expect(fake.docs('alice').get(ada.id)!.searchText).toContain('countess');
  });

  it('re-applies a patch on a concurrent edit, so both changes survive', async () => {
    const { deps, seed, fake } = setup();
    const ada = seed('alice', { email: 'ada@x.io' });
    let raced = false;
    fake.onReplace((id) => {
      if (raced) return;
      raced = true;
      fake.put({ ...fake.docs('alice').get(id)!, notes: 'called on Monday' });
    });
    await patchContact('alice', ada.id, { title: 'CTO' }, deps);
    expect(fake.docs('alice').get(ada.id)).toMatchObject({ notes: 'called on Monday', title: 'CTO' });
  });

  it('says CONFLICT, not a generic error, when the contact keeps changing', async () => {
    const { deps, seed, fake } = setup();
    const ada = seed('alice', { email: 'ada@x.io' });
    fake.onReplace((id) => fake.put({ ...fake.docs('alice').get(id)! }));
    expect(await code(patchContact('alice', ada.id, { title: 'CTO' }, deps))).toBe('CONFLICT');
  });

  it("deletes the owner's contact and answers 404 to anyone else", async () => {
    const { deps, seed, fake } = setup();
    const ada = seed('alice', { email: 'ada@x.io' });
    expect(await code(deleteContact('bob', ada.id, deps))).toBe('NOT_FOUND');
    expect(fake.docs('alice').size).toBe(1);
    await deleteContact('alice', ada.id, deps);
    expect(fake.docs('alice').size).toBe(0);
  });
});

describe('upsertContact (booking page and bot)', () => {
  it('finds the LinkedIn-imported person by name and company when they book with their email', async () => {
    const { fake, seed } = setup();
    const imported = seed('alice', {
      firstName: 'Priya',
      lastName: 'Raman',
      company: 'Umbrella Corp',
      linkedinUrl: 'https://www.linkedin.com/in/priya-raman',
      source: 'linkedin',
    });
    const booking = draft({
      firstName: 'Priya',
      lastName: 'Raman',
      company: 'Umbrella',
      email: 'priya@umbrella.io',
      source: 'booking',
    });
    const result = await upsertContact('alice', contactIdFor(contactKey(booking)!), booking, NOW, fake.store);
    expect(result).toMatchObject({ outcome: 'merged', contactId: imported.id, changed: true });
    expect(fake.docs('alice').size).toBe(1);
    expect(fake.docs('alice').get(imported.id)).toMatchObject({
      email: 'priya@umbrella.io',
      source: 'linkedin',
    });
  });

  it('creates a new contact when nobody matches, and the same call again changes nothing', async () => {
    const { fake } = setup();
    const d = draft({ email: 'new@lead.io', source: 'booking' });
    const id = contactIdFor(contactKey(d)!);
    expect(await upsertContact('alice', id, d, NOW, fake.store)).toEqual({
      outcome: 'created',
      contactId: id,
    });
    expect(await upsertContact('alice', id, d, NOW, fake.store)).toMatchObject({
      outcome: 'merged',
      changed: false,
    });
    expect(fake.docs('alice').size).toBe(1);
  });

  it("never merges into another owner's contact", async () => {
    const { fake, seed } = setup();
    seed('bob', { email: 'shared@x.io', firstName: 'Shared' });
    const d = draft({ email: 'shared@x.io' });
    const result = await upsertContact('alice', contactIdFor(contactKey(d)!), d, NOW, fake.store);
    expect(result.outcome).toBe('created');
    expect(fake.docs('bob').get(result.contactId)!.firstName).toBe('Shared');
  });
});

import { describe, expect, it } from 'vitest';
import { fakeContactStore } from '../../tests/fakes/contact-store.js';
import { fakeTrashStore } from '../../tests/fakes/trash-store.js';
import { AppError } from '../_shared/errors.js';
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  listTrash,
  patchContact,
  purgeTrash,
  restoreContact,
} from './contacts.js';
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
  const bin = fakeTrashStore();
  let clock = new Date('2026-11-30T10:00:00Z');
  const deps = { store: fake.store, trash: bin.trash, now: () => clock };
  const seed = (ownerId: string, fields: Partial<ContactDraft>) => {
    const d = draft(fields);
    return fake.put(newContactDoc(contactIdFor(contactKey(d)!), ownerId, NOW, d));
  };
  const advanceDays = (days: number) => {
    clock = new Date(clock.getTime() + days * 86_400_000);
  };
  return { fake, bin, deps, seed, advanceDays };
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

  it('reads a typed phone in the country the contact is in', async () => {
    const { deps, seed } = setup();
    const sven = seed('alice', { email: 'sven@firma.se', country: 'Sweden' });
    expect((await patchContact('alice', sven.id, { phone: '08-123 456 78' }, deps)).phone).toBe(
      '+46812345678',
    );
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

  it('records a status set by hand as a pipeline move, which older events then leave alone', async () => {
    const { deps, seed, fake } = setup();
    const ada = seed('alice', { email: 'ada@x.io' });
    const moves: unknown[][] = [];
    const recording = { ...deps, statusSet: async (...args: unknown[]) => void moves.push(args) };
    await patchContact('alice', ada.id, { status: 'won' }, recording);
    await patchContact('alice', ada.id, { title: 'CTO' }, recording);
    expect(fake.docs('alice').get(ada.id)).toMatchObject({
      status: 'won',
      lead: { since: '2026-11-30T10:00:00.000Z', by: 'manual' },
    });
    expect(moves).toEqual([['alice', ada.id, 'new', 'won', '2026-11-30T10:00:00.000Z']]);
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

describe('adding a contact by hand', () => {
  it('normalises it as an import would: email, LinkedIn link, phone in the country it names, names', async () => {
    const { deps } = setup();
    const dto = await createContact(
      'alice',
      {
        email: ' Ada@Example.COM ',
        firstName: '  Ada ',
        lastName: 'Lovelace',
        linkedinUrl: 'linkedin.com/in/ada-lovelace/',
        phone: '030 1234567',
        city: 'Berlin',
        tags: ['VIP', 'vip', 'Math'],
      },
      deps,
    );
    expect(dto).toMatchObject({
      email: 'ada@example.com',
      firstName: 'Ada',
      linkedinUrl: 'https://www.linkedin.com/in/ada-lovelace',
      phone: '+49301234567',
      tags: ['VIP', 'Math'],
      source: 'manual',
      status: 'new',
      flags: [],
    });
  });

  it('refuses someone already there, naming them and giving their id to open instead', async () => {
    const { deps, seed } = setup();
    const grace = seed('alice', { email: 'grace@navy.mil', firstName: 'Grace', lastName: 'Hopper' });
    const err = await createContact('alice', { email: 'GRACE@navy.mil' }, deps).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('DUPLICATE');
    expect((err as AppError).message).toBe('Grace Hopper is already in your contacts.');
    expect((err as AppError).details).toEqual([
      { path: 'email', message: 'Grace Hopper is already in your contacts.', id: grace.id },
    ]);
  });

  it('finds the duplicate by LinkedIn profile too, and lets another owner add the same person', async () => {
    const { deps, seed } = setup();
    const ann = seed('alice', { firstName: 'Ann', linkedinUrl: 'https://www.linkedin.com/in/ann' });
    const err = (await createContact(
      'alice',
      { email: 'ann@x.io', linkedinUrl: 'https://de.linkedin.com/in/Ann' },
      deps,
    ).catch((e: AppError) => e)) as AppError;
    expect(err.details?.[0]).toMatchObject({ path: 'linkedinUrl', id: ann.id });
    expect((await createContact('bob', { email: 'ann@x.io' }, deps)).email).toBe('ann@x.io');
  });

  it('names the field that cannot be kept', async () => {
    const { deps } = setup();
    const err = (await createContact('alice', { firstName: 'Z', timeZone: 'Mars/Olympus' }, deps).catch(
      (e: AppError) => e,
    )) as AppError;
    expect(err.code).toBe('VALIDATION');
    expect(err.details?.[0]?.path).toBe('timeZone');
  });
});

describe('the trash', () => {
  it('keeps a deleted contact restorable, exactly as it was', async () => {
    const { deps, seed } = setup();
    const ada = seed('alice', { email: 'ada@x.io', firstName: 'Ada', tags: ['vip'] });
    await deleteContact('alice', ada.id, deps);
    expect(await code(getContact('alice', ada.id, deps))).toBe('NOT_FOUND');
    const [trashed] = await listTrash('alice', deps);
    expect(trashed).toMatchObject({ id: ada.id, email: 'ada@x.io', purgeAt: '2026-12-30T10:00:00.000Z' });
    expect(await listTrash('bob', deps)).toEqual([]);
    expect(await code(restoreContact('bob', ada.id, deps))).toBe('NOT_FOUND');
    const back = await restoreContact('alice', ada.id, deps);
    expect(back).toMatchObject({ id: ada.id, firstName: 'Ada', tags: ['vip'], createdAt: ada.createdAt });
    expect(await listTrash('alice', deps)).toEqual([]);
  });

  it('says who is there when the same person was added again before the restore', async () => {
    const { deps, seed } = setup();
    const ada = seed('alice', { email: 'ada@x.io' });
    await deleteContact('alice', ada.id, deps);
    seed('alice', { email: 'ada@x.io', firstName: 'Ada again' });
    expect(await code(restoreContact('alice', ada.id, deps))).toBe('DUPLICATE');
    expect(await listTrash('alice', deps)).toHaveLength(1);
  });

  it('empties contacts deleted more than 30 days ago, and only those', async () => {
    const { deps, seed, advanceDays } = setup();
    const old = seed('alice', { email: 'old@x.io' });
    await deleteContact('alice', old.id, deps);
    advanceDays(20);
    const recent = seed('alice', { email: 'recent@x.io' });
    await deleteContact('alice', recent.id, deps);
    advanceDays(11);
    expect(await purgeTrash(deps)).toBe(1);
    expect((await listTrash('alice', deps)).map((t) => t.email)).toEqual(['recent@x.io']);
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

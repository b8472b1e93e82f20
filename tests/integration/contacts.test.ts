import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactDto, ContactPage } from '../../functions/contacts/schema.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { ownerOf, seedContacts } from './support/seed.js';

let app: TestApp;
let alice: Session;
let bob: Session;
let aliceContacts: { id: string }[];

beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
  alice = await app.signIn('alice@example.com', 'Alice');
  bob = await app.signIn('bob@example.com', 'Bob');
  aliceContacts = await seedContacts(await ownerOf(alice), [
    {
      email: 'grace@navy.mil',
      firstName: 'Grace',
      lastName: 'Hopper',
      company: 'US Navy',
      tags: ['VIP'],
      status: 'new',
    },
    {
      email: 'linus@kernel.org',
      firstName: 'Linus',
      lastName: 'Torvalds',
      company: 'Linux Foundation',
      source: 'csv',
    },
    { firstName: 'Margaret', lastName: 'Hamilton', company: 'NASA', source: 'linkedin', status: 'contacted' },
    ...Array.from({ length: 7 }, (_, i) => ({
      email: `lead${i}@acme.test`,
      firstName: `Lead${i}`,
      company: 'Acme',
    })),
  ]);
  await seedContacts(await ownerOf(bob), [
    { email: 'bobs.friend@example.com', firstName: 'Friend', company: 'Acme' },
  ]);
});
afterAll(() => app.close());

const list = async (session: Session, query = ''): Promise<ContactPage> => {
  const res = await session.fetch(`/api/contacts${query}`);
  expect(res.status).toBe(200);
  return res.json();
};

describe('listing contacts', () => {
  it('shows a user only their own contacts, newest first, without storage fields', async () => {
    const page = await list(alice, '?limit=50');
    expect(page.items).toHaveLength(10);
    expect(page.items.map((c) => c.email)).not.toContain('bobs.friend@example.com');
    expect(page.items[0]!.email).toBe('lead6@acme.test');
    expect(Object.keys(page.items[0]!)).not.toEqual(expect.arrayContaining(['ownerId']));
    expect(JSON.stringify(page.items)).not.toMatch(/_etag|_rid|searchText|ownerId/);
  });

  it('searches name, email and company, ignoring case', async () => {
    expect((await list(alice, '?search=HOPPER')).items.map((c) => c.firstName)).toEqual(['Grace']);
    expect((await list(alice, '?search=kernel.org')).items.map((c) => c.firstName)).toEqual(['Linus']);
    expect((await list(alice, '?search=nasa')).items.map((c) => c.lastName)).toEqual(['Hamilton']);
  });

  it('filters by tag, source and status', async () => {
    expect((await list(alice, '?tag=vip')).items.map((c) => c.firstName)).toEqual(['Grace']);
    expect((await list(alice, '?source=linkedin')).items.map((c) => c.firstName)).toEqual(['Margaret']);
    expect((await list(alice, '?status=contacted')).items.map((c) => c.firstName)).toEqual(['Margaret']);
  });

  it('flags contacts without an email', async () => {
    const [margaret] = (await list(alice, '?search=hamilton')).items;
    expect(margaret!.flags).toEqual(['no-email']);
  });

  it('pages with continuation tokens and visits every contact exactly once', async () => {
    const seen: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const query: string = `?limit=3${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`;
      const page = await list(alice, query);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((c) => c.id));
      token = page.continuationToken;
      pages++;
    } while (token && pages < 10);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(10);
  });

  it('rejects a bad filter with a 400 naming the parameter', async () => {
    const res = await alice.fetch('/api/contacts?status=maybe&limit=1000');
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['limit', 'status']);
  });
});

describe('editing and deleting a contact', () => {
  it('updates fields, clears a field with null and keeps the rest', async () => {
    const id = aliceContacts[0]!.id;
    const res = await alice.fetch(`/api/contacts/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Rear Admiral', status: 'replied', tags: null }),
    });
    expect(res.status).toBe(200);
    const updated: ContactDto = await res.json();
    expect(updated).toMatchObject({
      title: 'Rear Admiral',
      status: 'replied',
      email: 'grace@navy.mil',
      tags: [],
    });
    const again: ContactDto = await (await alice.fetch(`/api/contacts/${id}`)).json();
    expect(again.title).toBe('Rear Admiral');
    expect((await list(alice, '?search=admiral')).items).toHaveLength(1);
  });

  it('answers 400 naming the field for an invalid edit, and changes nothing', async () => {
    const id = aliceContacts[1]!.id;
    const res = await alice.fetch(`/api/contacts/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not-an-email', company: 'Changed' }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('email');
    const unchanged: ContactDto = await (await alice.fetch(`/api/contacts/${id}`)).json();
    expect(unchanged.company).toBe('Linux Foundation');
  });

  it('deletes a contact', async () => {
    const id = aliceContacts[9]!.id;
    expect((await alice.fetch(`/api/contacts/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await alice.fetch(`/api/contacts/${id}`)).status).toBe(404);
  });
});

describe("isolation: another user's contact does not exist for you", () => {
  it.each([
    ['GET', undefined],
    ['PATCH', JSON.stringify({ company: 'Hijacked' })],
    ['DELETE', undefined],
  ])('%s /api/contacts/{id} of another owner is 404', async (method, body) => {
    const id = aliceContacts[2]!.id;
    const res = await bob.fetch(`/api/contacts/${id}`, {
      method,
      body,
      headers: body ? { 'content-type': 'application/json' } : {},
    });
    expect(res.status).toBe(404);
    const stillThere: ContactDto = await (await alice.fetch(`/api/contacts/${id}`)).json();
    expect(stillThere.company).toBe('NASA');
  });

  it("another owner's search finds nothing of yours", async () => {
    expect((await list(bob, '?search=hamilton')).items).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCosmosContactStore } from '../../functions/contacts/cosmos-contact-store.js';
import type { ContactDto } from '../../functions/contacts/schema.js';
import type { ImportDto } from '../../functions/import/schema.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { people, peopleCsv, uploadForm } from './support/files.js';
import { countContacts, ownerOf, seedContacts } from './support/seed.js';

let app: TestApp;
let alice: Session;
let aliceId: string;

beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
  alice = await app.signIn('alice@example.com', 'Alice');
  aliceId = await ownerOf(alice);
});
afterAll(() => app.close());

describe('races', () => {
  it('a double-clicked commit imports the file once', async () => {
    const preview: ImportDto = await (
      await alice.fetch('/api/imports', { method: 'POST', body: uploadForm('a.csv', peopleCsv(people(300))) })
    ).json();
    const commit = () =>
      alice.fetch(`/api/imports/${preview.id}/commit`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mapping: preview.mapping }),
      });
    const responses = await Promise.all([commit(), commit()]);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = await responses.find((r) => r.status === 409)!.json();
    expect(loser.error.message).toMatch(/reload/i);

    const final: ImportDto = await (await alice.fetch(`/api/imports/${preview.id}`)).json();
    expect(final.status).toBe('completed');
    expect(final.counts.created).toBe(300);
    expect(await countContacts(aliceId)).toBe(300);
  });

  it('two edits of one contact at the same time both survive', async () => {
    const [contact] = await seedContacts(aliceId, [{ email: 'race@example.com', firstName: 'Race' }]);
    const patch = (body: object) =>
      alice.fetch(`/api/contacts/${contact!.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const results = await Promise.all([
      patch({ title: 'CTO' }),
      patch({ company: 'Initech' }),
      patch({ notes: 'met at the fair' }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const final: ContactDto = await (await alice.fetch(`/api/contacts/${contact!.id}`)).json();
    expect(final).toMatchObject({ title: 'CTO', company: 'Initech', notes: 'met at the fair' });
  });

  it('a bulk write with a stale _etag is refused, not applied', async () => {
    const [contact] = await seedContacts(aliceId, [{ email: 'stale@example.com', firstName: 'Stale' }]);
    const fresh = await (await alice.fetch(`/api/contacts/${contact!.id}`)).json();
    expect(fresh.firstName).toBe('Stale');
    // Someone edits it; our copy's _etag is now stale.
    await alice.fetch(`/api/contacts/${contact!.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ firstName: 'Edited' }),
    });
    const statuses = await createCosmosContactStore().replaceMany(aliceId, [
      { ...contact!, firstName: 'Overwritten', _etag: '"stale-etag"' },
    ]);
    expect(statuses).toEqual([412]);
    const final: ContactDto = await (await alice.fetch(`/api/contacts/${contact!.id}`)).json();
    expect(final.firstName).toBe('Edited');
  });
});

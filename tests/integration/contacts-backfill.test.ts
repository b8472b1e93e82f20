import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getContainer } from '../../functions/_shared/cosmos/client.js';
import { backfillDerivedFields } from '../../functions/contacts/backfill.js';
import { createCosmosBackfillStore } from '../../functions/contacts/cosmos-contact-store.js';
import type { ContactPage } from '../../functions/contacts/schema.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { ownerOf } from './support/seed.js';

let app: TestApp;
let alice: Session;

beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
  alice = await app.signIn('backfill@example.com', 'Alice');
});
afterAll(() => app.close());

describe('contacts saved by an older version', () => {
  it('get their sort and identity fields from the backfill, so sorting by name lists them all', async () => {
    const ownerId = await ownerOf(alice);
    const container = await getContainer('contacts');
    // As the previous version wrote them: no sortName, sortCompany or identities.
    const old = ['Zed', 'Amy', 'Max'].map((firstName, i) => ({
      id: `old-${i}`,
      ownerId,
      firstName,
      email: `${firstName.toLowerCase()}@old.example`,
      status: 'new',
      source: 'csv',
      flags: [],
      tags: [],
      searchText: firstName.toLowerCase(),
      tagKeys: [],
      createdAt: `2025-01-0${i + 1}T00:00:00.000Z`,
      updatedAt: `2025-01-0${i + 1}T00:00:00.000Z`,
    }));
    for (const doc of old) await container.items.create(doc);

    const byName = async (): Promise<string[]> =>
      ((await (await alice.fetch('/api/contacts?sort=name&dir=asc')).json()) as ContactPage).items.map(
        (c) => c.firstName!,
      );
    expect(await backfillDerivedFields(createCosmosBackfillStore(), new Date())).toBe(3);
    expect(await byName()).toEqual(['Amy', 'Max', 'Zed']);
    const { resource } = await container.item('old-0', ownerId).read();
    expect(resource).toMatchObject({ sortName: 'zed', identities: [expect.any(String)] });
    // Nothing left: the next run writes nothing and records it, so later runs do not even look.
    expect(await backfillDerivedFields(createCosmosBackfillStore(), new Date())).toBe(0);
    await container.items.create({ ...old[0], id: 'old-late' });
    expect(await backfillDerivedFields(createCosmosBackfillStore(), new Date())).toBe(0);
  });
});

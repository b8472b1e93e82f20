import { expect } from 'vitest';
import type { AvailabilityDto } from '../../../functions/availability/schema.js';
import { createCosmosContactStore } from '../../../functions/contacts/cosmos-contact-store.js';
import type { ContactDoc } from '../../../functions/contacts/model.js';
import type { Session } from './app.js';

/** The owner id the API sees for a session, read from /.auth/me like the SPA does. */
export async function ownerOf(session: Session): Promise<string> {
  const me = await (await session.fetch('/.auth/me')).json();
  return me.clientPrincipal.userId;
}

/** Writes contacts straight to Cosmos for tests of the read and edit paths. */
export async function seedContacts(ownerId: string, contacts: Partial<ContactDoc>[]): Promise<ContactDoc[]> {
  const base = Date.parse('2026-11-01T09:00:00Z');
  const docs = contacts.map((c, i): ContactDoc => {
    const at = new Date(base + i * 60_000).toISOString();
    return {
      id: `seed-${i}-${Math.random().toString(36).slice(2, 8)}`,
      ownerId,
      status: 'new',
      source: 'manual',
      flags: [],
      tags: [],
      searchText: '',
      tagKeys: [],
      createdAt: at,
      updatedAt: at,
      ...c,
    };
  });
  const statuses = await createCosmosContactStore().createMany(ownerId, docs);
  if (statuses.some((s) => s !== 201)) throw new Error(`seeding failed: ${statuses.join(',')}`);
  return docs;
}

/** How many documents of an owner a container holds, counted in Cosmos itself. */
async function countOwned(name: 'contacts' | 'imports', ownerId: string): Promise<number> {
  const { getContainer } = await import('../../../functions/_shared/cosmos/client.js');
  const { resources } = await (await getContainer(name)).items
    .query<number>({
      query: 'SELECT VALUE COUNT(1) FROM c WHERE c.ownerId = @o',
      parameters: [{ name: '@o', value: ownerId }],
    })
    .fetchAll();
  return resources[0] ?? 0;
}

export const countContacts = (ownerId: string) => countOwned('contacts', ownerId);
export const countImports = (ownerId: string) => countOwned('imports', ownerId);

/**
 * Opens every hour of every day with no notice (plus any `rules` given), saved through the API as
 * the Availability page saves it; the availability as saved.
 */
export async function openEveryDay(
  session: Session,
  rules: Record<string, unknown> = {},
): Promise<AvailabilityDto> {
  const current: AvailabilityDto = await (await session.fetch('/api/availability')).json();
  const open = Object.fromEntries(
    ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]),
  );
  const res = await session.fetch('/api/availability', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      rules: { ...current.rules, weeklyHours: open, minimumNoticeMinutes: 0, ...rules },
      meetingTypes: current.meetingTypes,
      etag: current.etag,
    }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

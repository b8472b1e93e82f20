import type { ContactDoc } from '../../functions/contacts/model.js';

/**
 * Deterministic contacts for the leads benchmarks: realistic lengths, every tenth one with a cell a
 * spreadsheet would run as a formula, every twentieth with a line break in its notes.
 */
export function benchContact(ownerId: string, i: number, createdAt: string): ContactDoc {
  const n = String(i).padStart(7, '0');
  return {
    id: `bench-${n}`,
    ownerId,
    firstName: i % 10 === 0 ? `=cmd|${i}` : `First${i}`,
    lastName: `Last${i}`,
    email: `person${n}@example-${i % 97}.com`,
    phone: `+4144${n}`,
    company: `Company ${i % 500}`,
    title: 'Head of Operations',
    city: 'Zürich',
    country: 'CH',
    timeZone: 'Europe/Zurich',
    notes: i % 20 === 0 ? 'Met at the fair\nfollow up in Q1' : 'Imported from the CRM',
    tags: ['bench', `group-${i % 7}`],
    status: (['new', 'contacted', 'replied', 'meeting', 'won'] as const)[i % 5]!,
    source: 'csv',
    flags: [],
    searchText: '',
    tagKeys: ['bench', `group-${i % 7}`],
    createdAt,
    updatedAt: createdAt,
    ...(i % 5 === 0 && { lead: { since: createdAt, nextAction: { on: '2026-11-30', note: `+call ${i}` } } }),
  } as ContactDoc;
}

/** Seeds `count` contacts through the contacts store's bulk writes (100 a call). */
export async function seedBenchContacts(
  ownerId: string,
  count: number,
  createdAt: (i: number) => string,
): Promise<void> {
  const { createCosmosContactStore } = await import('../../functions/contacts/cosmos-contact-store.js');
  const store = createCosmosContactStore();
  const CHUNK = 1000;
  for (let start = 0; start < count; start += CHUNK) {
    const docs = Array.from({ length: Math.min(CHUNK, count - start) }, (_, k) =>
      benchContact(ownerId, start + k, createdAt(start + k)),
    );
    const statuses = await store.createMany(ownerId, docs);
    if (statuses.some((s) => s !== 201 && s !== 409))
      throw new Error(`seeding failed: ${statuses.find((s) => s !== 201)}`);
  }
}

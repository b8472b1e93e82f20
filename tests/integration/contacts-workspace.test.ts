import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { contactIdFor } from '../../functions/contacts/identity.js';
import type { BulkJobDto, ContactDto, ContactPage } from '../../functions/contacts/schema.js';
import type { ImportDto } from '../../functions/import/schema.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { uploadForm } from './support/files.js';
import { countContacts, ownerOf, seedContacts } from './support/seed.js';
import { killWorker, startWorker, stopWorkers, waitFor } from './support/worker.js';

let app: TestApp;
let alice: Session;

beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
  alice = await app.signIn('workspace@example.com', 'Wanda');
});
afterEach(stopWorkers);
afterAll(() => app.close());

const send = (session: Session, path: string, method: string, body?: unknown) =>
  session.fetch(path, {
    method,
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });
const page = async (session: Session, query: string): Promise<ContactPage> => {
  const res = await session.fetch(`/api/contacts?${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
};
async function allPages(session: Session, query: string): Promise<{ names: string[]; totals: number[] }> {
  const names: string[] = [];
  const totals: number[] = [];
  let token: string | null = null;
  do {
    const p: ContactPage = await page(
      session,
      `${query}&limit=40${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`,
    );
    names.push(...p.items.map((c) => `${c.firstName ?? ''} ${c.lastName ?? ''}`.trim() || c.email!));
    totals.push(p.total);
    token = p.continuationToken;
  } while (token);
  return { names, totals };
}

describe('sorting, totals and search', () => {
  let bob: Session;
  beforeAll(async () => {
    bob = await app.signIn('sorter@example.com', 'Sorter');
    const owner = await ownerOf(bob);
    const people = Array.from({ length: 100 }, (_, i) => ({
      email: `s${i}@example.com`,
      // Ten people share each name, so ties must still page without repeats or gaps.
      firstName: ['Émile', 'anna', 'Zoë', 'Bob', 'carl', 'Dora', 'Ölaf', 'Yann', 'Ines', 'Hugo'][i % 10],
      lastName: 'Test',
      ...(i % 4 ? { company: ['Acme', 'beta', 'Ça Va', 'Delta'][i % 4] } : {}),
      ...(i === 7 ? { city: 'Zürich', country: 'Schweiz' } : {}),
    }));
    await seedContacts(owner, people);
  });

  it('pages every contact exactly once in name order, both directions, with the total on each page', async () => {
    const asc = await allPages(bob, 'sort=name&dir=asc');
    expect(asc.names).toHaveLength(100);
    expect(new Set(await idsOf(bob, 'sort=name&dir=asc')).size).toBe(100);
    expect(asc.totals).toEqual([100, 100, 100]);
    const firstNames = [...new Set(asc.names.map((n) => n.split(' ')[0]))];
    expect(firstNames).toEqual([
      'anna',
      'Bob',
      'carl',
      'Dora',
      'Émile',
      'Hugo',
      'Ines',
      'Ölaf',
      'Yann',
      'Zoë',
    ]);
    const desc = await allPages(bob, 'sort=name&dir=desc');
    expect(desc.names).toEqual([...asc.names].reverse());
  });

  it('sorts by company with contacts that have none at the end, A→Z', async () => {
    const { items } = await page(bob, 'sort=company&dir=asc&limit=100');
    const companies = items.map((c) => c.company ?? '—');
    expect([...new Set(companies)]).toEqual(['beta', 'Ça Va', 'Delta', '—']);
  });

  it('finds contacts ignoring accents and case, over city and country too, and counts the matches', async () => {
    expect((await page(bob, 'search=zurich')).total).toBe(1);
    expect((await page(bob, 'search=SCHWEIZ')).items[0]!.city).toBe('Zürich');
    const olaf = await page(bob, 'search=olaf');
    expect(olaf.total).toBe(10);
    expect(olaf.items.every((c) => c.firstName === 'Ölaf')).toBe(true);
  });
});

async function idsOf(session: Session, query: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | null = null;
  do {
    const p: ContactPage = await page(
      session,
      `${query}&limit=40${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`,
    );
    ids.push(...p.items.map((c) => c.id));
    token = p.continuationToken;
  } while (token);
  return ids;
}

describe('adding a contact by hand, deleting and restoring it', () => {
  it('creates it normalised, refuses the same email naming the contact, and the trash gives it back', async () => {
    const created = await send(alice, '/api/contacts', 'POST', {
      email: 'Grace@Navy.mil',
      firstName: 'Grace',
      lastName: 'Hopper',
      phone: '+1 (202) 555-0143',
    });
    expect(created.status).toBe(201);
    const grace: ContactDto = await created.json();
    expect(grace).toMatchObject({ email: 'grace@navy.mil', phone: '+12025550143', source: 'manual' });

    const again = await send(alice, '/api/contacts', 'POST', { email: 'grace@navy.mil' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({
      error: { code: 'DUPLICATE', details: [{ path: 'email', id: grace.id }] },
    });
    const bad = await send(alice, '/api/contacts', 'POST', { firstName: 'X', linkedinUrl: 'not a link' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('linkedinUrl');

    expect((await alice.fetch(`/api/contacts/${grace.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await alice.fetch(`/api/contacts/${grace.id}`)).status).toBe(404);
    const trash = await (await alice.fetch('/api/contacts/trash')).json();
    expect(trash.items.map((t: ContactDto) => t.email)).toContain('grace@navy.mil');
    const restored = await send(alice, `/api/contacts/${grace.id}/restore`, 'POST');
    expect(restored.status).toBe(200);
    expect(await (await alice.fetch(`/api/contacts/${grace.id}`)).json()).toMatchObject({
      phone: '+12025550143',
    });
  });
});

describe('bulk actions on everything that matches, in the background', () => {
  const ROWS = 10_000;
  let owner: Session;
  let ownerId: string;
  beforeAll(async () => {
    owner = await app.signIn('bulk@example.com', 'Bulk');
    ownerId = await ownerOf(owner);
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      id: contactIdFor(`e:b${i}@example.com`),
      email: `b${i}@example.com`,
      firstName: `B${i}`,
      ...(i < 300 ? { tags: ['Conference'] } : {}),
    }));
    for (let i = 0; i < rows.length; i += 2000) await seedContacts(ownerId, rows.slice(i, i + 2000));
  });

  it('tags 10,000 contacts with progress, survives a killed worker, and counts exactly', async () => {
    const res = await send(owner, '/api/contacts/bulk', 'POST', {
      target: { filter: {} },
      action: { type: 'addTags', tags: ['conference', 'Q4'] },
    });
    expect(res.status).toBe(202);
    const queued: BulkJobDto = await res.json();
    expect(queued).toMatchObject({ status: 'queued', total: ROWS, processed: 0 });
    const job = async (): Promise<BulkJobDto> =>
      (await owner.fetch(`/api/contacts/bulk/${queued.id}`)).json();

    const first = startWorker();
    const midway = await waitFor(job, (j) => j.processed >= 1000);
    await killWorker(first);
    expect(midway.status).toBe('running');
    expect((await job()).processed).toBeLessThan(ROWS);
    startWorker();
    const done = await waitFor(job, (j) => j.status === 'completed', 120_000);
    expect(done).toMatchObject({ total: ROWS, processed: ROWS, changed: ROWS, error: null });
    const tagged = await page(owner, 'tag=q4&limit=1');
    expect(tagged.total).toBe(ROWS);
    const conference = await page(owner, 'tag=conference&limit=5');
    expect(conference.items[0]!.tags.filter((t) => t.toLowerCase() === 'conference')).toHaveLength(1);
  });

  it('deletes the chosen rows into the trash and Undo brings them back', async () => {
    const { items } = await page(owner, 'sort=name&dir=asc&limit=3');
    const del = await send(owner, '/api/contacts/bulk', 'POST', {
      target: { ids: items.map((c) => c.id) },
      action: { type: 'delete' },
    });
    expect(del.status).toBe(200);
    const job: BulkJobDto = await del.json();
    expect(job).toMatchObject({ status: 'completed', changed: 3, undoable: true });
    expect(await countContacts(ownerId)).toBe(ROWS - 3);
    const undo = await send(owner, `/api/contacts/bulk/${job.id}/undo`, 'POST');
    expect(undo.status).toBe(200);
    expect(await undo.json()).toMatchObject({ status: 'completed', changed: 3 });
    expect(await countContacts(ownerId)).toBe(ROWS);
  });
});

describe('export', () => {
  it('writes CSV and Excel with formulas neutralised and line breaks quoted, and the CSV imports back unchanged', async () => {
    const carol = await app.signIn('export@example.com', 'Carol');
    await seedContacts(await ownerOf(carol), [
      {
        email: 'evil@x.io',
        firstName: '=HYPERLINK("http://evil","x")',
        notes: 'line one\nline two',
        phone: '+41441234567',
      },
      { email: 'plain@x.io', firstName: 'Plain', company: '@Acme', tags: ['a', 'b'] },
    ]);
    const csvRes = await carol.fetch('/api/contacts/export?format=csv&sort=name&dir=asc');
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get('content-disposition')).toMatch(
      /attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const text = await csvRes.text();
    const rows: string[][] = parse(text, { bom: true });
    expect(rows).toHaveLength(3);
    const header = rows[0]!;
    const evil = rows.find((r) => r[header.indexOf('Email')] === 'evil@x.io')!;
    expect(evil[header.indexOf('First name')]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(evil[header.indexOf('Notes')]).toBe('line one\nline two');
    expect(evil[header.indexOf('Phone')]).toBe(`'+41441234567`);

    const xlsxRes = await carol.fetch('/api/contacts/export?format=xlsx');
    const book = XLSX.read(new Uint8Array(await xlsxRes.arrayBuffer()), { cellDates: true });
    const sheet = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Contacts!);
    expect(sheet.find((r) => r.Email === 'plain@x.io')).toMatchObject({ Company: "'@Acme", Tags: 'a, b' });
    expect(sheet[0]!.Created).toBeInstanceOf(Date);

    const upload = await carol.fetch('/api/imports', {
      method: 'POST',
      body: uploadForm('contacts.csv', Buffer.from(text)),
    });
    const preview: ImportDto = await upload.json();
    const commit = await send(carol, `/api/imports/${preview.id}/commit`, 'POST', {
      mapping: preview.mapping,
    });
    expect((await commit.json()).counts).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 0 });
  });
});

describe('preferences', () => {
  it('keeps the chosen columns per user, with defaults until then', async () => {
    const dan = await app.signIn('prefs@example.com', 'Dan');
    expect((await (await dan.fetch('/api/preferences')).json()).contactColumns).toContain('email');
    const put = await send(dan, '/api/preferences', 'PUT', { contactColumns: ['email', 'city'] });
    expect(await put.json()).toEqual({ contactColumns: ['name', 'email', 'city'] });
    expect(await (await dan.fetch('/api/preferences')).json()).toEqual({
      contactColumns: ['name', 'email', 'city'],
    });
    expect((await (await alice.fetch('/api/preferences')).json()).contactColumns).not.toEqual([
      'name',
      'email',
      'city',
    ]);
    expect((await send(dan, '/api/preferences', 'PUT', { contactColumns: ['shoe size'] })).status).toBe(400);
  });
});

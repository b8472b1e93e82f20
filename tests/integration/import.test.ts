import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactPage } from '../../functions/contacts/schema.js';
import type { ImportDto } from '../../functions/import/schema.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { people, peopleCsv, toCsv, toXlsx, uploadForm } from './support/files.js';
import { countContacts, countImports, ownerOf } from './support/seed.js';

let app: TestApp;
let alice: Session;
let aliceId: string;

beforeAll(async () => {
  // Up to 20k rows in the request; the queue path has its own test file.
  useEmulators({ IMPORT_SYNC_MAX_ROWS: '20000', IMPORT_MAX_BYTES: String(3 * 1024 * 1024) });
  app = await startTestApp();
  alice = await app.signIn('alice@example.com', 'Alice');
  aliceId = await ownerOf(alice);
});
afterAll(() => app.close());

async function upload(session: Session, fileName: string, bytes: Uint8Array, type?: string) {
  return session.fetch('/api/imports', { method: 'POST', body: uploadForm(fileName, bytes, type) });
}

async function importFile(
  session: Session,
  fileName: string,
  bytes: Uint8Array,
  type?: string,
): Promise<ImportDto> {
  const res = await upload(session, fileName, bytes, type);
  expect(res.status, await res.clone().text()).toBe(201);
  const preview: ImportDto = await res.json();
  const commit = await session.fetch(`/api/imports/${preview.id}/commit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mapping: preview.mapping }),
  });
  expect(commit.status).toBe(200);
  return commit.json();
}

describe('a 10,000-row CSV through the HTTP function', () => {
  const rows = people(10_000);
  // 50 repeats of earlier rows and 30 bad emails.
  const withDuplicates = [...rows, ...rows.slice(0, 50)];
  const bad = Array.from({ length: 30 }, (_, i) => ({ ...rows[i]!, email: `broken${i}@`, first: `Bad${i}` }));
  const file = peopleCsv([...withDuplicates, ...bad]);
  let first: ImportDto;

  it('previews the file with a suggested mapping before writing anything', async () => {
    const res = await upload(alice, 'leads.csv', file);
    expect(res.status).toBe(201);
    const preview: ImportDto = await res.json();
    expect(preview).toMatchObject({
      status: 'preview',
      format: 'csv',
      headers: ['First Name', 'Last Name', 'Email', 'Company', 'Title'],
      mapping: ['firstName', 'lastName', 'email', 'company', 'title'],
      totalRows: 10_080,
    });
    expect(preview.preview).toHaveLength(20);
    expect(preview.preview[0]).toEqual(['First0', 'Last0', 'person0@example0.com', 'Company 0', 'Director']);
    expect(await countContacts(aliceId)).toBe(0);
  });

  it('imports every valid row once, merges repeats and rejects bad emails with reasons', async () => {
    first = await importFile(alice, 'leads.csv', file);
    expect(first.status).toBe('completed');
    expect(first.counts).toMatchObject({
      created: 10_000,
      updated: 0,
      unchanged: 0,
      duplicatesInFile: 50,
      rejected: 30,
    });
    expect(first.processedRows).toBe(10_080);
    expect(first.rejectedSample[0]).toMatchObject({ row: 10_052 });
    expect(first.rejectedSample[0]!.reason).toMatch(/email/i);
    expect(await countContacts(aliceId)).toBe(10_000);

    const found: ContactPage = await (await alice.fetch('/api/contacts?search=person4242@')).json();
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({
      firstName: 'First4242',
      lastName: 'Last4242',
      company: 'Company 42',
      source: 'csv',
    });
  });

  it('offers the rejected rows as a CSV with the reason for each', async () => {
    const res = await alice.fetch(`/api/imports/${first.id}/rejected`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="leads-rejected.csv"/);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines).toHaveLength(31);
    expect(lines[0]).toMatch(/First Name,Last Name,Email,Company,Title/);
    expect(lines[0]).toMatch(/reason/i);
    expect(lines[1]).toContain('broken0@');
  });

  it('changes nothing when the same file is imported again', async () => {
    const again = await importFile(alice, 'leads.csv', file);
    expect(again.counts).toMatchObject({ created: 0, updated: 0, unchanged: 10_000, rejected: 30 });
    expect(await countContacts(aliceId)).toBe(10_000);
  });
});

describe('merging into existing contacts', () => {
  it('fills empty fields, keeps existing values, and reports what it did', async () => {
    const bob = await app.signIn('bob@example.com', 'Bob');
    await importFile(
      bob,
      'first.csv',
      toCsv(['Email', 'First Name', 'Company'], [['dana@corp.io', 'Dana', 'Corp']]),
    );
    const second = await importFile(
      bob,
      'second.csv',
      toCsv(
        ['Email', 'First Name', 'Company', 'Phone', 'Country'],
        [['DANA@corp.io', 'Danielle', 'Other', '020 7946 0958', 'GB']],
      ),
    );
    expect(second.counts).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const page: ContactPage = await (await bob.fetch('/api/contacts')).json();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      email: 'dana@corp.io',
      firstName: 'Dana',
      company: 'Corp',
      phone: '+442079460958',
    });
  });
});

describe('one person from two sources', () => {
  it('a LinkedIn export (no emails), then an Excel file with their emails: no new contacts, the existing ones gain the email', async () => {
    const carol = await app.signIn('carol@example.com', 'Carol');
    const linkedin = await importFile(
      carol,
      'Connections.csv',
      readFileSync(new URL('../fixtures/import/linkedin-connections.csv', import.meta.url)),
    );
    expect(linkedin.counts.created).toBeGreaterThan(0);
    const before: ContactPage = await (await carol.fetch('/api/contacts?limit=200')).json();
    const anna = before.items.find((c) => c.lastName === 'Schmidt')!;
    expect(anna.flags).toEqual(['no-email']);

    const excel = toXlsx(
      ['First name', 'Last name', 'Company', 'Email', 'LinkedIn'],
      [
        ['Anna', 'Schmidt', 'Globex', 'anna.schmidt@globex.de', ''],
        ['Priya', 'Raman', '', 'priya@umbrella.example', 'linkedin.com/in/priya-raman'],
      ],
    );
    const second = await importFile(
      carol,
      'leads.xlsx',
      excel,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(second.counts).toMatchObject({ created: 0, updated: 2 });
    const after: ContactPage = await (await carol.fetch('/api/contacts?limit=200')).json();
    expect(after.items).toHaveLength(before.items.length);
    expect(after.items.find((c) => c.id === anna.id)).toMatchObject({
      email: 'anna.schmidt@globex.de',
      source: 'linkedin',
      flags: [],
    });
    expect(after.items.find((c) => c.lastName === 'Raman')!.email).toBe('priya@umbrella.example');
  });
});

describe('spreadsheets', () => {
  it('imports an xlsx with formulas as their cached values and formula-like text as text', async () => {
    const carol = await app.signIn('carol@example.com', 'Carol');
    const result = await importFile(
      carol,
      'book.xlsx',
      toXlsx(
        ['Name', 'E-mail', 'Firma', 'Notes'],
        [
          ['Ada Lovelace', 'ada@engine.org', 'Analytical', '=1+1 is not run'],
          ['Alan Turing', 'alan@bletchley.uk', 'GCHQ', '@mention'],
        ],
      ),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(result.counts).toMatchObject({ created: 2, rejected: 0 });
    const page: ContactPage = await (await carol.fetch('/api/contacts?search=ada')).json();
    expect(page.items[0]).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical',
      notes: '=1+1 is not run',
    });
  });
});

describe('bad input gets a clear 4xx and writes nothing', () => {
  let dave: Session;
  let daveId: string;
  beforeAll(async () => {
    dave = await app.signIn('dave@example.com', 'Dave');
    daveId = await ownerOf(dave);
  });

  async function expectRefused(res: Awaited<ReturnType<Session['fetch']>>, status: number, message: RegExp) {
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(status);
    expect(body.error.message).toMatch(message);
    expect(await countImports(daveId)).toBe(0);
    expect(await countContacts(daveId)).toBe(0);
  }

  it('an empty file', async () => {
    await expectRefused(await upload(dave, 'empty.csv', new Uint8Array()), 400, /empty/i);
  });

  it('a file that is not a spreadsheet', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    await expectRefused(await upload(dave, 'contacts.csv', png), 415, /contacts\.csv/);
  });

  it('a file over the size limit', async () => {
    const big = peopleCsv(people(60_000));
    expect(big.length).toBeGreaterThan(3 * 1024 * 1024);
    await expectRefused(await upload(dave, 'big.csv', big), 413, /larger than 3 MB/);
  });

  it('an xlsx zip bomb', async () => {
    // A workbook whose one sheet inflates to 300 MB of zeros from well under 2 MB.
    const bomb = zipSync({
      '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
      'xl/workbook.xml': new TextEncoder().encode('<workbook/>'),
      'xl/worksheets/sheet1.xml': new Uint8Array(300 * 1024 * 1024),
    });
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await expectRefused(await upload(dave, 'bomb.xlsx', bomb), 413, /unpacks to more than 100 MB/);
  });

  it('a sheet with thousands of columns', async () => {
    const headers = Array.from({ length: 3000 }, (_, i) => `Column ${i}`);
    await expectRefused(
      await upload(dave, 'wide.csv', toCsv(headers, [headers.map(() => 'x')])),
      400,
      /3,?000 columns/,
    );
  });

  it('invalid UTF-8', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Email,Name\r\na@b.co,Ann\r\nc@d.co,'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('\r\n'),
    ]);
    await expectRefused(await upload(dave, 'latin.csv', bytes), 400, /UTF-8/);
  });

  it('a form without a file', async () => {
    const form = new FormData();
    form.set('other', 'x');
    const res = await dave.fetch('/api/imports', { method: 'POST', body: form });
    await expectRefused(res, 400, /Choose a file/);
  });

  it('a mapping that does not fit the file', async () => {
    const preview: ImportDto = await (
      await upload(dave, 'ok.csv', toCsv(['Email', 'Name'], [['e@f.gh', 'Eve']]))
    ).json();
    const res = await dave.fetch(`/api/imports/${preview.id}/commit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mapping: ['email'] }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.details[0].path).toBe('mapping');
    expect(await countContacts(daveId)).toBe(0);
  });
});

describe("isolation: another user's import does not exist for you", () => {
  it('404 on every import route, and not in the list', async () => {
    const erin = await app.signIn('erin@example.com', 'Erin');
    const mallory = await app.signIn('mallory@example.com', 'Mallory');
    const preview: ImportDto = await (await upload(erin, 'mine.csv', toCsv(['Email'], [['x@y.zz']]))).json();
    expect((await mallory.fetch(`/api/imports/${preview.id}`)).status).toBe(404);
    expect((await mallory.fetch(`/api/imports/${preview.id}/rejected`)).status).toBe(404);
    const commit = await mallory.fetch(`/api/imports/${preview.id}/commit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mapping: ['email'] }),
    });
    expect(commit.status).toBe(404);
    expect((await (await mallory.fetch('/api/imports')).json()).items).toEqual([]);
    const still: ImportDto = await (await erin.fetch(`/api/imports/${preview.id}`)).json();
    expect(still.status).toBe('preview');
  });
});

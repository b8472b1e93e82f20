import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { cosmosMeetingStore } from '../../functions/booking/meeting-store.js';
import type { MeetingDoc } from '../../functions/booking/model.js';
import { type CampaignDoc, campaigns, type MessageDoc, messages } from '../../functions/campaigns/store.js';
import { type ExportDeps, PAGE, runExport } from '../../functions/exports/exports.js';
import type { ExportJobDto } from '../../functions/exports/schema.js';
import { exportDeps } from '../../functions/exports/store.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { ownerOf, seedContacts } from './support/seed.js';

/**
 * Exports on the real emulators: jobs in Cosmos, files in Azurite, through the API as the SPA
 * calls it. A large CSV export is written page by page, killed midway and resumed from the
 * redelivered message; every file read back equals the seeded rows.
 */
let app: TestApp;
let alice: Session;
let bob: Session;
let ownerId: string;
// Two full pages and part of a third: the worker is killed after the second.
const ROWS = 2 * PAGE + 300;

beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
  alice = await app.signIn('exports-alice@example.com', 'Alice');
  bob = await app.signIn('exports-bob@example.com', 'Bob');
  ownerId = await ownerOf(alice);
  await seedContacts(
    ownerId,
    Array.from({ length: ROWS }, (_, i) => ({
      id: `x-${String(i).padStart(5, '0')}`,
      email: `p${i}@example.com`,
      firstName: i === 0 ? '=HYPERLINK("http://evil")' : `P${i}`,
      notes: i === 1 ? 'line one\nline two' : '',
      status: i % 10 === 0 ? ('won' as const) : ('new' as const),
    })),
  );
}, 60_000);
afterAll(() => app.close());

const post = (session: Session, body: unknown) =>
  session.fetch('/api/exports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('exports', () => {
  it('runs a large CSV export in the background with progress, resumes after a killed worker, and the file holds every row once', async () => {
    const res = await post(alice, { kind: 'contacts', format: 'csv' });
    expect(res.status).toBe(202);
    const queued: ExportJobDto = await res.json();
    expect(queued).toMatchObject({ status: 'queued', total: ROWS, processed: 0, kind: 'contacts' });

    // A worker that dies after writing two pages, as a host restart would leave it.
    let pages = 0;
    const base = exportDeps();
    const dying: ExportDeps = {
      ...base,
      files: {
        ...base.files,
        async stagePart(...args) {
          if (++pages > 2) throw new Error('worker killed');
          return base.files.stagePart(...args);
        },
      },
    };
    await expect(runExport(ownerId, queued.id, dying, { finalAttempt: false })).rejects.toThrow(
      'worker killed',
    );
    const midway: ExportJobDto = await (await alice.fetch(`/api/exports/${queued.id}`)).json();
    expect(midway).toMatchObject({ status: 'running', processed: 2 * PAGE, total: ROWS });
    expect((await alice.fetch(`/api/exports/${queued.id}/file`)).status).toBe(409);

    // The queue redelivers the message: the next worker goes on from the third page.
    await runExport(ownerId, queued.id, exportDeps(), { finalAttempt: true });
    const done: ExportJobDto = await (await alice.fetch(`/api/exports/${queued.id}`)).json();
    expect(done).toMatchObject({ status: 'completed', processed: ROWS, total: ROWS, error: null });

    const file = await alice.fetch(`/api/exports/${queued.id}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toMatch(
      /attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(done.size).toBe(bytes.length);
    const text = bytes.toString('utf8');
    const rows: Record<string, string>[] = parse(text, { bom: true, columns: true });
    expect(rows.map((r) => r.Email)).toEqual(Array.from({ length: ROWS }, (_, i) => `p${i}@example.com`));
    expect(rows[0]!['First name']).toBe(`'=HYPERLINK("http://evil")`);
    expect(rows[1]!.Notes).toBe('line one\nline two');
    expect(text).toContain('"line one\nline two"');
  });

  it('starts a large xlsx export again from the first row when its message is redelivered (a zip cannot be appended to)', async () => {
    const queued: ExportJobDto = await (await post(alice, { kind: 'contacts', format: 'xlsx' })).json();
    expect(queued.status).toBe('queued');
    let pages = 0;
    const base = exportDeps();
    const dying: ExportDeps = {
      ...base,
      rows: {
        ...base.rows,
        async page(...args) {
          if (++pages > 1) throw new Error('worker killed');
          return base.rows.page(...args);
        },
      },
    };
    await expect(runExport(ownerId, queued.id, dying, { finalAttempt: false })).rejects.toThrow(
      'worker killed',
    );
    expect(await (await alice.fetch(`/api/exports/${queued.id}`)).json()).toMatchObject({ processed: PAGE });
    await runExport(ownerId, queued.id, exportDeps(), { finalAttempt: true });
    const book = XLSX.read(
      Buffer.from(await (await alice.fetch(`/api/exports/${queued.id}/file`)).arrayBuffer()),
    );
    const emails = XLSX.utils.sheet_to_json<{ Email: string }>(book.Sheets.Contacts!).map((r) => r.Email);
    expect(emails).toEqual(Array.from({ length: ROWS }, (_, i) => `p${i}@example.com`));
  });

  it('writes a small leads export as xlsx in the request, filtered by stage, typed and neutralised', async () => {
    const res = await post(alice, { kind: 'leads', format: 'xlsx', filter: { stage: 'won' } });
    expect(res.status).toBe(201);
    const job: ExportJobDto = await res.json();
    expect(job).toMatchObject({ status: 'completed', total: ROWS / 10, processed: ROWS / 10 });
    const book = XLSX.read(
      Buffer.from(await (await alice.fetch(`/api/exports/${job.id}/file`)).arrayBuffer()),
      {
        type: 'buffer',
        cellDates: true,
      },
    );
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets.Leads!);
    expect(rows).toHaveLength(ROWS / 10);
    expect(rows[0]).toMatchObject({
      Name: `'=HYPERLINK("http://evil")`,
      Stage: 'Won',
      Email: 'p0@example.com',
    });
    expect(rows[0]!.Added).toBeInstanceOf(Date);
    expect(rows.map((r) => r.Email)).toEqual(
      Array.from({ length: ROWS / 10 }, (_, i) => `p${i * 10}@example.com`),
    );
  });

  it('exports meetings of a period and one campaign’s messages', async () => {
    const meeting = (id: string, start: string): MeetingDoc =>
      ({
        id,
        ownerId,
        title: '@Intro',
        start,
        end: start,
        status: 'booked',
        source: 'organizer',
        contactId: 'c',
        contact: { name: 'Ada', email: 'ada@example.com' },
        joinUrl: null,
        note: '',
        createdAt: start,
        cancelledAt: null,
      }) as unknown as MeetingDoc;
    await cosmosMeetingStore.create(meeting('m-in', '2026-11-10T10:00:00.000Z'));
    await cosmosMeetingStore.create(meeting('m-out', '2026-12-10T10:00:00.000Z'));
    const meetingsRes = await post(alice, {
      kind: 'meetings',
      format: 'csv',
      filter: { from: '2026-11-01', to: '2026-11-30' },
    });
    expect(meetingsRes.status).toBe(201);
    const mJob: ExportJobDto = await meetingsRes.json();
    const mRows: Record<string, string>[] = parse(
      await (await alice.fetch(`/api/exports/${mJob.id}/file`)).text(),
      {
        bom: true,
        columns: true,
      },
    );
    // Alice has no availability yet: her zone is UTC.
    expect(mRows).toEqual([
      expect.objectContaining({ Meeting: "'@Intro", Contact: 'Ada', Start: '2026-11-10 10:00' }),
    ]);

    const at = '2026-11-20T08:00:00.000Z';
    await campaigns.create({
      id: 'k-exp',
      ownerId,
      name: 'Winter',
      status: 'done',
      createdAt: at,
    } as CampaignDoc);
    for (const [i, campaignId] of ['k-exp', 'k-exp', 'k-other'].entries())
      await messages.create({
        id: `msg-exp-${i}`,
        ownerId,
        campaignId,
        step: 1,
        contactId: `c${i}`,
        contactName: `-Contact ${i}`,
        to: `c${i}@example.com`,
        status: 'sent',
        reason: null,
        sendAt: at,
        sentAt: at,
        events: [{ type: 'sent', at }],
      } as unknown as MessageDoc);
    const msgRes = await post(alice, { kind: 'messages', format: 'xlsx', filter: { campaignId: 'k-exp' } });
    expect(msgRes.status).toBe(201);
    const msgJob: ExportJobDto = await msgRes.json();
    const book = XLSX.read(
      Buffer.from(await (await alice.fetch(`/api/exports/${msgJob.id}/file`)).arrayBuffer()),
    );
    expect(XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Campaign messages']!)).toEqual([
      expect.objectContaining({ Campaign: 'Winter', Step: 1, Contact: "'-Contact 0", To: 'c0@example.com' }),
      expect.objectContaining({ Campaign: 'Winter', Contact: "'-Contact 1" }),
    ]);

    const { items } = await (await alice.fetch('/api/exports')).json();
    expect(items[0]).toMatchObject({ id: msgJob.id, kind: 'messages', filter: { campaignId: 'k-exp' } });
  });

  it('refuses bad input naming the field, and is the owner’s alone', async () => {
    const bad = await post(alice, { kind: 'meetings', format: 'pdf' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('format');
    const backwards = await post(alice, {
      kind: 'meetings',
      format: 'csv',
      filter: { from: '2026-12-01', to: '2026-11-01' },
    });
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).error.details[0].path).toBe('filter.to');
    const notMine = await post(bob, { kind: 'messages', format: 'csv', filter: { campaignId: 'k-exp' } });
    expect(notMine.status).toBe(400);
    expect((await notMine.json()).error.details[0].path).toBe('filter.campaignId');

    const { items } = await (await alice.fetch('/api/exports')).json();
    expect(items.length).toBeGreaterThan(0);
    expect((await (await bob.fetch('/api/exports')).json()).items).toEqual([]);
    expect((await bob.fetch(`/api/exports/${items[0].id}`)).status).toBe(404);
    expect((await bob.fetch(`/api/exports/${items[0].id}/file`)).status).toBe(404);
    // Bob's own contacts export has none of Alice's.
    const own = await post(bob, { kind: 'contacts', format: 'csv' });
    expect(await own.json()).toMatchObject({ status: 'completed', total: 0 });
  });
});

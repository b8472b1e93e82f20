import { QueueClient } from '@azure/storage-queue';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { listRegistrations } from '../../functions/_shared/registry.js';
import { enqueue } from '../../functions/_shared/storage.js';
import { cosmosImportStore } from '../../functions/import/imports-store.js';
import { importJobsQueue } from '../../functions/import/queue.js';
import type { ImportDto } from '../../functions/import/schema.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { people, peopleCsv, uploadForm } from './support/files.js';
import { countContacts, ownerOf } from './support/seed.js';
import { startWorker, stopWorkers, waitFor } from './support/worker.js';

const ROWS = 12_000;

let app: TestApp;
let alice: Session;
let aliceId: string;

beforeAll(async () => {
  useEmulators({ IMPORT_SYNC_MAX_ROWS: '1000', IMPORT_CHUNK_ROWS: '200' });
  app = await startTestApp();
  alice = await app.signIn('alice@example.com', 'Alice');
  aliceId = await ownerOf(alice);
});
afterEach(stopWorkers);
afterAll(() => app.close());

const job = (id: string) => async (): Promise<ImportDto> => (await alice.fetch(`/api/imports/${id}`)).json();

describe('large imports run in the background', () => {
  let importId: string;

  it('queues a file above the threshold and answers 202 at once', async () => {
    const res = await alice.fetch('/api/imports', {
      method: 'POST',
      body: uploadForm('big.csv', peopleCsv(people(ROWS))),
    });
    const preview: ImportDto = await res.json();
    importId = preview.id;
    const commit = await alice.fetch(`/api/imports/${importId}/commit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mapping: preview.mapping }),
    });
    expect(commit.status).toBe(202);
    expect(await commit.json()).toMatchObject({ status: 'queued', processedRows: 0, totalRows: ROWS });
  });

  it('resumes after the worker is killed mid-import, without duplicates or miscounts', async () => {
    const first = startWorker();
    const midway = await waitFor(job(importId), (j) => j.processedRows >= 1000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const atKill = await job(importId)();
    expect(midway.status).toBe('running');
    expect(atKill.processedRows).toBeLessThan(ROWS);

    startWorker();
    const done = await waitFor(job(importId), (j) => j.status === 'completed', 90_000);
    expect(done.processedRows).toBe(ROWS);
    expect(done.counts).toMatchObject({
      created: ROWS,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      duplicatesInFile: 0,
    });
    expect(await countContacts(aliceId)).toBe(ROWS);
  });

  it('ignores a redelivered message for a finished import', async () => {
    const before = await job(importId)();
    startWorker();
    await enqueue(importJobsQueue, { ownerId: aliceId, importId });
    const queue = new QueueClient(process.env.AzureWebJobsStorage!, importJobsQueue.name);
    await waitFor(
      async () => (await queue.getProperties()).approximateMessagesCount ?? 0,
      (n) => n === 0,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await job(importId)()).toEqual(before);
    expect(await countContacts(aliceId)).toBe(ROWS);
  });

  it('moves a message that keeps failing to the poison queue after 5 tries', async () => {
    startWorker();
    const poison = new QueueClient(process.env.AzureWebJobsStorage!, `${importJobsQueue.name}-poison`);
    await poison.createIfNotExists();
    await enqueue(importJobsQueue, { ownerId: aliceId, importId: 'no-such-import' });
    const peeked = await waitFor(
      async () => (await poison.peekMessages({ numberOfMessages: 1 })).peekedMessageItems,
      (items) => items.length > 0,
    );
    expect(Buffer.from(peeked[0]!.messageText, 'base64').toString()).toContain('no-such-import');
  });
});

describe('the import watchdog timer', () => {
  it('queues again a background import that stopped moving, and a worker finishes it', async () => {
    const res = await alice.fetch('/api/imports', {
      method: 'POST',
      body: uploadForm('late.csv', peopleCsv(people(1500, 50_000))),
    });
    const preview: ImportDto = await res.json();
    await alice.fetch(`/api/imports/${preview.id}/commit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mapping: preview.mapping }),
    });
    // Its message is lost (e.g. an outage between commit and enqueue) and 20 minutes pass.
    const queue = new QueueClient(process.env.AzureWebJobsStorage!, importJobsQueue.name);
    await queue.clearMessages();
    const doc = (await cosmosImportStore.find(aliceId, preview.id))!;
    await cosmosImportStore.save({ ...doc, updatedAt: new Date(Date.now() - 20 * 60_000).toISOString() });

    const watchdog = listRegistrations().find((r) => r.name === 'import-watchdog');
    expect(watchdog?.kind).toBe('timer');
    if (watchdog?.kind !== 'timer') return;
    const { default: azf } = await import('@azure/functions');
    const logs: string[] = [];
    await watchdog.options.handler(
      { isPastDue: false } as never,
      new azf.InvocationContext({ logHandler: (_level, ...args) => logs.push(args.join(' ')) }),
    );
    expect(logs).toContain('Re-queued 1 stalled import(s)');

    startWorker();
    const done = await waitFor(job(preview.id), (j) => j.status === 'completed');
    expect(done.counts.created).toBe(1500);
  });
});

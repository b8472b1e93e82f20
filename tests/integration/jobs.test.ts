import { QueueClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJobsQueue } from '../../functions/import/queue.js';
import type { FailedJobDto, FailedJobList } from '../../functions/jobs/schema.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { ownerOf } from './support/seed.js';

let app: TestApp;
let alice: Session;
let bob: Session;
let queue: QueueClient;
let poison: QueueClient;

const base64 = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64');

/** Puts a message on import-jobs-poison as the host does after the last failed try; returns its id. */
async function failed(body: unknown): Promise<string> {
  return (await poison.sendMessage(base64(body))).messageId;
}

const list = async (session: Session): Promise<FailedJobList> => {
  const res = await session.fetch('/api/jobs/failed');
  expect(res.status).toBe(200);
  return res.json();
};
const retry = (session: Session, job: Pick<FailedJobDto, 'queue' | 'id'>) =>
  session.fetch(`/api/jobs/failed/${job.queue}/${encodeURIComponent(job.id)}/retry`, { method: 'POST' });
const texts = async (q: QueueClient) =>
  (await q.peekMessages({ numberOfMessages: 32 })).peekedMessageItems.map((m) =>
    Buffer.from(m.messageText, 'base64').toString(),
  );

beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
  alice = await app.signIn('jobs-alice@example.com', 'Alice');
  bob = await app.signIn('jobs-bob@example.com', 'Bob');
  queue = new QueueClient(process.env.AzureWebJobsStorage!, importJobsQueue.name);
  poison = new QueueClient(process.env.AzureWebJobsStorage!, `${importJobsQueue.name}-poison`);
  await Promise.all([queue.createIfNotExists(), poison.createIfNotExists()]);
  // Files run one after another: start from empty queues, and leave them so.
  await Promise.all([queue.clearMessages(), poison.clearMessages()]);
});
afterAll(async () => {
  await Promise.all([queue.clearMessages(), poison.clearMessages()]);
  await app.close();
});

describe('failed background jobs', () => {
  it("lists each owner's own failed jobs and retries one onto its queue; another owner's is a 404", async () => {
    const [aliceId, bobId] = [await ownerOf(alice), await ownerOf(bob)];
    const aliceJob = await failed({ ownerId: aliceId, importId: 'imp-alice' });
    const bobJob = await failed({ ownerId: bobId, importId: 'imp-bob' });
    await poison.sendMessage(base64({ note: 'not a job of anyone' }));

    const aliceList = await list(alice);
    expect(aliceList).toEqual({
      partial: false,
      items: [
        {
          id: aliceJob,
          queue: 'import-jobs',
          kind: 'Import',
          what: { summary: 'Import imp-alice', target: { type: 'import', id: 'imp-alice' } },
          failedAt: expect.any(String),
          dequeueCount: 0,
        },
      ],
    });
    expect((await list(bob)).items.map((j) => j.id)).toEqual([bobJob]);

    // Bob cannot retry Alice's job, and asking changes nothing.
    const peekAll = async () => (await poison.peekMessages({ numberOfMessages: 32 })).peekedMessageItems;
    const before = await peekAll();
    expect((await retry(bob, { queue: 'import-jobs', id: aliceJob })).status).toBe(404);
    expect(await peekAll()).toEqual(before);
    expect(await texts(queue)).toEqual([]);
    expect(await list(alice)).toEqual(aliceList);

    // Unknown ids and queues.
    expect((await retry(alice, { queue: 'import-jobs', id: 'no-such-message' })).status).toBe(404);
    expect((await retry(alice, { queue: 'no-such-queue', id: aliceJob })).status).toBe(404);

    const res = await retry(alice, { queue: 'import-jobs', id: aliceJob });
    expect(res.status).toBe(202);
    expect(await texts(queue)).toEqual([JSON.stringify({ ownerId: aliceId, importId: 'imp-alice' })]);
    expect((await texts(poison)).some((t) => t.includes('imp-alice'))).toBe(false);
    expect(await list(alice)).toEqual({ items: [], partial: false });
    // Bob's job is still there, visible, and a second retry of Alice's finds nothing.
    expect((await list(bob)).items.map((j) => j.id)).toEqual([bobJob]);
    expect((await retry(alice, { queue: 'import-jobs', id: aliceJob })).status).toBe(404);
    expect(await texts(queue)).toHaveLength(1);
  });
});

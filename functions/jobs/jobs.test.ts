import { describe, expect, it } from 'vitest';
import { fakePoisonQueues } from '../../tests/fakes/poison-queues.js';
import { AppError } from '../_shared/errors.js';
import type { QueueDefinition } from '../_shared/queue.js';
import { emailSendQueue } from '../campaigns/queue.js';
import { contactBulkQueue } from '../contacts/queue.js';
import { importJobsQueue } from '../import/queue.js';
import { type JobsDeps, listFailedJobs, PEEK_LIMIT, retryFailedJob } from './jobs.js';

function setup() {
  const queues = fakePoisonQueues();
  const sent: { queue: string; message: unknown }[] = [];
  let failSend = false;
  const deps: JobsDeps = {
    // The same queue registered twice is read once.
    queues: () => [importJobsQueue, contactBulkQueue, emailSendQueue, importJobsQueue],
    poison: queues.port,
    async enqueue(definition: QueueDefinition, message: unknown) {
      if (failSend) throw new Error('storage is down');
      sent.push({ queue: definition.name, message: definition.schema.parse(message) });
    },
  };
  return {
    queues,
    sent,
    deps,
    failSendOnce: () => {
      failSend = true;
    },
  };
}

const at = (minute: number) => new Date(Date.UTC(2026, 2, 1, 9, minute));

async function notFound(promise: Promise<unknown>) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('NOT_FOUND');
}

describe('listing failed jobs', () => {
  it("lists the owner's poison messages of every queue, labelled, newest first, and nobody else's", async () => {
    const { queues, deps } = setup();
    const imp = queues.add('import-jobs-poison', { ownerId: 'ada', importId: 'imp-1' }, at(1));
    queues.add('import-jobs-poison', { ownerId: 'bob', importId: 'imp-bob' }, at(2));
    queues.add('import-jobs-poison', { email: 'not-a-job@example.com' }, at(3));
    queues.add('import-jobs-poison', 'not even json', at(3));
    const bulk = queues.add('contact-bulk-poison', { ownerId: 'ada', jobId: 'bulk-1' }, at(4));
    const send = queues.add(
      'email-send-poison',
      { kind: 'send', ownerId: 'ada', campaignId: 'cmp-1', messageIds: ['a', 'b'] },
      at(5),
    );
    const plan = queues.add(
      'email-send-poison',
      { kind: 'plan', ownerId: 'ada', campaignId: 'cmp-2' },
      at(6),
    );

    const { items, partial } = await listFailedJobs('ada', deps);
    expect(partial).toBe(false);
    expect(items).toEqual([
      {
        id: plan,
        queue: 'email-send',
        kind: 'Campaign sending',
        what: { summary: 'Planning the emails of campaign cmp-2', target: { type: 'campaign', id: 'cmp-2' } },
        failedAt: at(6).toISOString(),
        dequeueCount: 0,
      },
      expect.objectContaining({
        id: send,
        what: { summary: 'Sending 2 emails of campaign cmp-1', target: { type: 'campaign', id: 'cmp-1' } },
      }),
      expect.objectContaining({
        id: bulk,
        queue: 'contact-bulk',
        kind: 'Bulk action',
        what: { summary: 'Bulk action bulk-1 on contacts', target: { type: 'bulk', id: 'bulk-1' } },
      }),
      expect.objectContaining({
        id: imp,
        queue: 'import-jobs',
        kind: 'Import',
        what: { summary: 'Import imp-1', target: { type: 'import', id: 'imp-1' } },
      }),
    ]);
    expect((await listFailedJobs('bob', deps)).items.map((j) => j.what.summary)).toEqual(['Import imp-bob']);
    expect((await listFailedJobs('carol', deps)).items).toEqual([]);
  });

  it('says the list may be partial when a poison queue holds more than one peek reaches', async () => {
    const { queues, deps } = setup();
    for (let i = 0; i < PEEK_LIMIT; i++)
      queues.add('contact-bulk-poison', { ownerId: 'bob', jobId: `b${i}` });
    expect(await listFailedJobs('ada', deps)).toEqual({ items: [], partial: true });
  });
});

describe('retrying a failed job', () => {
  it('sends the message again through its queue and deletes it from the poison queue', async () => {
    const { queues, sent, deps } = setup();
    const id = queues.add('import-jobs-poison', { ownerId: 'ada', importId: 'imp-1' });
    const other = queues.add('import-jobs-poison', { ownerId: 'bob', importId: 'imp-bob' });
    await retryFailedJob('ada', 'import-jobs', id, deps);
    expect(sent).toEqual([{ queue: 'import-jobs', message: { ownerId: 'ada', importId: 'imp-1' } }]);
    expect(queues.contents('import-jobs-poison')).toEqual([
      expect.objectContaining({ id: other, dequeueCount: 0, hiddenUntil: 0 }),
    ]);
    expect((await listFailedJobs('ada', deps)).items).toEqual([]);
    await notFound(retryFailedJob('ada', 'import-jobs', id, deps));
    expect(sent).toHaveLength(1);
  });

  it("answers another owner's job with 404 and touches nothing", async () => {
    const { queues, sent, deps } = setup();
    const bobs = queues.add('import-jobs-poison', { ownerId: 'bob', importId: 'imp-bob' });
    const before = queues.contents('import-jobs-poison');
    await notFound(retryFailedJob('ada', 'import-jobs', bobs, deps));
    expect(sent).toEqual([]);
    expect(queues.contents('import-jobs-poison')).toEqual(before);
    expect((await listFailedJobs('bob', deps)).items.map((j) => j.id)).toEqual([bobs]);
  });

  it('answers 404 for an unknown queue, an unknown id, a poison queue named directly, or a malformed message', async () => {
    const { queues, sent, deps } = setup();
    const id = queues.add('import-jobs-poison', { ownerId: 'ada', importId: 'imp-1' });
    const junk = queues.add('import-jobs-poison', { ownerId: 'ada' });
    await notFound(retryFailedJob('ada', 'no-such-queue', id, deps));
    await notFound(retryFailedJob('ada', 'import-jobs-poison', id, deps));
    await notFound(retryFailedJob('ada', 'contact-bulk', id, deps));
    await notFound(retryFailedJob('ada', 'import-jobs', 'm-unknown', deps));
    await notFound(retryFailedJob('ada', 'import-jobs', junk, deps));
    expect(sent).toEqual([]);
    expect(queues.contents('import-jobs-poison').map((m) => m.dequeueCount)).toEqual([0, 0]);
  });

  it('releases the messages received ahead of it at once, visible again', async () => {
    const { queues, sent, deps } = setup();
    const ahead = [
      queues.add('contact-bulk-poison', { ownerId: 'bob', jobId: 'b1' }),
      queues.add('contact-bulk-poison', { ownerId: 'ada', jobId: 'a1' }),
    ];
    const id = queues.add('contact-bulk-poison', { ownerId: 'ada', jobId: 'a2' });
    const behind = queues.add('contact-bulk-poison', { ownerId: 'bob', jobId: 'b2' });
    await retryFailedJob('ada', 'contact-bulk', id, deps);
    expect(sent).toEqual([{ queue: 'contact-bulk', message: { ownerId: 'ada', jobId: 'a2' } }]);
    const left = queues.contents('contact-bulk-poison');
    expect(left.map((m) => m.id)).toEqual([...ahead, behind]);
    expect(left.every((m) => m.hiddenUntil === 0)).toBe(true);
    // Only the messages ahead were received; the one behind was never touched.
    expect(left.map((m) => m.dequeueCount)).toEqual([1, 1, 0]);
  });

  it('leaves the message in the poison queue, visible, when it cannot be sent again', async () => {
    const { queues, deps, failSendOnce } = setup();
    const id = queues.add('email-send-poison', { kind: 'plan', ownerId: 'ada', campaignId: 'c1' });
    failSendOnce();
    await expect(retryFailedJob('ada', 'email-send', id, deps)).rejects.toThrow('storage is down');
    expect(queues.contents('email-send-poison')).toEqual([expect.objectContaining({ id, hiddenUntil: 0 })]);
    expect((await listFailedJobs('ada', deps)).items.map((j) => j.id)).toEqual([id]);
  });
});

import { describe, expect, it } from 'vitest';
import { fakeBulkJobStore } from '../../tests/fakes/bulk-jobs.js';
import { fakeContactStore } from '../../tests/fakes/contact-store.js';
import { fakeTrashStore } from '../../tests/fakes/trash-store.js';
import type { AppError } from '../_shared/errors.js';
import {
  type BulkDeps,
  type BulkMessage,
  getBulkJob,
  runBulk,
  SYNC_LIMIT,
  startBulk,
  undoBulk,
} from './bulk.js';
import { contactIdFor } from './identity.js';
import { newContactDoc } from './model.js';

const OWNER = 'alice';

function setup(count: number, tagged = 0) {
  const contacts = fakeContactStore();
  const bin = fakeTrashStore();
  const queued: BulkMessage[] = [];
  let ids = 0;
  const deps: BulkDeps = {
    store: contacts.store,
    trash: bin.trash,
    jobs: fakeBulkJobStore(),
    now: () => new Date('2026-11-30T10:00:00Z'),
    newId: () => `job-${++ids}`,
    enqueue: async (m) => {
      queued.push(m);
    },
  };
  const all = Array.from({ length: count }, (_, i) => {
    const email = `p${String(i).padStart(5, '0')}@x.io`;
    const doc = newContactDoc(contactIdFor(`e:${email}`), OWNER, '2026-11-01T00:00:00.000Z', {
      email,
      tags: i < tagged ? ['VIP'] : [],
      flags: [],
      source: 'csv',
    });
    return contacts.put(doc);
  });
  contacts.put(
    newContactDoc('other', 'bob', '2026-11-01T00:00:00.000Z', {
      email: 'b@x.io',
      tags: [],
      flags: [],
      source: 'csv',
    }),
  );
  return { deps, contacts, bin, queued, all };
}

describe('bulk actions', () => {
  it('tags chosen contacts in the request and counts those that already had the tag as unchanged', async () => {
    const { deps, contacts, all } = setup(5, 2);
    const { job, queued } = await startBulk(
      OWNER,
      { target: { ids: all.map((c) => c.id) }, action: { type: 'addTags', tags: ['vip', 'Berlin'] } },
      deps,
    );
    expect(queued).toBe(false);
    expect(job).toMatchObject({ status: 'completed', total: 5, processed: 5, changed: 5 });
    expect([...contacts.docs(OWNER).values()].every((c) => c.tags.some((t) => t === 'Berlin'))).toBe(true);
    const again = await startBulk(
      OWNER,
      { target: { ids: all.map((c) => c.id) }, action: { type: 'addTags', tags: ['berlin'] } },
      deps,
    );
    expect(again.job).toMatchObject({ processed: 5, changed: 0 });
  });

  it("never touches another owner's contact, even when its id is sent", async () => {
    const { deps, contacts } = setup(1);
    const { job } = await startBulk(
      OWNER,
      { target: { ids: ['other'] }, action: { type: 'setStatus', status: 'won' } },
      deps,
    );
    expect(job).toMatchObject({ processed: 1, changed: 0 });
    expect(contacts.docs('bob').get('other')!.status).toBe('new');
  });

  it('walks every match of a filter even when the action makes them stop matching', async () => {
    const { deps, contacts } = setup(250);
    const { job } = await startBulk(
      OWNER,
      { target: { filter: { status: 'new' } }, action: { type: 'setStatus', status: 'contacted' } },
      deps,
    );
    expect(job).toMatchObject({ status: 'completed', total: 250, processed: 250, changed: 250 });
    expect([...contacts.docs(OWNER).values()].filter((c) => c.status === 'contacted')).toHaveLength(250);
  });

  it('queues a large action, and a worker killed midway is resumed with exact counts', async () => {
    const { deps, queued, contacts } = setup(SYNC_LIMIT + 200, 100);
    const { job, queued: wasQueued } = await startBulk(
      OWNER,
      { target: { filter: {} }, action: { type: 'removeTags', tags: ['vip'] } },
      deps,
    );
    expect(wasQueued).toBe(true);
    expect(job.status).toBe('queued');
    expect(queued).toEqual([{ ownerId: OWNER, jobId: job.id }]);
    // The first worker dies after writing its first step, before saving that step's progress.
    let saves = 0;
    const dying: BulkDeps = {
      ...deps,
      jobs: {
        ...deps.jobs,
        save: async (doc) => {
          if (doc.processed > 0 && ++saves === 1) throw new Error('worker killed');
          return deps.jobs.save(doc);
        },
      },
    };
    await expect(runBulk(OWNER, job.id, dying, { finalAttempt: false })).rejects.toThrow('worker killed');
    const partial = await getBulkJob(OWNER, job.id, deps);
    expect(partial).toMatchObject({ status: 'running', processed: 0 });
    const done = await runBulk(OWNER, job.id, deps, { finalAttempt: true });
    expect(done).toMatchObject({
      status: 'completed',
      total: SYNC_LIMIT + 200,
      processed: SYNC_LIMIT + 200,
      changed: 100,
    });
    expect([...contacts.docs(OWNER).values()].some((c) => c.tags.length > 0)).toBe(false);
  });

  it('a redelivered message for a finished job changes nothing', async () => {
    const { deps } = setup(3);
    const { job } = await startBulk(
      OWNER,
      { target: { filter: {} }, action: { type: 'addTags', tags: ['x'] } },
      deps,
    );
    const again = await runBulk(OWNER, job.id, deps, { finalAttempt: true });
    expect(again).toMatchObject({ status: 'completed', changed: 3, completedAt: job.completedAt });
  });

  it('keeps an edit made while the action runs (the contact is re-read and the action re-applied)', async () => {
    const { deps, contacts, all } = setup(1);
    let raced = false;
    contacts.onReplace((id) => {
      if (raced) return;
      raced = true;
      contacts.put({ ...contacts.docs(OWNER).get(id)!, notes: 'called on Monday' });
    });
    const { job } = await startBulk(
      OWNER,
      { target: { ids: [all[0]!.id] }, action: { type: 'setStatus', status: 'won' } },
      deps,
    );
    expect(job.changed).toBe(1);
    expect(contacts.docs(OWNER).get(all[0]!.id)).toMatchObject({ status: 'won', notes: 'called on Monday' });
  });

  it('moves deleted contacts to the trash, and Undo brings every one back, once', async () => {
    const { deps, contacts, bin } = setup(7);
    const { job } = await startBulk(OWNER, { target: { filter: {} }, action: { type: 'delete' } }, deps);
    expect(job).toMatchObject({ status: 'completed', changed: 7, undoable: true });
    expect(contacts.docs(OWNER).size).toBe(0);
    expect(bin.docs(OWNER)).toHaveLength(7);
    const undo = await undoBulk(OWNER, job.id, deps);
    expect(undo.job).toMatchObject({
      action: { type: 'restore', of: job.id },
      status: 'completed',
      changed: 7,
    });
    expect(contacts.docs(OWNER).size).toBe(7);
    expect(bin.docs(OWNER)).toHaveLength(0);
    const twice = await undoBulk(OWNER, job.id, deps).catch((e: AppError) => e);
    expect((twice as AppError).code).toBe('CONFLICT');
    expect((await getBulkJob(OWNER, job.id, deps)).undoable).toBe(false);
  });

  it('answers another owner with 404 for a job', async () => {
    const { deps } = setup(1);
    const { job } = await startBulk(OWNER, { target: { filter: {} }, action: { type: 'delete' } }, deps);
    const err = (await getBulkJob('bob', job.id, deps).catch((e: AppError) => e)) as AppError;
    expect(err.code).toBe('NOT_FOUND');
    expect(((await undoBulk('bob', job.id, deps).catch((e: AppError) => e)) as AppError).code).toBe(
      'NOT_FOUND',
    );
  });
});

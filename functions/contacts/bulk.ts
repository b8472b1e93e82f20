import { AppError, notFound } from '../_shared/errors.js';
import type { QueueMessage } from '../_shared/queue.js';
import { applyBulkAction } from './bulk-apply.js';
import { type BulkJobDoc, type BulkJobStore, JOB_TTL_SECONDS, toBulkJobDto } from './bulk-jobs.js';
import { type ContactsDeps, restoreMany } from './contacts.js';
import type { ContactDoc } from './model.js';
import type { contactBulkQueue } from './queue.js';
import type { BulkJobAction, BulkJobDto, BulkRequest } from './schema.js';

export type BulkMessage = QueueMessage<typeof contactBulkQueue>;

export interface BulkDeps extends ContactsDeps {
  jobs: BulkJobStore;
  newId(): string;
  enqueue(message: BulkMessage): Promise<void>;
}

/** Up to this many contacts are done within the request; more go to the contact-bulk queue. */
export const SYNC_LIMIT = 500;
/** Contacts per step; progress is saved after each, so a killed worker redoes at most one. */
const STEP = 100;

/**
 * Starts a bulk action on chosen contacts or on every contact matching a filter. Small ones finish
 * in the request (completed job, 200); large ones run in the background (queued job, 202) and
 * report progress. Either way the job says exactly how many it processed and changed.
 */
export async function startBulk(
  ownerId: string,
  request: BulkRequest,
  deps: BulkDeps,
): Promise<{ job: BulkJobDto; queued: boolean }> {
  const total =
    'ids' in request.target
      ? new Set(request.target.ids).size
      : await deps.store.count(ownerId, request.target.filter);
  const target = 'ids' in request.target ? { ids: [...new Set(request.target.ids)].sort() } : request.target;
  return launch(ownerId, request.action, target, total, deps);
}

async function launch(
  ownerId: string,
  action: BulkJobAction,
  target: BulkJobDoc['target'],
  total: number,
  deps: BulkDeps,
): Promise<{ job: BulkJobDto; queued: boolean }> {
  const now = deps.now().toISOString();
  const job = await deps.jobs.create({
    id: deps.newId(),
    ownerId,
    action,
    target,
    status: 'queued',
    total,
    processed: 0,
    changed: 0,
    cursor: null,
    error: null,
    undoable: false,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    ttl: JOB_TTL_SECONDS,
  });
  if (total > SYNC_LIMIT) {
    try {
      await deps.enqueue({ ownerId, jobId: job.id });
    } catch {
      await deps.jobs.save({
        ...job,
        status: 'failed',
        error: 'Could not be started just now — try again in a moment.',
      });
      throw new AppError('UNAVAILABLE', 'The action could not be started just now — try again in a moment.');
    }
    return { job: toBulkJobDto(job), queued: true };
  }
  return { job: toBulkJobDto(await runBulk(ownerId, job.id, deps, { finalAttempt: true })), queued: false };
}

export async function getBulkJob(ownerId: string, id: string, deps: BulkDeps): Promise<BulkJobDto> {
  const job = await deps.jobs.find(ownerId, id);
  if (!job) throw notFound('Bulk action');
  return toBulkJobDto(job);
}

/**
 * Runs (or resumes) a job step by step: each step's contacts are changed, then progress is saved
 * with the job's `_etag` — a redelivered message or a second worker loses that race instead of
 * counting twice, and a killed worker's successor starts at the last saved step.
 */
export async function runBulk(
  ownerId: string,
  id: string,
  deps: BulkDeps,
  options: { finalAttempt: boolean },
): Promise<BulkJobDoc> {
  let job = await deps.jobs.find(ownerId, id);
  if (!job) throw notFound('Bulk action');
  if (job.status === 'completed' || job.status === 'failed') return job;
  try {
    if (job.status === 'queued')
      job = await deps.jobs.save({ ...job, status: 'running', updatedAt: deps.now().toISOString() });
    for (;;) {
      const step = await nextStep(job, deps);
      if (step.count === 0) break;
      const changed = await applyStep(job, step.docs, deps);
      job = await deps.jobs.save({
        ...job,
        cursor: step.cursor,
        processed: job.processed + step.count,
        changed: job.changed + changed,
        updatedAt: deps.now().toISOString(),
      });
    }
    const now = deps.now().toISOString();
    return await deps.jobs.save({
      ...job,
      // A step replayed after a crash no longer sees what it already moved: count from the trash.
      changed: await finalChanged(job, deps),
      status: 'completed',
      // A filter's matches can change while the job runs: the total is what was processed.
      total: 'filter' in job.target ? job.processed : job.total,
      undoable: job.action.type === 'delete' && job.changed > 0,
      updatedAt: now,
      completedAt: now,
    });
  } catch (err) {
    if (options.finalAttempt && !(err instanceof AppError && err.code === 'CONFLICT')) {
      const latest = (await deps.jobs.find(ownerId, id))!;
      const message = `Stopped after ${latest.processed} of ${latest.total} contacts — the rest are unchanged. Run it again to finish.`;
      await deps.jobs.save({
        ...latest,
        status: 'failed',
        error: message,
        updatedAt: deps.now().toISOString(),
      });
    }
    throw err;
  }
}

async function finalChanged(job: BulkJobDoc, deps: BulkDeps): Promise<number> {
  if (job.action.type === 'delete') return deps.trash.countByJob(job.ownerId, job.id);
  if (job.action.type === 'restore')
    return job.total - (await deps.trash.countByJob(job.ownerId, job.action.of));
  return job.changed;
}

async function nextStep(
  job: BulkJobDoc,
  deps: BulkDeps,
): Promise<{ docs: ContactDoc[]; count: number; cursor: string | null }> {
  const { ownerId, target, cursor } = job;
  if ('ids' in target) {
    const ids = target.ids.filter((id) => cursor === null || id > cursor).slice(0, STEP);
    return {
      docs: ids.length ? await deps.store.readMany(ownerId, ids) : [],
      count: ids.length,
      cursor: ids.at(-1) ?? cursor,
    };
  }
  if ('filter' in target) {
    const docs = await deps.store.pageAfter(ownerId, target.filter, cursor, STEP);
    return { docs, count: docs.length, cursor: docs.at(-1)?.id ?? cursor };
  }
  const trashed = await deps.trash.byJob(ownerId, target.job, cursor, STEP);
  return { docs: trashed, count: trashed.length, cursor: trashed.at(-1)?.id ?? cursor };
}

async function applyStep(job: BulkJobDoc, docs: ContactDoc[], deps: BulkDeps): Promise<number> {
  if (job.action.type === 'restore') {
    return (await restoreMany(job.ownerId, docs as Parameters<typeof restoreMany>[1], deps)).length;
  }
  return applyBulkAction(job.ownerId, job.id, job.action, docs, deps);
}

/** Undoes a bulk delete: everything it moved to the trash comes back (as a job of its own). */
export async function undoBulk(
  ownerId: string,
  id: string,
  deps: BulkDeps,
): Promise<{ job: BulkJobDto; queued: boolean }> {
  const job = await deps.jobs.find(ownerId, id);
  if (!job) throw notFound('Bulk action');
  if (!job.undoable) throw new AppError('CONFLICT', 'Only a finished delete can be undone, once.');
  // Saved first, with its etag: a double click undoes once.
  await deps.jobs.save({ ...job, undoable: false, updatedAt: deps.now().toISOString() });
  const total = await deps.trash.countByJob(ownerId, id);
  return launch(ownerId, { type: 'restore', of: id }, { job: id }, total, deps);
}

import { bulkWrite, readOwned } from '../_shared/cosmos/bulk.js';
import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import type { ContactDoc } from './model.js';

/** How long a deleted contact can be restored. */
export const TRASH_DAYS = 30;

/** A deleted contact, kept whole so it comes back exactly as it was. */
export interface TrashedDoc extends ContactDoc {
  deletedAt: string;
  purgeAt: string;
  /** The bulk delete that trashed it, so that action can be undone as a whole. */
  deletedByJob?: string;
  /** Seconds until Azure deletes it by itself (the container's per-document TTL). */
  ttl: number;
}

/** The trash, taken by the contact use cases; Cosmos here, in memory in unit tests. */
export interface TrashStore {
  put(ownerId: string, docs: TrashedDoc[]): Promise<void>;
  read(ownerId: string, id: string): Promise<TrashedDoc | undefined>;
  remove(ownerId: string, ids: string[]): Promise<void>;
  /** Newest deletions first. */
  list(ownerId: string, limit: number): Promise<TrashedDoc[]>;
  /** What one bulk delete trashed, in id order after `afterId`. */
  byJob(ownerId: string, jobId: string, afterId: string | null, limit: number): Promise<TrashedDoc[]>;
  countByJob(ownerId: string, jobId: string): Promise<number>;
  /** Ids past their purge time, of every owner (the purge timer; Azure's TTL does the same). */
  expired(now: string): Promise<{ id: string; ownerId: string }[]>;
}

export function toTrashed(doc: ContactDoc, now: Date, jobId?: string): TrashedDoc {
  const { _etag, ...rest } = doc;
  const purgeAt = new Date(now.getTime() + TRASH_DAYS * 86_400_000).toISOString();
  return {
    ...rest,
    deletedAt: now.toISOString(),
    purgeAt,
    ttl: TRASH_DAYS * 86_400,
    ...(jobId && { deletedByJob: jobId }),
  };
}

/** The contact as it was before it was trashed. */
export function fromTrashed(doc: TrashedDoc): ContactDoc {
  const { deletedAt: _d, purgeAt: _p, deletedByJob: _j, ttl: _t, _etag, ...contact } = doc;
  return contact;
}

const trash = () => getContainer('contact-trash');

export const cosmosTrashStore: TrashStore = {
  async put(ownerId, docs) {
    const statuses = await bulkWrite(await trash(), ownerId, docs, 'upsert');
    const failed = statuses.filter((s) => s !== 200 && s !== 201);
    if (failed.length)
      throw new Error(`Moving ${failed.length} contact(s) to the trash failed (${failed[0]})`);
  },
  async read(ownerId, id) {
    return readOwned<TrashedDoc>(await trash(), ownerId, id);
  },
  async remove(ownerId, ids) {
    const container = await trash();
    for (const id of ids) {
      try {
        await container.item(id, ownerId).delete();
      } catch (err) {
        if (cosmosStatus(err) !== 404) throw err;
      }
    }
  },
  async list(ownerId, limit) {
    const { resources } = await (await trash()).items
      .query<TrashedDoc>(
        {
          query: `SELECT TOP ${Math.trunc(limit)} * FROM c WHERE c.ownerId = @owner ORDER BY c.deletedAt DESC`,
          parameters: [{ name: '@owner', value: ownerId }],
        },
        { partitionKey: ownerId },
      )
      .fetchAll();
    return resources.filter((d) => d.ownerId === ownerId);
  },
  async byJob(ownerId, jobId, afterId, limit) {
    const { resources } = await (await trash()).items
      .query<TrashedDoc>(
        {
          query: `SELECT TOP ${Math.trunc(limit)} * FROM c WHERE c.ownerId = @owner AND c.deletedByJob = @job AND c.id > @after ORDER BY c.id`,
          parameters: [
            { name: '@owner', value: ownerId },
            { name: '@job', value: jobId },
            { name: '@after', value: afterId ?? '' },
          ],
        },
        { partitionKey: ownerId },
      )
      .fetchAll();
    return resources.filter((d) => d.ownerId === ownerId);
  },
  async countByJob(ownerId, jobId) {
    const { resources } = await (await trash()).items
      .query<number>(
        {
          query: 'SELECT VALUE COUNT(1) FROM c WHERE c.ownerId = @owner AND c.deletedByJob = @job',
          parameters: [
            { name: '@owner', value: ownerId },
            { name: '@job', value: jobId },
          ],
        },
        { partitionKey: ownerId },
      )
      .fetchAll();
    return resources[0] ?? 0;
  },
  async expired(now) {
    const { resources } = await (await trash()).items
      .query<{ id: string; ownerId: string }>({
        query: 'SELECT c.id, c.ownerId FROM c WHERE c.purgeAt < @now',
        parameters: [{ name: '@now', value: now }],
      })
      .fetchAll();
    return resources;
  },
};

import { AppError } from '../_shared/errors.js';
import type { ContactsDeps } from './contacts.js';
import { uniteTags } from './merge.js';
import type { ContactDoc } from './model.js';
import type { BulkAction } from './schema.js';
import { toTrashed } from './trash-store.js';

const MAX_ATTEMPTS = 5;

/** The contact after the action, or null when the action changes nothing on it. */
function changedBy(
  action: Exclude<BulkAction, { type: 'delete' }>,
  doc: ContactDoc,
  now: string,
): ContactDoc | null {
  if (action.type === 'setStatus')
    return doc.status === action.status
      ? null
      : { ...doc, status: action.status, lead: { ...doc.lead, since: now, by: 'manual' } };
  if (action.type === 'addTags') {
    const tags = uniteTags(doc.tags, action.tags);
    return tags.length === doc.tags.length ? null : { ...doc, tags };
  }
  const gone = new Set(action.tags.map((t) => t.toLowerCase()));
  const tags = doc.tags.filter((t) => !gone.has(t.toLowerCase()));
  return tags.length === doc.tags.length ? null : { ...doc, tags };
}

/**
 * Applies a bulk action to one step's contacts; returns how many it changed. Each change stamps
 * the job on the contact, so a step replayed after a crash counts those as changed again rather
 * than as "already so". Concurrent edits are re-read and re-applied (etag), never overwritten.
 */
export async function applyBulkAction(
  ownerId: string,
  jobId: string,
  action: BulkAction,
  docs: ContactDoc[],
  deps: ContactsDeps,
): Promise<number> {
  const now = deps.now();
  if (action.type === 'delete') {
    // Into the trash first (stamped with the job, so Undo finds them), then out of the list.
    await deps.trash.put(
      ownerId,
      docs.map((d) => toTrashed(d, now, jobId)),
    );
    for (const doc of docs) await deps.store.delete(ownerId, doc.id);
    return docs.length;
  }
  let changed = 0;
  let pending = docs;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === MAX_ATTEMPTS) {
      throw new AppError(
        'CONFLICT',
        `${pending.length} contact(s) kept changing during the bulk action — run it again.`,
      );
    }
    const writes: ContactDoc[] = [];
    const before = new Map(pending.map((d) => [d.id, d.status]));
    for (const doc of pending) {
      const next = changedBy(action, doc, now.toISOString());
      if (next) writes.push({ ...next, changedByJob: jobId, updatedAt: now.toISOString() });
      else if (doc.changedByJob === jobId) changed++; // changed by this job before a restart
    }
    const statuses = writes.length ? await deps.store.replaceMany(ownerId, writes) : [];
    const retry: string[] = [];
    const moved: ContactDoc[] = [];
    writes.forEach((doc, i) => {
      if (statuses[i] === 200 || statuses[i] === 201) {
        changed++;
        if (action.type === 'setStatus') moved.push(doc);
      } else if (statuses[i] === 412) retry.push(doc.id);
      else if (statuses[i] !== 404)
        throw new AppError('UNAVAILABLE', `Saving contacts failed (status ${statuses[i]}).`);
    });
    for (const doc of moved)
      await deps.statusSet?.(ownerId, doc.id, before.get(doc.id)!, doc.status, now.toISOString(), jobId);
    pending = retry.length ? await deps.store.readMany(ownerId, retry) : [];
  }
  return changed;
}

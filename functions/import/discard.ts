import { AppError } from '../_shared/errors.js';
import { getImport, type ImportDeps } from './import.js';
import { PREVIEW_TTL_HOURS } from './schema.js';

/** An upload the person decided not to import: its record and its file go; a committed import stays. */
export async function discardImport(ownerId: string, id: string, deps: ImportDeps): Promise<void> {
  const doc = await getImport(ownerId, id, deps);
  if (doc.status !== 'preview') {
    throw new AppError(
      'CONFLICT',
      'This import has already run — its contacts stay; delete them from Contacts.',
    );
  }
  await deps.files.deleteUpload(doc.blobName);
  await deps.imports.remove(ownerId, id);
}

/** Uploads nobody committed within a day are discarded, so stored files do not pile up. */
export async function expireAbandonedPreviews(deps: ImportDeps): Promise<number> {
  const before = new Date(deps.now().getTime() - PREVIEW_TTL_HOURS * 3_600_000).toISOString();
  const abandoned = await deps.imports.findAbandoned(before);
  for (const { id, ownerId, blobName } of abandoned) {
    await deps.files.deleteUpload(blobName);
    await deps.imports.remove(ownerId, id);
  }
  return abandoned.length;
}

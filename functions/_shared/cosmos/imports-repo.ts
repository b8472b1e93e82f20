import type { ImportDto } from '../../import/schema.js';
import { AppError, notFound } from '../errors.js';
import { cosmosStatus, getContainer } from './client.js';

/** An import job as stored: the DTO plus owner, the uploaded blob and concurrency fields. */
export interface ImportDoc extends ImportDto {
  ownerId: string;
  blobName: string;
  /** First row of each rejected-row report part written (one blob per chunk that rejected rows). */
  rejectParts: number[];
  _etag?: string;
}

export function toImportDto(doc: ImportDoc): ImportDto {
  const { ownerId, blobName, rejectParts, _etag, ...rest } = doc;
  const dto: Record<string, unknown> = { ...rest };
  for (const key of Object.keys(dto)) if (key.startsWith('_')) delete dto[key];
  return dto as unknown as ImportDto;
}

export async function createImport(doc: ImportDoc): Promise<ImportDoc> {
  const container = await getContainer('imports');
  const { resource } = await container.items.create<ImportDoc>(doc);
  return resource!;
}

export async function findImport(ownerId: string, id: string): Promise<ImportDoc | undefined> {
  const container = await getContainer('imports');
  const { resource } = await container.item(id, ownerId).read<ImportDoc>();
  return resource && resource.ownerId === ownerId ? resource : undefined;
}

export async function getImport(ownerId: string, id: string): Promise<ImportDoc> {
  const doc = await findImport(ownerId, id);
  if (!doc) throw notFound('Import');
  return doc;
}

/**
 * Replaces the job only if nobody else changed it since it was read: a second worker on a
 * redelivered message loses here instead of double-counting.
 */
export async function saveImport(doc: ImportDoc): Promise<ImportDoc> {
  const container = await getContainer('imports');
  try {
    const { resource } = await container
      .item(doc.id, doc.ownerId)
      .replace<ImportDoc>(doc, { accessCondition: { type: 'IfMatch', condition: doc._etag! } });
    return resource!;
  } catch (err) {
    if (cosmosStatus(err) === 412) {
      throw new AppError('CONFLICT', 'This import was changed by another request — reload it.');
    }
    throw err;
  }
}

export async function listImports(ownerId: string, limit = 20): Promise<ImportDoc[]> {
  const container = await getContainer('imports');
  const { resources } = await container.items
    .query<ImportDoc>(
      {
        query: `SELECT TOP ${limit} * FROM c WHERE c.ownerId = @owner ORDER BY c.createdAt DESC`,
        parameters: [{ name: '@owner', value: ownerId }],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return resources.filter((d) => d.ownerId === ownerId);
}

/**
 * Jobs of every owner that should be moving but have not saved progress since `before`. A system
 * path (the watchdog timer), so it is the one query here that spans partitions.
 */
export async function findStalledImports(before: string): Promise<{ id: string; ownerId: string }[]> {
  const container = await getContainer('imports');
  const { resources } = await container.items
    .query<{ id: string; ownerId: string }>({
      query:
        "SELECT c.id, c.ownerId FROM c WHERE (c.status = 'queued' OR c.status = 'running') AND c.updatedAt < @before",
      parameters: [{ name: '@before', value: before }],
    })
    .fetchAll();
  return resources;
}

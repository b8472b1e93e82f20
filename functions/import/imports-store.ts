import { getContainer } from '../_shared/cosmos/client.js';
import { ChangedError, ownedDocuments } from '../_shared/cosmos/documents.js';
import type { ImportDto } from './schema.js';

/** An import job as stored: the DTO plus owner, the uploaded blob and concurrency fields. */
export interface ImportDoc extends ImportDto {
  ownerId: string;
  blobName: string;
  /** First row of each rejected-row report part written (one blob per chunk that rejected rows). */
  rejectParts: number[];
  /** The user ticked "Import erased contacts anyway": rows of contacts erased earlier are imported. */
  importErased?: boolean;
  _etag?: string;
}

/** The job was saved by someone else since it was read: a second worker lost the race. */
export class ImportChangedError extends ChangedError {
  constructor() {
    super('import');
  }
}

/** The DTO lists the fields it keeps, so a stored field added later never leaks by default. */
export function toImportDto(doc: ImportDoc): ImportDto {
  return {
    id: doc.id,
    fileName: doc.fileName,
    format: doc.format,
    status: doc.status,
    headers: doc.headers,
    mapping: doc.mapping,
    preview: doc.preview,
    totalRows: doc.totalRows,
    processedRows: doc.processedRows,
    counts: doc.counts,
    rejectedSample: doc.rejectedSample,
    error: doc.error,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    completedAt: doc.completedAt,
  };
}

/** Import jobs storage, taken by the import use case; Cosmos here, a fake in unit tests. */
export interface ImportStore {
  create(doc: ImportDoc): Promise<ImportDoc>;
  find(ownerId: string, id: string): Promise<ImportDoc | undefined>;
  /**
   * Replaces the job only if nobody changed it since it was read: a second worker on a
   * redelivered message loses here (ImportChangedError) instead of double-counting.
   */
  save(doc: ImportDoc): Promise<ImportDoc>;
  /** The owner's newest jobs first. */
  list(ownerId: string, limit: number): Promise<ImportDoc[]>;
  /** Jobs of every owner that should be moving but have saved nothing since `before`. */
  findStalled(before: string): Promise<{ id: string; ownerId: string }[]>;
  remove(ownerId: string, id: string): Promise<void>;
  /** Uploads of every owner still waiting for their commit since before `before`. */
  findAbandoned(before: string): Promise<{ id: string; ownerId: string; blobName: string }[]>;
}

const imports = ownedDocuments<ImportDoc>('imports', 'import');

export const cosmosImportStore: ImportStore = {
  create: imports.create,
  find: imports.find,
  async save(doc) {
    try {
      return await imports.save(doc);
    } catch (err) {
      throw err instanceof ChangedError ? new ImportChangedError() : err;
    }
  },
  remove: imports.remove,
  async list(ownerId, limit) {
    const { resources } = await (await getContainer('imports')).items
      .query<ImportDoc>(
        {
          query: `SELECT TOP ${Math.trunc(limit)} * FROM c WHERE c.ownerId = @owner ORDER BY c.createdAt DESC`,
          parameters: [{ name: '@owner', value: ownerId }],
        },
        { partitionKey: ownerId },
      )
      .fetchAll();
    return resources.filter((d) => d.ownerId === ownerId);
  },
  // A system path (the watchdog timer), so the one query here that spans partitions.
  async findStalled(before) {
    const { resources } = await (await getContainer('imports')).items
      .query<{ id: string; ownerId: string }>({
        query:
          "SELECT c.id, c.ownerId FROM c WHERE (c.status = 'queued' OR c.status = 'running') AND c.updatedAt < @before",
        parameters: [{ name: '@before', value: before }],
      })
      .fetchAll();
    return resources;
  },
  async findAbandoned(before) {
    const { resources } = await (await getContainer('imports')).items
      .query<{ id: string; ownerId: string; blobName: string }>({
        query:
          "SELECT c.id, c.ownerId, c.blobName FROM c WHERE c.status = 'preview' AND c.createdAt < @before",
        parameters: [{ name: '@before', value: before }],
      })
      .fetchAll();
    return resources;
  },
};

import { ownedDocuments } from '../_shared/cosmos/documents.js';
import type { BulkJobAction, BulkJobDto, BulkJobStatus, BulkTarget } from './schema.js';

/** A bulk action as stored: the DTO plus owner, what it applies to, and where it has got to. */
export interface BulkJobDoc {
  id: string;
  ownerId: string;
  action: BulkJobAction;
  /** Chosen ids, a filter, or (for an undo) the delete job whose trashed contacts come back. */
  target: BulkTarget | { job: string };
  status: BulkJobStatus;
  total: number;
  processed: number;
  changed: number;
  /** The last contact id done (contacts are taken in id order), or null before the first. */
  cursor: string | null;
  error: string | null;
  undoable: boolean;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** Seconds Azure keeps the job (the container's per-document TTL). */
  ttl: number;
  _etag?: string;
}

export const JOB_TTL_SECONDS = 30 * 86_400;

/** The DTO lists the fields it keeps, so a stored field added later never leaks by default. */
export function toBulkJobDto(doc: BulkJobDoc): BulkJobDto {
  return {
    id: doc.id,
    action: doc.action,
    status: doc.status,
    total: doc.total,
    processed: doc.processed,
    changed: doc.changed,
    error: doc.error,
    undoable: doc.undoable,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    completedAt: doc.completedAt,
  };
}

/** Bulk jobs storage, taken by the bulk use case; Cosmos here, in memory in unit tests. */
export interface BulkJobStore {
  create(doc: BulkJobDoc): Promise<BulkJobDoc>;
  find(ownerId: string, id: string): Promise<BulkJobDoc | undefined>;
  /** Saves only if unchanged since read (ChangedError otherwise): two workers never both count. */
  save(doc: BulkJobDoc): Promise<BulkJobDoc>;
}

const jobs = ownedDocuments<BulkJobDoc>('bulk-jobs', 'bulk action');
export const cosmosBulkJobStore: BulkJobStore = { create: jobs.create, find: jobs.find, save: jobs.save };

import { AppError, notFound } from '../_shared/errors.js';
import type { QueueMessage } from '../_shared/queue.js';
import { countMetric } from '../_shared/telemetry.js';
import type { ContactStore } from '../contacts/contact-store.js';
import { applyChunk } from './apply-chunk.js';
import type { ImportFiles } from './import-files.js';
import { ImportChangedError, type ImportDoc, type ImportStore, toImportDto } from './imports-store.js';
import { openTable } from './parse/open-table.js';
import { processTable } from './pipeline.js';
import { previewTable } from './preview.js';
import type { importJobsQueue } from './queue.js';
import { rejectedCsvHeader, rejectedCsvRows } from './rejected-csv.js';
import type { ColumnMapping, ImportCounts, ImportDto } from './schema.js';

/** Everything the import use case touches, passed in: function.ts gives the real ones, tests fakes. */
export interface ImportDeps {
  now(): Date;
  newId(): string;
  contacts: ContactStore;
  imports: ImportStore;
  files: ImportFiles;
  enqueue(message: ImportJobMessage): Promise<void>;
  limits: { syncMaxRows: number; maxBytes: number; chunkRows: number };
  /** Hashed identities of the owner's erased contacts, whose rows are skipped unless the user says otherwise. */
  erasedIdentities?(ownerId: string): Promise<Set<string>>;
}

export type ImportJobMessage = QueueMessage<typeof importJobsQueue>;

const PREVIEW_ROWS = 20;
const REJECTED_SAMPLE = 20;
const RECENT_IMPORTS = 20;

/** One of the owner's imports; 404 for anyone else's. */
export async function getImport(ownerId: string, id: string, deps: ImportDeps): Promise<ImportDoc> {
  const doc = await deps.imports.find(ownerId, id);
  if (!doc) throw notFound('Import');
  return doc;
}

export async function getImportDto(ownerId: string, id: string, deps: ImportDeps): Promise<ImportDto> {
  return toImportDto(await getImport(ownerId, id, deps));
}

/** The owner's recent imports, newest first. */
export async function listImports(ownerId: string, deps: ImportDeps): Promise<ImportDto[]> {
  return (await deps.imports.list(ownerId, RECENT_IMPORTS)).map(toImportDto);
}

const zeroCounts = (): ImportCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  duplicatesInFile: 0,
  withoutEmail: 0,
});

/**
 * Step 1, upload: reads the whole file once — so a broken file is refused now, before anything
 * is written — keeps it as a blob, and returns the headers, a suggested mapping and a preview.
 */
export async function startImport(
  ownerId: string,
  upload: { fileName: string; bytes: Uint8Array },
  deps: ImportDeps,
): Promise<ImportDto> {
  if (upload.bytes.length === 0) throw new AppError('BAD_FILE', `"${upload.fileName}" is empty.`);
  const table = await openTable({
    fileName: upload.fileName,
    source: upload.bytes,
    maxBytes: deps.limits.maxBytes,
  });
  const preview = await previewTable(table, PREVIEW_ROWS);
  if (!preview.totalRows) {
    throw new AppError('BAD_FILE', `"${upload.fileName}" has a header row but no contacts under it.`);
  }
  if (!looksLikeContacts(preview.mapping, preview.rows)) {
    throw new AppError(
      'BAD_FILE',
      `"${upload.fileName}" has no columns we recognise. Save your list from the spreadsheet or CRM ` +
        'as CSV or Excel with a header row such as Name, Email, Company.',
    );
  }
  const id = deps.newId();
  const now = deps.now().toISOString();
  const blobName = await deps.files.saveUpload(ownerId, id, upload.fileName, upload.bytes);
  const doc = await deps.imports.create({
    id,
    ownerId,
    fileName: upload.fileName,
    format: preview.format,
    status: 'preview',
    headers: preview.headers,
    mapping: preview.mapping,
    preview: preview.rows,
    totalRows: preview.totalRows,
    processedRows: 0,
    counts: zeroCounts(),
    rejectedSample: [],
    error: null,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
    blobName,
    rejectParts: [],
  });
  return toImportDto(doc);
}

// An address or a LinkedIn profile anywhere in the first rows: the columns are just named oddly.
const CONTACT_CELL = /[^\s@]+@[^\s@]+\.[a-z]{2,}|linkedin\.com\/in\//i;

/**
 * A file is a contact list when some header maps to a contact field, or some cell holds an email
 * or a LinkedIn link (headers in another language): a sentence saved as .xlsx or a notes file is not.
 */
function looksLikeContacts(mapping: ColumnMapping, rows: string[][]): boolean {
  return (
    mapping.some((field) => field !== null) || rows.some((row) => row.some((cell) => CONTACT_CELL.test(cell)))
  );
}

/**
 * Step 2, commit with the mapping the person confirmed: small files are imported in the request,
 * large ones are queued for the worker. Committing twice does not import twice.
 */
export async function commitImport(
  ownerId: string,
  id: string,
  mapping: ColumnMapping,
  deps: ImportDeps,
  options: { importErased?: boolean | undefined } = {},
): Promise<{ dto: ImportDto; queued: boolean }> {
  let doc = await getImport(ownerId, id, deps);
  if (doc.status !== 'preview') return { dto: toImportDto(doc), queued: doc.status === 'queued' };
  validateMapping(mapping, doc.headers);
  const queued = (doc.totalRows ?? 0) > deps.limits.syncMaxRows;
  doc = await deps.imports.save({
    ...doc,
    mapping,
    ...(options.importErased && { importErased: true }),
    status: queued ? 'queued' : 'running',
    updatedAt: deps.now().toISOString(),
  });
  if (queued) {
    try {
      await deps.enqueue({ ownerId, importId: id });
    } catch {
      // Without its message the job would wait forever: put it back so the person can retry.
      await deps.imports.save({ ...doc, status: 'preview', updatedAt: deps.now().toISOString() });
      throw new AppError('UNAVAILABLE', 'The import could not be queued just now — try again in a moment.');
    }
    return { dto: toImportDto(doc), queued };
  }
  return { dto: toImportDto(await runImport(ownerId, id, deps, { finalAttempt: true })), queued };
}

export function validateMapping(mapping: ColumnMapping, headers: string[]): void {
  if (mapping.length !== headers.length) {
    throw new AppError(
      'VALIDATION',
      `The mapping has ${mapping.length} columns but the file has ${headers.length}.`,
      [{ path: 'mapping', message: `expected ${headers.length} entries, one per column` }],
    );
  }
  const used = mapping.filter((f): f is NonNullable<typeof f> => f !== null);
  const twice = used.find((f, i) => used.indexOf(f) !== i && f !== 'tags' && f !== 'notes');
  if (twice) {
    throw new AppError('VALIDATION', `Two columns are mapped to "${twice}" — map each field once.`, [
      { path: `mapping.${mapping.lastIndexOf(twice)}`, message: 'already mapped' },
    ]);
  }
  const identifies = ['email', 'firstName', 'lastName', 'fullName', 'linkedinUrl'];
  if (!used.some((f) => identifies.includes(f))) {
    throw new AppError('VALIDATION', 'Map at least one column to Email, a name, or LinkedIn URL.', [
      { path: 'mapping', message: 'no identifying column' },
    ]);
  }
}

/**
 * Imports (or resumes) a committed job in chunks: each chunk's contacts are written, its rejected
 * rows saved, and only then is progress recorded — so a worker killed at any point resumes at the
 * last recorded row, rewrites at most one chunk, and never creates a contact twice.
 */
export async function runImport(
  ownerId: string,
  id: string,
  deps: ImportDeps,
  options: { finalAttempt: boolean },
): Promise<ImportDoc> {
  let doc = await getImport(ownerId, id, deps);
  if (doc.status === 'completed' || doc.status === 'failed' || doc.status === 'preview') return doc;
  try {
    if (doc.status === 'queued')
      doc = await deps.imports.save({ ...doc, status: 'running', updatedAt: deps.now().toISOString() });
    const source = await deps.files.openUpload(doc.blobName);
    const table = await openTable({ fileName: doc.fileName, source, maxBytes: deps.limits.maxBytes });
    const chunks = processTable(table, doc.mapping, {
      chunkRows: deps.limits.chunkRows,
      skipRows: doc.processedRows,
      source: doc.format,
      erased: doc.importErased ? undefined : await deps.erasedIdentities?.(ownerId),
    });
    for await (const chunk of chunks) {
      const now = deps.now().toISOString();
      const written = await applyChunk(
        { ownerId, importId: id, now, drafts: chunk.drafts, seenEarlier: chunk.seenEarlier },
        deps.contacts,
      );
      countMetric('importRows', chunk.rowCount - chunk.rejected.length, { outcome: 'imported' });
      if (chunk.rejected.length) countMetric('importRows', chunk.rejected.length, { outcome: 'rejected' });
      if (chunk.rejected.length) {
        await deps.files.saveRejectPart(ownerId, id, chunk.firstRow, rejectedCsvRows(chunk.rejected));
      }
      const counts = doc.counts;
      doc = await deps.imports.save({
        ...doc,
        processedRows: doc.processedRows + chunk.rowCount,
        counts: {
          created: counts.created + written.created,
          updated: counts.updated + written.updated,
          unchanged: counts.unchanged + written.unchanged,
          rejected: counts.rejected + chunk.rejected.length,
          duplicatesInFile: counts.duplicatesInFile + chunk.duplicatesInFile + written.duplicatesInFile,
          withoutEmail: counts.withoutEmail + chunk.withoutEmail,
        },
        rejectedSample: [
          ...doc.rejectedSample,
          ...chunk.rejected
            .slice(0, REJECTED_SAMPLE - doc.rejectedSample.length)
            .map((r) => ({ row: r.row, reason: r.reason })),
        ].slice(0, REJECTED_SAMPLE),
        rejectParts: chunk.rejected.length
          ? [...new Set([...doc.rejectParts, chunk.firstRow])]
          : doc.rejectParts,
        updatedAt: now,
      });
    }
    const now = deps.now().toISOString();
    return await deps.imports.save({
      ...doc,
      status: 'completed',
      totalRows: doc.processedRows,
      updatedAt: now,
      completedAt: now,
    });
  } catch (err) {
    // Another worker owns this job now (a redelivered message): leave it to them.
    if (err instanceof ImportChangedError) throw err;
    if (options.finalAttempt) {
      const latest = await getImport(ownerId, id, deps);
      const message =
        err instanceof AppError
          ? err.message
          : 'The import stopped unexpectedly. Upload the file again to retry.';
      await deps.imports.save({
        ...latest,
        status: 'failed',
        error: message,
        updatedAt: deps.now().toISOString(),
      });
    }
    throw err;
  }
}

/** The rejected-rows report: the file's header plus a reason column, parts in row order. */
export async function rejectedReport(
  ownerId: string,
  id: string,
  deps: ImportDeps,
): Promise<{ fileName: string; csv: string }> {
  const doc = await getImport(ownerId, id, deps);
  const parts = await deps.files.readRejectParts(ownerId, id, doc.rejectParts);
  const header = rejectedCsvHeader(doc.headers);
  const base = doc.fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-rejected.csv`, csv: header + parts.join('') };
}

/** A job with no saved progress for this long lost its message (or its worker): queue it again. */
export const STALLED_AFTER_MS = 15 * 60 * 1000;

/**
 * The watchdog: re-queues background imports that stopped moving. Safe to repeat — a job resumes
 * from its saved progress, and a second worker on the same job loses at the _etag check.
 */
export async function requeueStalledImports(deps: ImportDeps): Promise<number> {
  const before = new Date(deps.now().getTime() - STALLED_AFTER_MS).toISOString();
  const stalled = await deps.imports.findStalled(before);
  for (const job of stalled) await deps.enqueue({ ownerId: job.ownerId, importId: job.id });
  return stalled.length;
}

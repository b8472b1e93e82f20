import { PassThrough, type Readable } from 'node:stream';
import { AppError, notFound } from '../_shared/errors.js';
import type { QueueMessage } from '../_shared/queue.js';
import type { Column } from '../reports/workbook.js';
import { type ColumnContext, columnsOf, type ExportRow, FILE_STEM } from './columns.js';
import { csvPage, XlsxStream } from './file.js';
import type { exportQueue } from './queue.js';
import type { ExportFormat, ExportJobDto, ExportListDto, ExportRequest, ExportStatus } from './schema.js';

/** An export as stored: what was asked, where it has got to, and the file's name and size. */
export interface ExportJobDoc {
  id: string;
  ownerId: string;
  request: ExportRequest;
  status: ExportStatus;
  total: number;
  processed: number;
  /** The last row id written (rows are taken in id order), or null before the first page. */
  cursor: string | null;
  /** CSV: pages written to the blob so far (each a staged block, committed at the end). */
  parts: number;
  fileName: string;
  size: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  /** Seconds Azure keeps the job (the container's per-document TTL); the file goes with the blob's lifecycle. */
  ttl: number;
  _etag?: string;
}

export type ExportMessage = QueueMessage<typeof exportQueue>;

export interface ExportDeps {
  now(): Date;
  newId(): string;
  jobs: {
    create(doc: ExportJobDoc): Promise<ExportJobDoc>;
    find(ownerId: string, id: string): Promise<ExportJobDoc | undefined>;
    /** Saves only if unchanged since read (ChangedError otherwise): two workers never both write a page. */
    save(doc: ExportJobDoc): Promise<ExportJobDoc>;
    recent(ownerId: string, limit: number): Promise<ExportJobDoc[]>;
  };
  /** The owner's zone, stage names and campaign names the columns show. */
  context(ownerId: string): Promise<ColumnContext>;
  rows: {
    count(ownerId: string, request: ExportRequest, ctx: ColumnContext): Promise<number>;
    /** Matching rows with an id after `after`, in id order. */
    page(
      ownerId: string,
      request: ExportRequest,
      ctx: ColumnContext,
      after: string | null,
      limit: number,
    ): Promise<ExportRow[]>;
  };
  files: {
    stagePart(ownerId: string, jobId: string, index: number, bytes: Buffer): Promise<void>;
    /** Joins the staged parts 0…count-1 into the file; returns its size. */
    commitParts(ownerId: string, jobId: string, count: number): Promise<number>;
    /** Writes the file from a stream as it is made; returns its size once the stream has ended. */
    uploadStream(ownerId: string, jobId: string, format: ExportFormat, from: Readable): Promise<number>;
    read(ownerId: string, jobId: string, format: ExportFormat): Promise<Buffer | undefined>;
  };
  enqueue(message: ExportMessage): Promise<void>;
}

/** Up to this many rows are written within the request; more go to the export-jobs queue. */
export const SYNC_LIMIT = 1000;
/**
 * Rows per page (one query, one CSV part, one progress save); a redelivered message redoes at most
 * one. Larger pages halve the reads' share of an export's time on the local Cosmos API
 * (bench/leads/exports.ts) and still move the progress bar fifty times over 100k rows.
 */
export const PAGE = 2000;
export const JOB_TTL_SECONDS = 7 * 86_400;
export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function toExportDto(doc: ExportJobDoc): ExportJobDto {
  return {
    id: doc.id,
    kind: doc.request.kind,
    format: doc.request.format,
    filter: Object.fromEntries(
      Object.entries(doc.request.filter).filter(([, v]) => v !== undefined),
    ) as Record<string, string>,
    status: doc.status,
    total: doc.total,
    processed: doc.processed,
    fileName: doc.fileName,
    size: doc.size,
    error: doc.error,
    createdAt: doc.createdAt,
    completedAt: doc.completedAt,
  };
}

/**
 * Starts an export. Small ones are written in the request (completed job, 201); large ones run in
 * the background (queued job, 202) and report rows done of the total as they go.
 */
export async function startExport(
  ownerId: string,
  request: ExportRequest,
  deps: ExportDeps,
): Promise<{ job: ExportJobDto; queued: boolean }> {
  const ctx = await deps.context(ownerId);
  if (
    request.kind === 'messages' &&
    request.filter.campaignId &&
    !ctx.campaignNames.has(request.filter.campaignId)
  )
    throw new AppError('VALIDATION', 'Choose one of your campaigns.', [
      { path: 'filter.campaignId', message: 'no such campaign' },
    ]);
  const total = await deps.rows.count(ownerId, request, ctx);
  const now = deps.now();
  const job = await deps.jobs.create({
    id: deps.newId(),
    ownerId,
    request,
    status: 'queued',
    total,
    processed: 0,
    cursor: null,
    parts: 0,
    fileName: `${FILE_STEM[request.kind]}-${now.toISOString().slice(0, 10)}.${request.format}`,
    size: null,
    error: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    completedAt: null,
    ttl: JOB_TTL_SECONDS,
  });
  if (total > SYNC_LIMIT) {
    try {
      await deps.enqueue({ ownerId, jobId: job.id });
    } catch {
      await deps.jobs.save({ ...job, status: 'failed', error: 'Could not be started just now — try again.' });
      throw new AppError('UNAVAILABLE', 'The export could not be started just now — try again in a moment.');
    }
    return { job: toExportDto(job), queued: true };
  }
  return { job: toExportDto(await runExport(ownerId, job.id, deps, { finalAttempt: true })), queued: false };
}

/**
 * Writes (or resumes) an export page by page. CSV pages go to the blob as they are made and the
 * job's cursor is saved after each with its `_etag`, so a redelivered message goes on from the
 * last saved page. An xlsx streams into one upload (a zip cannot be appended to), so a
 * redelivered xlsx job starts again from the first row.
 */
export async function runExport(
  ownerId: string,
  id: string,
  deps: ExportDeps,
  options: { finalAttempt: boolean },
): Promise<ExportJobDoc> {
  let job = await deps.jobs.find(ownerId, id);
  if (!job) throw notFound('Export');
  if (job.status === 'completed' || job.status === 'failed') return job;
  const { request } = job;
  try {
    const restart = request.format === 'xlsx' && job.processed > 0;
    if (job.status === 'queued' || restart)
      job = await deps.jobs.save({
        ...job,
        status: 'running',
        ...(restart && { processed: 0, cursor: null, parts: 0 }),
        updatedAt: deps.now().toISOString(),
      });
    const ctx = await deps.context(ownerId);
    const columns = columnsOf(request.kind, ctx);
    const zip = request.format === 'xlsx' ? new PassThrough() : undefined;
    const uploaded = zip && deps.files.uploadStream(ownerId, id, 'xlsx', zip);
    // Awaited below; a failure before then must not go unobserved.
    uploaded?.catch(() => undefined);
    const book = zip && new XlsxStream(columns, sheetName(request.kind), zip);
    try {
      job = await writePages(job, ctx, columns, book, deps);
      if (book) await book.finish();
    } catch (err) {
      zip?.destroy(err as Error);
      throw err;
    }
    const size = uploaded ? await uploaded : await finishCsv(job, columns, deps);
    const now = deps.now().toISOString();
    // Rows can come and go while it runs: the total is what was written.
    return await deps.jobs.save({
      ...job,
      status: 'completed',
      total: job.processed,
      size,
      updatedAt: now,
      completedAt: now,
    });
  } catch (err) {
    if (options.finalAttempt && !(err instanceof AppError && err.code === 'CONFLICT')) {
      const latest = (await deps.jobs.find(ownerId, id))!;
      await deps.jobs.save({
        ...latest,
        status: 'failed',
        error: `Stopped after ${latest.processed} of ${latest.total} rows — start the export again.`,
        updatedAt: deps.now().toISOString(),
      });
    }
    throw err;
  }
}

/** Every page of rows from the job's cursor: CSV pages staged on the blob, xlsx rows into the stream. */
async function writePages(
  start: ExportJobDoc,
  ctx: ColumnContext,
  columns: Column<ExportRow>[],
  book: XlsxStream<ExportRow> | undefined,
  deps: ExportDeps,
): Promise<ExportJobDoc> {
  let job = start;
  const { ownerId, id, request } = job;
  for (;;) {
    const rows = await deps.rows.page(ownerId, request, ctx, job.cursor, PAGE);
    if (rows.length === 0) return job;
    if (book) book.add(rows);
    else await deps.files.stagePart(ownerId, id, job.parts, csvPage(columns, rows, job.parts === 0));
    job = await deps.jobs.save({
      ...job,
      cursor: rows.at(-1)!.id,
      processed: job.processed + rows.length,
      parts: job.parts + 1,
      updatedAt: deps.now().toISOString(),
    });
  }
}

async function finishCsv(job: ExportJobDoc, columns: Column<ExportRow>[], deps: ExportDeps): Promise<number> {
  // Nothing matched: the file still has its header.
  if (job.parts === 0) await deps.files.stagePart(job.ownerId, job.id, 0, csvPage(columns, [], true));
  return deps.files.commitParts(job.ownerId, job.id, Math.max(job.parts, 1));
}

const sheetName = (kind: ExportRequest['kind']) =>
  ({ contacts: 'Contacts', leads: 'Leads', meetings: 'Meetings', messages: 'Campaign messages' })[kind];

export async function getExport(ownerId: string, id: string, deps: ExportDeps): Promise<ExportJobDto> {
  const job = await deps.jobs.find(ownerId, id);
  if (!job) throw notFound('Export');
  return toExportDto(job);
}

export async function listExports(ownerId: string, deps: ExportDeps): Promise<ExportListDto> {
  return { items: (await deps.jobs.recent(ownerId, 20)).map(toExportDto) };
}

export async function readExportFile(
  ownerId: string,
  id: string,
  deps: ExportDeps,
): Promise<{ fileName: string; contentType: string; bytes: Buffer }> {
  const job = await deps.jobs.find(ownerId, id);
  if (!job) throw notFound('Export');
  if (job.status !== 'completed')
    throw new AppError(
      'CONFLICT',
      `This export is ${job.status === 'failed' ? 'failed' : 'still running'}: no file to download.`,
    );
  const bytes = await deps.files.read(ownerId, id, job.request.format);
  if (!bytes) throw notFound('The export’s file');
  return { fileName: job.fileName, contentType: CONTENT_TYPES[job.request.format], bytes };
}

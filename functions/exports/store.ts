import { randomUUID } from 'node:crypto';
import type { SqlParameter } from '@azure/cosmos';
import { DateTime } from 'luxon';
import { getContainer } from '../_shared/cosmos/client.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import { BLOB_CONTAINERS, enqueue, getBlobContainer } from '../_shared/storage.js';
import { queryOwned } from '../campaigns/store.js';
import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import type { ContactFilter } from '../contacts/schema.js';
import { ownerZone, readStageNamesDoc } from '../leads/store.js';
import type { ColumnContext, ExportRow } from './columns.js';
import { CONTENT_TYPES, type ExportDeps, type ExportJobDoc } from './exports.js';
import { exportQueue } from './queue.js';
import type { ExportFormat, ExportRequest } from './schema.js';

/** Each owner's files live under their id: a read never leaves that prefix. */
const blobName = (ownerId: string, jobId: string, format: ExportFormat) => `${ownerId}/${jobId}.${format}`;
// Block ids must all have the same length within a blob.
const blockId = (index: number) => Buffer.from(`part-${String(index).padStart(8, '0')}`).toString('base64');
const blobStatus = (err: unknown) => (err as { statusCode?: number })?.statusCode;
const container = () => getBlobContainer(BLOB_CONTAINERS.exports);

export const blobExportFiles: ExportDeps['files'] = {
  async stagePart(ownerId, jobId, index, bytes) {
    await (await container())
      .getBlockBlobClient(blobName(ownerId, jobId, 'csv'))
      .stageBlock(blockId(index), bytes, bytes.length);
  },
  async commitParts(ownerId, jobId, count) {
    const blob = (await container()).getBlockBlobClient(blobName(ownerId, jobId, 'csv'));
    await blob.commitBlockList(
      Array.from({ length: count }, (_, i) => blockId(i)),
      { blobHTTPHeaders: { blobContentType: CONTENT_TYPES.csv } },
    );
    return (await blob.getProperties()).contentLength ?? 0;
  },
  async uploadStream(ownerId, jobId, format, from) {
    const blob = (await container()).getBlockBlobClient(blobName(ownerId, jobId, format));
    // 4 MiB blocks, two in flight: the file is never held whole.
    await blob.uploadStream(from, 4 * 1024 * 1024, 2, {
      blobHTTPHeaders: { blobContentType: CONTENT_TYPES[format] },
    });
    return (await blob.getProperties()).contentLength ?? 0;
  },
  async read(ownerId, jobId, format) {
    try {
      return await (await container()).getBlobClient(blobName(ownerId, jobId, format)).downloadToBuffer();
    } catch (err) {
      if (blobStatus(err) === 404) return undefined;
      throw err;
    }
  },
};

const jobs = ownedDocuments<ExportJobDoc>('export-jobs', 'export');

/** The filter of a contacts or leads export, as the contacts store takes it. */
const contactFilter = (request: ExportRequest): ContactFilter | undefined =>
  request.kind === 'contacts'
    ? request.filter
    : request.kind === 'leads'
      ? { status: request.filter.stage, tag: request.filter.tag }
      : undefined;

/** The WHERE clause of a meetings or messages export (owner always first). */
function where(request: ExportRequest, ctx: ColumnContext): { clause: string; parameters: SqlParameter[] } {
  const parts: string[] = [];
  const parameters: SqlParameter[] = [];
  const add = (clause: string, name: string, value: string) => {
    parts.push(clause);
    parameters.push({ name, value });
  };
  if (request.kind === 'meetings') {
    const day = (d: string) => DateTime.fromISO(d, { zone: ctx.timeZone }).startOf('day');
    const { from, to, status } = request.filter;
    if (from) add('c.start >= @from', '@from', day(from).toUTC().toISO()!);
    if (to) add('c.start < @to', '@to', day(to).plus({ days: 1 }).toUTC().toISO()!);
    if (status) add('c.status = @status', '@status', status);
  } else if (request.kind === 'messages') {
    const { campaignId, status } = request.filter;
    if (campaignId) add('c.campaignId = @campaign', '@campaign', campaignId);
    if (status) add('c.status = @status', '@status', status);
  }
  return { clause: parts.map((p) => ` AND ${p}`).join(''), parameters };
}

async function queryRows<T>(
  name: 'meetings' | 'messages',
  ownerId: string,
  sql: string,
  parameters: SqlParameter[],
) {
  const { resources } = await (await getContainer(name)).items
    .query<T>(
      { query: sql, parameters: [{ name: '@o', value: ownerId }, ...parameters] },
      { partitionKey: ownerId, maxItemCount: -1 },
    )
    .fetchAll();
  return resources;
}

export function exportDeps(): ExportDeps {
  const contacts = createCosmosContactStore();
  return {
    now: () => new Date(),
    newId: () => randomUUID(),
    jobs: {
      create: jobs.create,
      find: jobs.find,
      save: jobs.save,
      async recent(ownerId, limit) {
        const { resources } = await (await getContainer('export-jobs')).items
          .query<ExportJobDoc>(
            {
              query: `SELECT TOP ${limit} * FROM c WHERE c.ownerId = @o ORDER BY c.createdAt DESC`,
              parameters: [{ name: '@o', value: ownerId }],
            },
            { partitionKey: ownerId },
          )
          .fetchAll();
        return resources.filter((r) => r.ownerId === ownerId);
      },
    },
    async context(ownerId) {
      const [timeZone, stageNames, campaigns] = await Promise.all([
        ownerZone(ownerId),
        readStageNamesDoc(ownerId),
        queryOwned<{ id: string; name: string }>('campaigns', ownerId, ''),
      ]);
      return { timeZone, stageNames, campaignNames: new Map(campaigns.map((c) => [c.id, c.name])) };
    },
    rows: {
      async count(ownerId, request, ctx) {
        const filter = contactFilter(request);
        if (filter) return contacts.count(ownerId, filter);
        const { clause, parameters } = where(request, ctx);
        const [n] = await queryRows<number>(
          request.kind as 'meetings' | 'messages',
          ownerId,
          `SELECT VALUE COUNT(1) FROM c WHERE c.ownerId = @o${clause}`,
          parameters,
        );
        return n ?? 0;
      },
      async page(ownerId, request, ctx, after, limit) {
        const filter = contactFilter(request);
        if (filter) return contacts.pageAfter(ownerId, filter, after, limit);
        const { clause, parameters } = where(request, ctx);
        const rows = await queryRows<ExportRow & { ownerId: string }>(
          request.kind as 'meetings' | 'messages',
          ownerId,
          `SELECT TOP ${limit} * FROM c WHERE c.ownerId = @o AND c.id > @after${clause} ORDER BY c.id`,
          [...parameters, { name: '@after', value: after ?? '' }],
        );
        return rows.filter((r) => r.ownerId === ownerId);
      },
    },
    files: blobExportFiles,
    enqueue: (message) => enqueue(exportQueue, message),
  };
}

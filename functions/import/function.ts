import { getConfig } from '../_shared/config.js';
import { AppError } from '../_shared/errors.js';
import { json, noContent, param, parseJson, withUser } from '../_shared/http.js';
import { registerHttp, registerQueue, registerTimer } from '../_shared/registry.js';
import { importDeps } from './deps.js';
import { discardImport, expireAbandonedPreviews } from './discard.js';
import { forecastImport } from './forecast.js';
import {
  commitImport,
  getImportDto,
  listImports,
  rejectedReport,
  requeueStalledImports,
  runImport,
  startImport,
} from './import.js';
import { tooLarge } from './parse/source.js';
import { importJobsQueue } from './queue.js';
import { CommitImportBody } from './schema.js';

/** Room for the multipart envelope around a file of the maximum size. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** What the upload page says it takes, before a file is picked. */
const ACCEPTED_FORMATS = ['.csv', '.xlsx', '.xls'];

registerHttp('import', {
  route: 'imports',
  methods: ['POST', 'GET'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'GET') {
      const limits = { maxBytes: getConfig().IMPORT_MAX_BYTES, formats: ACCEPTED_FORMATS };
      return json(200, { items: await listImports(user.userId, importDeps()), limits });
    }
    const maxBytes = getConfig().IMPORT_MAX_BYTES;
    const declared = Number(req.headers.get('content-length') ?? 0);
    if (declared > maxBytes + MULTIPART_OVERHEAD) {
      throw tooLarge(maxBytes);
    }
    if (!(req.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Upload the file as multipart/form-data in a field named "file".',
      );
    }
    const form = await req.formData().catch(() => {
      throw new AppError('VALIDATION', 'The upload could not be read — try again.', [
        { path: 'file', message: 'unreadable' },
      ]);
    });
    const file = form.get('file');
    if (!file || typeof file === 'string') {
      throw new AppError('VALIDATION', 'Choose a file to upload.', [{ path: 'file', message: 'required' }]);
    }
    if (file.size > maxBytes) {
      throw tooLarge(maxBytes);
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    return json(
      201,
      await startImport(user.userId, { fileName: file.name || 'upload', bytes }, importDeps()),
    );
  }),
});

registerHttp('import-item', {
  route: 'imports/{id}',
  methods: ['GET', 'DELETE'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'DELETE') {
      await discardImport(user.userId, param(req, 'id'), importDeps());
      return noContent();
    }
    return json(200, await getImportDto(user.userId, param(req, 'id'), importDeps()));
  }),
});

/** What committing with the mapping on screen would do: new, merged and rejected rows, nothing written. */
registerHttp('import-forecast', {
  route: 'imports/{id}/forecast',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const { mapping } = await parseJson(CommitImportBody, req);
    return json(200, await forecastImport(user.userId, param(req, 'id'), mapping, importDeps()));
  }),
});

registerHttp('import-commit', {
  route: 'imports/{id}/commit',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const { mapping, importErased } = await parseJson(CommitImportBody, req);
    const { dto, queued } = await commitImport(user.userId, param(req, 'id'), mapping, importDeps(), {
      importErased,
    });
    return json(queued ? 202 : 200, dto);
  }),
});

registerHttp('import-rejected', {
  route: 'imports/{id}/rejected',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) => {
    const { fileName, csv } = await rejectedReport(user.userId, param(req, 'id'), importDeps());
    return {
      status: 200,
      body: csv,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName.replace(/[^\w.\- ]+/g, '_')}"`,
        'cache-control': 'no-store',
      },
    };
  }),
});

/** Large imports, one message per job; a redelivered message resumes where the job left off. */
registerQueue('import-worker', importJobsQueue, async (job, ctx) => {
  const dequeueCount = Number(ctx.triggerMetadata?.dequeueCount ?? 1);
  const doc = await runImport(job.ownerId, job.importId, importDeps(), { finalAttempt: dequeueCount >= 5 });
  ctx.log(`Import ${job.importId}: ${doc.status}, ${doc.processedRows} rows`);
});

/**
 * Every 10 minutes: background imports that stopped moving are queued again, and uploads nobody
 * committed for a day are discarded with their files.
 */
registerTimer('import-watchdog', {
  schedule: '0 */10 * * * *',
  handler: async (_timer, ctx) => {
    const requeued = await requeueStalledImports(importDeps());
    if (requeued) ctx.log(`Re-queued ${requeued} stalled import(s)`);
    const expired = await expireAbandonedPreviews(importDeps());
    if (expired) ctx.log(`Discarded ${expired} upload(s) left unconfirmed for a day`);
  },
});

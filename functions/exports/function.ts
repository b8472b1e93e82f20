import { json, param, parseJson, withUser } from '../_shared/http.js';
import { registerHttp, registerQueue } from '../_shared/registry.js';
import { getExport, listExports, readExportFile, runExport, startExport } from './exports.js';
import { exportQueue } from './queue.js';
import { ExportRequest } from './schema.js';
import { exportDeps } from './store.js';

/** Recent exports, newest first (GET); start one (POST): 201 written already, 202 running in the background. */
registerHttp('exports', {
  route: 'exports',
  methods: ['GET', 'POST'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'POST') {
      const { job, queued } = await startExport(
        user.userId,
        await parseJson(ExportRequest, req),
        exportDeps(),
      );
      return json(queued ? 202 : 201, job);
    }
    return json(200, await listExports(user.userId, exportDeps()));
  }),
});

/** One export's progress: rows done of the total. */
registerHttp('exports-one', {
  route: 'exports/{id}',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) =>
    json(200, await getExport(user.userId, param(req, 'id'), exportDeps())),
  ),
});

/** The finished file, to the signed-in owner only. */
registerHttp('exports-file', {
  route: 'exports/{id}/file',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) => {
    const file = await readExportFile(user.userId, param(req, 'id'), exportDeps());
    return {
      status: 200,
      body: file.bytes,
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.fileName}"`,
        'cache-control': 'no-store',
      },
    };
  }),
});

/** Large exports, one message per job; a redelivered message resumes a CSV at its last saved page. */
registerQueue('exports-worker', exportQueue, async (message, ctx) => {
  const dequeueCount = Number(ctx.triggerMetadata?.dequeueCount ?? 1);
  const job = await runExport(message.ownerId, message.jobId, exportDeps(), {
    finalAttempt: dequeueCount >= 5,
  });
  ctx.log(`Export ${job.id}: ${job.status}, ${job.processed} rows`);
});

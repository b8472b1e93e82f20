import { json, noContent, param, parseJson, parseQuery, withUser } from '../_shared/http.js';
import { registerHttp, registerQueue, registerTimer } from '../_shared/registry.js';
import { audited } from '../audit/audit.js';
import { backfillDerivedFields } from './backfill.js';
import { getBulkJob, runBulk, startBulk, undoBulk } from './bulk.js';
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  listTrash,
  patchContact,
  purgeTrash,
  restoreContact,
} from './contacts.js';
import { createCosmosBackfillStore } from './cosmos-contact-store.js';
import { bulkDeps, contactsDeps } from './deps.js';
import { exportContacts } from './export.js';
import { contactBulkQueue } from './queue.js';
import { BulkRequest, ContactCreate, ContactListQuery, ContactPatch, ExportQuery } from './schema.js';

registerHttp('contacts', {
  route: 'contacts',
  methods: ['GET', 'POST'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'POST') {
      return json(201, await createContact(user.userId, await parseJson(ContactCreate, req), contactsDeps()));
    }
    return json(200, await listContacts(user.userId, parseQuery(ContactListQuery, req), contactsDeps()));
  }),
});

registerHttp('contacts-item', {
  route: 'contacts/{id}',
  methods: ['GET', 'PATCH', 'DELETE'],
  handler: withUser(async ({ req, user }) => {
    const id = param(req, 'id');
    if (req.method === 'GET') return json(200, await getContact(user.userId, id, contactsDeps()));
    if (req.method === 'DELETE') {
      await deleteContact(user.userId, id, contactsDeps());
      return noContent();
    }
    const patch = await parseJson(ContactPatch, req);
    return json(200, await patchContact(user.userId, id, patch, contactsDeps()));
  }),
});

/** Deleted contacts, newest first, restorable for 30 days. */
registerHttp('contacts-trash', {
  route: 'contacts/trash',
  methods: ['GET'],
  handler: withUser(async ({ user }) => json(200, { items: await listTrash(user.userId, contactsDeps()) })),
});

registerHttp('contacts-restore', {
  route: 'contacts/{id}/restore',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) =>
    json(200, await restoreContact(user.userId, param(req, 'id'), contactsDeps())),
  ),
});

/** Every 10 minutes, until none is left: contacts saved by an older version get their derived fields. */
registerTimer('contacts-backfill', {
  schedule: '0 */10 * * * *',
  handler: async (_timer, ctx) => {
    const written = await backfillDerivedFields(createCosmosBackfillStore(), new Date());
    if (written) ctx.log(`Brought ${written} contact(s) saved by an older version up to date`);
  },
});

/** Every night: what has been in the trash for 30 days is gone for good. */
registerTimer('contacts-trash-purge', {
  schedule: '0 30 3 * * *',
  handler: async (_timer, ctx) => {
    const purged = await purgeTrash(contactsDeps());
    if (purged) ctx.log(`Purged ${purged} contact(s) deleted more than 30 days ago`);
  },
});

/** Tag, untag, set status or delete chosen contacts or every match of a filter; small ones at once (200), large ones queued (202). */
registerHttp('contacts-bulk', {
  route: 'contacts/bulk',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const { job, queued } = await startBulk(user.userId, await parseJson(BulkRequest, req), bulkDeps());
    return json(queued ? 202 : 200, job);
  }),
});

registerHttp('contacts-bulk-item', {
  route: 'contacts/bulk/{id}',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) =>
    json(200, await getBulkJob(user.userId, param(req, 'id'), bulkDeps())),
  ),
});

registerHttp('contacts-bulk-undo', {
  route: 'contacts/bulk/{id}/undo',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const { job, queued } = await undoBulk(user.userId, param(req, 'id'), bulkDeps());
    return json(queued ? 202 : 200, job);
  }),
});

/** Large bulk actions, one message per job; a redelivered message resumes at the last saved step. */
registerQueue('contacts-bulk-worker', contactBulkQueue, async (message, ctx) => {
  const dequeueCount = Number(ctx.triggerMetadata?.dequeueCount ?? 1);
  const job = await runBulk(message.ownerId, message.jobId, bulkDeps(), { finalAttempt: dequeueCount >= 5 });
  ctx.log(`Bulk ${job.action.type} ${job.id}: ${job.status}, ${job.changed} of ${job.processed} changed`);
});

registerHttp('contacts-export', {
  route: 'contacts/export',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) => {
    const query = parseQuery(ExportQuery, req);
    const file = await audited(
      user,
      'contacts.export',
      'contacts',
      () => exportContacts(user.userId, query, contactsDeps()),
      (f) => ({ rows: f.rows, format: query.format }),
    );
    return {
      status: 200,
      body: file.body,
      headers: {
        'content-type': file.contentType,
        'content-disposition': `attachment; filename="${file.fileName}"`,
        'cache-control': 'no-store',
      },
    };
  }),
});

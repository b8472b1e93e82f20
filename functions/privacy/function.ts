import { json, param, parseJson, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { actorOf, recordAudit } from '../audit/audit.js';
import { deleteAccount } from './account.js';
import { eraseContact } from './erase.js';
import { exportAccount, exportContact } from './export.js';
import { AccountDeleteBody, EraseBody } from './schema.js';

const download = (fileName: string, contentType: string, body: Uint8Array | ReadableStream<Uint8Array>) => ({
  status: 200,
  body,
  headers: {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${fileName}"`,
    'cache-control': 'no-store',
  },
});

/** Everything held about one contact, as a zip of JSON files and their meetings' .ics. */
registerHttp('privacy-contact-export', {
  route: 'contacts/{id}/privacy-export',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) => {
    const id = param(req, 'id');
    const file = await exportContact(user.userId, id, new Date());
    await recordAudit({
      ownerId: user.userId,
      actor: actorOf(user),
      action: 'contact.export',
      target: id,
      outcome: 'ok',
      detail: { files: file.files.length },
    });
    return download(file.fileName, 'application/zip', file.bytes);
  }),
});

/**
 * Erases one contact everywhere (body `{ confirm: their email or full name }`) and returns the
 * receipt. Erasing again returns the same receipt: the erasure is recorded, and re-runnable.
 */
registerHttp('privacy-contact-erase', {
  route: 'contacts/{id}/erase',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const id = param(req, 'id');
    const { confirm } = await parseJson(EraseBody, req);
    return json(200, await eraseContact(user.userId, id, { confirm, actor: actorOf(user), now: new Date() }));
  }),
});

/** Everything the signed-in user holds, streamed as a zip. */
registerHttp('privacy-account-export', {
  route: 'account/export',
  methods: ['GET'],
  handler: withUser(async ({ user }) => {
    const now = new Date();
    await recordAudit({
      ownerId: user.userId,
      actor: actorOf(user),
      action: 'account.export',
      target: 'account',
      outcome: 'ok',
    });
    return download(
      `momentum-meet-account-${now.toISOString().slice(0, 10)}.zip`,
      'application/zip',
      exportAccount(user.userId, now),
    );
  }),
});

/** Deletes the signed-in user's data everywhere (body `{ confirm: their sign-in email }`). */
registerHttp('privacy-account-delete', {
  route: 'account/delete',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const { confirm } = await parseJson(AccountDeleteBody, req);
    return json(200, await deleteAccount(user, confirm, new Date()));
  }),
});

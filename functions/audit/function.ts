import { json, parseQuery, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { listAudit } from './audit.js';
import { AuditQuery } from './schema.js';

/** The owner's audit log, newest first: ?action=&from=&to=&continuation= (a page at a time). */
registerHttp('audit', {
  route: 'audit',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) =>
    json(200, await listAudit(user.userId, parseQuery(AuditQuery, req))),
  ),
});

import { json, param, parseQuery, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { getOutboxEmail, listOutbox, type OutboxDeps } from './outbox.js';
import { OutboxListQuery } from './schema.js';
import { cosmosOutboxStore } from './store.js';

const deps: OutboxDeps = { store: cosmosOutboxStore };

/** Emails kept by the outbox provider (EMAIL_PROVIDER=outbox), newest first. */
registerHttp('outbox', {
  route: 'outbox',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) =>
    json(200, await listOutbox(user.userId, parseQuery(OutboxListQuery, req), deps)),
  ),
});

registerHttp('outbox-item', {
  route: 'outbox/{id}',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) =>
    json(200, await getOutboxEmail(user.userId, param(req, 'id'), deps)),
  ),
});

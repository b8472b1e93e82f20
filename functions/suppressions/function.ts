import { json, noContent, param, parseJson, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { cosmosSuppressionStore } from './cosmos-suppression-store.js';
import { SuppressionInput } from './schema.js';
import { listSuppressions, suppress, unsuppress } from './suppressions.js';

/** Addresses never emailed again: unsubscribes, bounces, complaints, and ones added by hand. */
registerHttp('suppressions', {
  route: 'suppressions',
  methods: ['GET', 'POST'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'POST') {
      const { email, reason } = await parseJson(SuppressionInput, req);
      const entry = { email, reason: reason ?? 'manual', source: `added by ${user.userDetails || 'you'}` };
      return json(201, await suppress(cosmosSuppressionStore, user.userId, entry, new Date()));
    }
    const token = req.query.get('continuationToken') ?? undefined;
    return json(200, await listSuppressions(cosmosSuppressionStore, user.userId, token));
  }),
});

registerHttp('suppressions-item', {
  route: 'suppressions/{email}',
  methods: ['DELETE'],
  handler: withUser(async ({ req, user }) => {
    await unsuppress(cosmosSuppressionStore, user.userId, param(req, 'email'));
    return noContent();
  }),
});

import { json, noContent, param, parseJson, parseQuery, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { deleteContact, getContact, listContacts, patchContact } from './contacts.js';
import { contactsDeps } from './deps.js';
import { ContactListQuery, ContactPatch } from './schema.js';

registerHttp('contacts', {
  route: 'contacts',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) =>
    json(200, await listContacts(user.userId, parseQuery(ContactListQuery, req), contactsDeps())),
  ),
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

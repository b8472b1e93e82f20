import { deleteContact, getContact, listContacts, updateContact } from '../_shared/cosmos/contacts-repo.js';
import { json, noContent, param, parseJson, parseQuery, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { ContactListQuery, ContactPatch } from './schema.js';

registerHttp('contacts', {
  route: 'contacts',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) =>
    json(200, await listContacts(user.userId, parseQuery(ContactListQuery, req))),
  ),
});

registerHttp('contacts-item', {
  route: 'contacts/{id}',
  methods: ['GET', 'PATCH', 'DELETE'],
  handler: withUser(async ({ req, user }) => {
    const id = param(req, 'id');
    if (req.method === 'GET') return json(200, await getContact(user.userId, id));
    if (req.method === 'DELETE') {
      await deleteContact(user.userId, id);
      return noContent();
    }
    const patch = await parseJson(ContactPatch, req);
    return json(200, await updateContact(user.userId, id, patch, new Date()));
  }),
});

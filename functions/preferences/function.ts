import { json, parseJson, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { Preferences } from '../contacts/schema.js';
import { cosmosPreferencesStore, getPreferences, putPreferences } from './preferences.js';

/** Per-user choices that follow the person from browser to browser (today: the contacts list's columns). */
registerHttp('preferences', {
  route: 'preferences',
  methods: ['GET', 'PUT'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'PUT') {
      const wanted = await parseJson(Preferences, req);
      return json(200, await putPreferences(user.userId, wanted, cosmosPreferencesStore, new Date()));
    }
    return json(200, await getPreferences(user.userId, cosmosPreferencesStore));
  }),
});

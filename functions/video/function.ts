import { json, parseJson, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import { writeConnection } from '../calendars/connections.js';
import { connectionsDeps } from '../calendars/deps.js';
import { VideoSettingsPut } from './schema.js';
import { getVideoSettings, putVideoSettings } from './video.js';

/** Where the organizer's video meetings happen (Jitsi, Zoom, Google Meet, Teams, their own room). */
registerHttp('video-settings', {
  route: 'video',
  methods: ['GET', 'PUT'],
  handler: withUser(async ({ req, user }) => {
    const writesTo = (await writeConnection(user.userId, connectionsDeps()))?.kind;
    if (req.method === 'PUT') {
      const input = await parseJson(VideoSettingsPut, req);
      return json(200, await putVideoSettings(user.userId, input, writesTo, new Date()));
    }
    return json(200, await getVideoSettings(user.userId, writesTo));
  }),
});

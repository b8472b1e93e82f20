import { notFound } from '../_shared/errors.js';
import { json, noContent, param, parseJson, withUser } from '../_shared/http.js';
import { registerHttp, registerTimer } from '../_shared/registry.js';
import {
  checkConnection,
  connectCalendar,
  disconnectCalendar,
  listConnections,
  toConnectionDto,
  updateConnection,
} from './connections.js';
import { connectionsDeps } from './deps.js';
import { CalendarConnectInput, CalendarConnectionPatch } from './schema.js';
import { connectionsCheckedBefore } from './store.js';

/** The organizer's connected calendars; connecting checks the credentials first (422 with the server's reason). */
registerHttp('calendars', {
  route: 'calendars',
  methods: ['GET', 'POST'],
  handler: withUser(async ({ req, user }) => {
    const deps = connectionsDeps();
    if (req.method === 'POST') {
      return json(201, await connectCalendar(user.userId, await parseJson(CalendarConnectInput, req), deps));
    }
    return json(200, await listConnections(user.userId, deps));
  }),
});

/** Choose its calendars (PATCH) or disconnect it (DELETE). */
registerHttp('calendars-one', {
  route: 'calendars/{id}',
  methods: ['PATCH', 'DELETE'],
  handler: withUser(async ({ req, user }) => {
    const deps = connectionsDeps();
    const id = param(req, 'id');
    if (req.method === 'DELETE') {
      await disconnectCalendar(user.userId, id, deps);
      return noContent();
    }
    return json(
      200,
      await updateConnection(user.userId, id, await parseJson(CalendarConnectionPatch, req), deps),
    );
  }),
});

/** "Check again": the connection's status now. */
registerHttp('calendars-check', {
  route: 'calendars/{id}/check',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const deps = connectionsDeps();
    const doc = await deps.store.find(user.userId, param(req, 'id'));
    if (!doc) throw notFound('That calendar connection');
    return json(200, toConnectionDto(await checkConnection(doc, deps)));
  }),
});

/** Every 15 minutes: connections not checked for an hour are checked, so a broken one shows up. */
registerTimer('calendar-connections-check', {
  schedule: '0 */15 * * * *',
  handler: async (_timer, ctx) => {
    const deps = connectionsDeps();
    const due = await connectionsCheckedBefore(new Date(Date.now() - 3_600_000), 100);
    let failing = 0;
    for (const doc of due) if ((await checkConnection(doc, deps)).status !== 'ok') failing++;
    if (due.length) ctx.log(`Checked ${due.length} calendar connection(s), ${failing} not working`);
  },
});

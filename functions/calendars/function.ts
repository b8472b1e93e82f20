import type { HttpRequest } from '@azure/functions';
import { AppError, notFound } from '../_shared/errors.js';
import { json, noContent, param, parseJson, parseQuery, withUser } from '../_shared/http.js';
import { registerHttp, registerTimer } from '../_shared/registry.js';
import { recentCalendarWrites } from './audit.js';
import {
  checkConnection,
  connectCalendar,
  disconnectCalendar,
  listConnections,
  toConnectionDto,
  updateConnection,
} from './connections.js';
import { connectionsDeps, oauthDeps } from './deps.js';
import { completeOAuth, startOAuth } from './oauth.js';
import {
  CalendarConnectInput,
  CalendarConnectionPatch,
  OAUTH_KINDS,
  OAuthCallbackQuery,
  type OAuthKind,
} from './schema.js';
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

/** The latest writes to the organizer's calendars: who, what, when, result. */
registerHttp('calendars-audit', {
  route: 'calendars/audit',
  methods: ['GET'],
  handler: withUser(async ({ user }) => json(200, { items: await recentCalendarWrites(user.userId) })),
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

const oauthKind = (req: HttpRequest): OAuthKind => {
  const kind = param(req, 'kind');
  if (!(OAUTH_KINDS as readonly string[]).includes(kind)) throw notFound('That calendar provider');
  return kind as OAuthKind;
};

/** "Connect Google Calendar": the consent page to send the browser to (state + PKCE kept server-side). */
registerHttp('calendars-oauth-start', {
  route: 'calendars/oauth/{kind}/start',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) =>
    json(200, await startOAuth(user.userId, oauthKind(req), oauthDeps())),
  ),
});

/**
 * Where the provider sends the browser back (signed in: the state must be this user's). Always
 * ends on the Calendars page, with ?connected= or ?error= saying what happened.
 */
registerHttp('calendars-oauth-callback', {
  route: 'calendars/oauth/{kind}/callback',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) => {
    const back = (query: Record<string, string>) => ({
      status: 302,
      headers: { location: `/calendars?${new URLSearchParams(query)}`, 'cache-control': 'no-store' },
    });
    const kind = oauthKind(req);
    const callback = parseQuery(OAuthCallbackQuery, req);
    if (callback.error || !callback.code) {
      return back({ error: 'The calendar was not connected: access was not granted.' });
    }
    try {
      const connection = await completeOAuth(
        user.userId,
        kind,
        { code: callback.code, state: callback.state },
        oauthDeps(),
      );
      return back({ connected: connection.id });
    } catch (err) {
      if (err instanceof AppError) return back({ error: err.message });
      throw err;
    }
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

import type { HttpRequest } from '@azure/functions';
import { AppError, notFound } from '../_shared/errors.js';
import { json, noContent, param, parseJson, parseQuery, withPublic, withUser } from '../_shared/http.js';
import { registerHttp, registerTimer } from '../_shared/registry.js';
import { audited } from '../audit/audit.js';
import { recentCalendarWrites } from './audit.js';
import {
  checkConnection,
  connectCalendar,
  disconnectCalendar,
  listConnections,
  toConnectionDto,
  updateConnection,
} from './connections.js';
import { connectionsDeps, oauthDeps, pushDeps } from './deps.js';
import { completeOAuth, startOAuth } from './oauth.js';
import { calendarChanged, compareChangeTags, ensureWatching, stopWatching } from './push.js';
import {
  CalendarConnectInput,
  CalendarConnectionPatch,
  CalendarSettingsPut,
  OAUTH_KINDS,
  OAuthCallbackQuery,
  type OAuthKind,
} from './schema.js';
import { putCalendarSettings, readCalendarSettings } from './settings.js';
import { connectionsCheckedBefore, connectionsOfKinds } from './store.js';

/** The organizer's connected calendars; connecting checks the credentials first (422 with the server's reason). */
registerHttp('calendars', {
  route: 'calendars',
  methods: ['GET', 'POST'],
  handler: withUser(async ({ req, user }) => {
    const deps = connectionsDeps();
    if (req.method === 'POST') {
      const input = await parseJson(CalendarConnectInput, req);
      return json(
        201,
        await audited(
          user,
          'calendar.connect',
          input.kind,
          () => connectCalendar(user.userId, input, deps),
          (c) => ({ connectionId: c.id }),
        ),
      );
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
      const doc = await deps.store.find(user.userId, id);
      if (doc) await stopWatching(doc, pushDeps());
      await audited(user, 'calendar.disconnect', id, () => disconnectCalendar(user.userId, id, deps));
      return noContent();
    }
    return json(
      200,
      await updateConnection(user.userId, id, await parseJson(CalendarConnectionPatch, req), deps),
    );
  }),
});

/** What contacts are offered while a calendar cannot be read: nothing, or tentative times. */
registerHttp('calendars-settings', {
  route: 'calendars/settings',
  methods: ['GET', 'PUT'],
  handler: withUser(async ({ req, user }) => {
    if (req.method === 'PUT')
      return json(
        200,
        await putCalendarSettings(user.userId, await parseJson(CalendarSettingsPut, req), new Date()),
      );
    return json(200, await readCalendarSettings(user.userId));
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
      const connection = await audited(
        user,
        'calendar.connect',
        kind,
        () => completeOAuth(user.userId, kind, { code: callback.code!, state: callback.state }, oauthDeps()),
        (c) => ({ connectionId: c.id }),
      );
      // Push from the start, so the busy-time cache is trusted; the sync timer retries a failure.
      const push = pushDeps();
      const doc = await push.store.find(user.userId, connection.id);
      if (doc) await ensureWatching(doc, push).catch(() => undefined);
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

/**
 * Google's watch channels and Microsoft Graph's change notifications for one connection: a notice
 * carrying the connection's secret empties its cached busy time. Graph first checks the address
 * with a validationToken, echoed as plain text (only for a connection that exists).
 */
registerHttp('webhooks-calendar', {
  route: 'webhooks/calendar/{kind}/{owner}/{id}',
  methods: ['POST'],
  access: 'signature',
  handler: withPublic(async (req) => {
    const deps = pushDeps();
    const [kind, owner, id] = [param(req, 'kind'), param(req, 'owner'), param(req, 'id')];
    if (kind === 'microsoft') {
      const validationToken = req.query.get('validationToken');
      if (validationToken !== null) {
        const doc = await deps.store.find(owner, id);
        if (doc?.kind !== 'microsoft') throw notFound('That calendar connection');
        return {
          status: 200,
          headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
          body: validationToken,
        };
      }
      let notices: { clientState?: string }[];
      try {
        notices = ((await req.json()) as { value?: { clientState?: string }[] }).value ?? [];
      } catch {
        throw new AppError('VALIDATION', 'A change notification must be JSON with a value array.');
      }
      const outcomes = await Promise.all(notices.map((n) => calendarChanged(owner, id, n.clientState, deps)));
      if (outcomes.length === 0 || outcomes.some((o) => o !== 'emptied'))
        throw new AppError('FORBIDDEN', "This notification does not carry the connection's clientState.");
      return { status: 202 };
    }
    if (kind === 'google') {
      const outcome = await calendarChanged(owner, id, req.headers.get('x-goog-channel-token'), deps);
      // An unknown connection is refused alike: whether one exists is not told.
      if (outcome !== 'emptied')
        throw new AppError('FORBIDDEN', 'This notification does not carry the channel token.');
      return { status: 200 };
    }
    throw notFound('That calendar provider');
  }),
});

/**
 * Every 2 minutes: CalDAV calendars whose sync-token / ctag moved get their cached busy time
 * emptied; Google and Microsoft change channels are made where missing and renewed a day before
 * they lapse.
 */
registerTimer('calendar-sync', {
  schedule: '0 */2 * * * *',
  handler: async (_timer, ctx) => {
    const deps = pushDeps();
    let changed = 0;
    let renewed = 0;
    for await (const page of connectionsOfKinds(['caldav', 'icloud', 'google', 'microsoft'])) {
      for (const doc of page) {
        try {
          if (doc.kind === 'caldav' || doc.kind === 'icloud') {
            if (await compareChangeTags(doc, deps)) changed++;
          } else {
            const after = await ensureWatching(doc, deps);
            // A refusal is recorded on the connection (tried again within the hour), not counted.
            if (after !== doc && !after.watch?.lastError) renewed++;
          }
        } catch (err) {
          ctx.warn(
            `Calendar sync of connection ${doc.id} failed: ${err instanceof Error ? err.message : err}`,
          );
        }
      }
    }
    if (changed || renewed) ctx.log(`Calendar sync: ${changed} changed, ${renewed} channel set(s) renewed`);
  },
});

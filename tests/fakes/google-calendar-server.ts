import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';

/**
 * A local stand-in for Google's OAuth 2.0 endpoints and the Calendar API v3, answering in Google's
 * shapes: the authorization step (302 back with `code` + `state`, remembering the S256
 * `code_challenge`), the token endpoint (authorization_code with PKCE, refresh_token, `invalid_grant`
 * for a wrong verifier or a revoked/unknown refresh token), revoke, and under /calendar/v3:
 * calendarList.list/get (paged), freeBusy (recurring events expanded, cancelled and transparent
 * ones left out, intervals clipped to the range), events.insert/get/patch/delete. Every API call
 * needs a live Bearer token (401 UNAUTHENTICATED otherwise). Knobs: expire the access tokens,
 * throttle the next call (429 + Retry-After), fail the next call (500, 403…).
 */

type Json = Record<string, unknown>;
export interface GoogleDateTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}
export interface GoogleEvent extends Json {
  id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  start: GoogleDateTime;
  end: GoogleDateTime;
  recurrence?: string[];
  transparency?: 'opaque' | 'transparent';
}
interface Calendar {
  id: string;
  summary: string;
  accessRole: 'owner' | 'writer' | 'reader' | 'freeBusyReader';
  primary?: boolean;
  events: Map<string, GoogleEvent>;
}
interface Grant {
  refreshToken: string;
  scope: string;
  revoked: boolean;
}

export interface FakeGoogleCalendar {
  /** Base of everything; the API root (`rootUrl`) is `${url}/`. */
  url: string;
  tokenUrl: string;
  revokeUrl: string;
  authUrl: string;
  clientId: string;
  clientSecret: string;
  /** The account's address: its primary calendar's id, and the id token's email. */
  email: string;
  /** Every API request, in order (after the auth check). */
  requests: { method: string; path: string; query: URLSearchParams; body: Json | undefined }[];
  /** The most calendarList entries on one page, whatever maxResults asks for. */
  calendarListPageSize: number;
  /** Tokens for the account as after a consent, without the browser step. */
  grant(scope?: string): { accessToken: string; refreshToken: string; expiresAt: string };
  /** Every access token issued so far stops working (as after its hour). */
  expireAccessTokens(): void;
  /** The user removed the app's access: the refresh token and its access tokens stop working. */
  revoke(refreshToken: string): void;
  /** Every refresh token issued so far (by consent or grant). */
  grantedRefreshTokens(): string[];
  /** How many grants were revoked (by the revoke endpoint or `revoke`). */
  revokedCount(): number;
  addCalendar(calendar: Omit<Calendar, 'events'>): void;
  /** Puts an event straight into a calendar (as if made in Google Calendar itself). */
  putEvent(
    calendarId: string,
    event: Json & { id: string; start: GoogleDateTime; end: GoogleDateTime; recurrence?: string[] },
  ): void;
  event(calendarId: string, eventId: string): GoogleEvent | undefined;
  /** Live watch channels (events.watch), by channel id. */
  channels: Map<
    string,
    { calendarId: string; address: string; token: string; resourceId: string; expiration: number }
  >;
  /** Resolves when every push notification sent so far has been answered; their HTTP statuses. */
  delivered(): Promise<number[]>;
  throttleNext(retryAfterSeconds: number): void;
  failNext(status: number, reason?: string): void;
  close(): Promise<void>;
}

const EVENT_ID = /^[a-v0-9]{5,1024}$/;

/** Google's JSON error body for the Calendar API. */
const apiError = (code: number, message: string, reason: string, status?: string, extra: Json = {}) => ({
  error: {
    code,
    message,
    errors: [{ domain: 'global', reason, message, ...extra }],
    ...(status ? { status } : {}),
  },
});

/** An instant Google-style: in the event's zone with its offset, no milliseconds. */
function googleTime(instant: string, zone: string | undefined): string {
  const t = DateTime.fromISO(instant, { setZone: true });
  return (zone ? t.setZone(zone) : t).toISO({ suppressMilliseconds: true })!;
}

/** A dateTime as Google reads it: an offset wins; without one, the wall time in `timeZone`. */
function toInstant(t: GoogleDateTime): DateTime {
  if (t.dateTime) {
    const hasOffset = /(Z|[+-]\d\d:\d\d)$/.test(t.dateTime);
    return DateTime.fromISO(t.dateTime, hasOffset ? { setZone: true } : { zone: t.timeZone ?? 'UTC' });
  }
  return DateTime.fromISO(t.date!, { zone: t.timeZone ?? 'UTC' });
}

/** Occurrence starts of an event: RRULE FREQ=DAILY|WEEKLY with INTERVAL, COUNT, UNTIL (enough for tests). */
function occurrences(event: GoogleEvent, until: DateTime): DateTime[] {
  const start = toInstant(event.start).setZone(event.start.timeZone ?? 'UTC');
  const rule = event.recurrence?.find((r) => r.startsWith('RRULE:'));
  if (!rule) return [start];
  const parts = Object.fromEntries(
    rule
      .slice(6)
      .split(';')
      .map((p) => p.split('=') as [string, string]),
  );
  const step = { [parts.FREQ === 'WEEKLY' ? 'weeks' : 'days']: Number(parts.INTERVAL ?? 1) };
  const count = parts.COUNT ? Number(parts.COUNT) : Number.POSITIVE_INFINITY;
  const last = parts.UNTIL ? DateTime.fromISO(parts.UNTIL) : until;
  const out: DateTime[] = [];
  // Stepping the wall clock in the event's zone keeps 10:00 at 10:00 across a DST change, as Google does.
  for (let t = start; out.length < count && t <= last && t < until; t = t.plus(step)) out.push(t);
  return out;
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

const token = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;

export async function startFakeGoogleCalendar(
  email = 'sam.organizer@gmail.com',
): Promise<FakeGoogleCalendar> {
  const calendars = new Map<string, Calendar>();
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, { grant: Grant; expired: boolean }>();
  const codes = new Map<string, { challenge: string; redirectUri: string; scope: string }>();
  const scripted: ((res: ServerResponse) => void)[] = [];
  let etag = 1;
  const pushes: Promise<number>[] = [];
  let messageNumber = 1;

  /** Google's push: a bodiless POST with the channel in headers, "sync" first, then "exists". */
  function push(channelId: string, state: 'sync' | 'exists') {
    const channel = fake.channels.get(channelId);
    if (!channel || channel.expiration < Date.now()) return;
    pushes.push(
      fetch(channel.address, {
        method: 'POST',
        headers: {
          'x-goog-channel-id': channelId,
          'x-goog-channel-token': channel.token,
          'x-goog-channel-expiration': new Date(channel.expiration).toUTCString(),
          'x-goog-resource-id': channel.resourceId,
          'x-goog-resource-uri': `${fake.url}/calendar/v3/calendars/${encodeURIComponent(channel.calendarId)}/events?alt=json`,
          'x-goog-resource-state': state,
          'x-goog-message-number': String(messageNumber++),
        },
      }).then(
        (r) => r.status,
        () => 0,
      ),
    );
  }
  const changed = (calendarId: string) => {
    for (const [id, channel] of fake.channels) if (channel.calendarId === calendarId) push(id, 'exists');
  };

  const send = (
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      ...(body === undefined ? {} : { 'content-type': 'application/json; charset=UTF-8' }),
      ...headers,
    });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };

  const issue = (grant: Grant) => {
    const accessToken = token('ya29.');
    accessTokens.set(accessToken, { grant, expired: false });
    return accessToken;
  };

  const fake: FakeGoogleCalendar = {
    url: '',
    tokenUrl: '',
    revokeUrl: '',
    authUrl: '',
    clientId: '1234567890-momentum.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-local-test-secret',
    email,
    requests: [],
    channels: new Map(),
    delivered: () => Promise.all(pushes),
    calendarListPageSize: 250,
    grant(scope = 'https://www.googleapis.com/auth/calendar.events') {
      const grant: Grant = { refreshToken: token('1//'), scope, revoked: false };
      grants.set(grant.refreshToken, grant);
      return {
        accessToken: issue(grant),
        refreshToken: grant.refreshToken,
        expiresAt: new Date(Date.now() + 3599_000).toISOString(),
      };
    },
    expireAccessTokens() {
      for (const t of accessTokens.values()) t.expired = true;
    },
    revoke(refreshToken) {
      const grant = grants.get(refreshToken);
      if (grant) grant.revoked = true;
    },
    grantedRefreshTokens: () => [...grants.keys()],
    revokedCount: () => [...grants.values()].filter((g) => g.revoked).length,
    addCalendar(calendar) {
      calendars.set(calendar.id, { ...calendar, events: new Map() });
    },
    putEvent(calendarId, event) {
      calendars
        .get(calendarId)!
        .events.set(event.id, { kind: 'calendar#event', status: 'confirmed', ...event } as GoogleEvent);
      changed(calendarId);
    },
    event: (calendarId, eventId) => calendars.get(calendarId)?.events.get(eventId),
    throttleNext(seconds) {
      scripted.push((res) =>
        send(res, 429, apiError(429, 'Rate Limit Exceeded', 'rateLimitExceeded', 'RESOURCE_EXHAUSTED'), {
          'retry-after': String(seconds),
        }),
      );
    },
    failNext(status, reason = status === 403 ? 'forbidden' : 'backendError') {
      const message = status === 403 ? 'Forbidden' : 'Backend Error';
      scripted.push((res) => send(res, status, apiError(status, message, reason)));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  fake.addCalendar({ id: email, summary: email, accessRole: 'owner', primary: true });

  /** GET /o/oauth2/v2/auth: the user consents at once; back to redirect_uri with a code. */
  function authorize(query: URLSearchParams, res: ServerResponse) {
    const redirectUri = query.get('redirect_uri') ?? '';
    if (query.get('client_id') !== fake.clientId) return send(res, 400, { error: 'invalid_client' });
    if (
      query.get('response_type') !== 'code' ||
      query.get('code_challenge_method') !== 'S256' ||
      !query.get('code_challenge')
    )
      return send(res, 400, {
        error: 'invalid_request',
        error_description: 'PKCE S256 code_challenge required',
      });
    const code = token('4/0A');
    codes.set(code, {
      challenge: query.get('code_challenge')!,
      redirectUri,
      scope: query.get('scope') ?? '',
    });
    const back = new URL(redirectUri);
    back.searchParams.set('state', query.get('state') ?? '');
    back.searchParams.set('code', code);
    back.searchParams.set('scope', query.get('scope') ?? '');
    send(res, 302, undefined, { location: back.toString() });
  }

  /** POST /token, form-encoded, as https://oauth2.googleapis.com/token answers. */
  function tokenEndpoint(form: URLSearchParams, res: ServerResponse) {
    if (form.get('client_id') !== fake.clientId || form.get('client_secret') !== fake.clientSecret)
      return send(res, 401, { error: 'invalid_client', error_description: 'Unauthorized' });
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      if (!code) return send(res, 400, { error: 'invalid_grant', error_description: 'Malformed auth code.' });
      codes.delete(form.get('code')!); // a code is good once
      if (code.redirectUri !== form.get('redirect_uri'))
        return send(res, 400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge)
        return send(res, 400, { error: 'invalid_grant', error_description: 'Invalid code verifier.' });
      const grant: Grant = { refreshToken: token('1//'), scope: code.scope, revoked: false };
      grants.set(grant.refreshToken, grant);
      const claims = Buffer.from(
        JSON.stringify({
          iss: 'https://accounts.google.com',
          aud: fake.clientId,
          sub: '1090000000000000',
          email,
          email_verified: true,
        }),
      ).toString('base64url');
      return send(res, 200, {
        access_token: issue(grant),
        expires_in: 3599,
        refresh_token: grant.refreshToken,
        scope: code.scope,
        token_type: 'Bearer',
        id_token: `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${claims}.c2lnbmF0dXJl`,
      });
    }
    if (grantType === 'refresh_token') {
      const grant = grants.get(form.get('refresh_token') ?? '');
      if (!grant || grant.revoked)
        return send(res, 400, {
          error: 'invalid_grant',
          error_description: 'Token has been expired or revoked.',
        });
      return send(res, 200, {
        access_token: issue(grant),
        expires_in: 3599,
        scope: grant.scope,
        token_type: 'Bearer',
      });
    }
    send(res, 400, {
      error: 'unsupported_grant_type',
      error_description: `Invalid grant_type: ${grantType}`,
    });
  }

  /** POST /revoke?token=… (or form token=): a refresh token takes its access tokens with it. */
  function revokeEndpoint(value: string, res: ServerResponse) {
    const grant = grants.get(value) ?? accessTokens.get(value)?.grant;
    if (!grant || grant.revoked)
      return send(res, 400, { error: 'invalid_token', error_description: 'Token expired or revoked' });
    grant.revoked = true;
    send(res, 200, {});
  }

  const unauthenticated = () =>
    apiError(
      401,
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
      'authError',
      'UNAUTHENTICATED',
      { location: 'Authorization', locationType: 'header' },
    );

  const listEntry = (c: Calendar) => ({
    kind: 'calendar#calendarListEntry',
    etag: `"${c.id.length}"`,
    id: c.id,
    summary: c.summary,
    timeZone: 'Europe/Berlin',
    accessRole: c.accessRole,
    ...(c.primary ? { primary: true } : {}),
  });

  function freeBusy(body: Json, res: ServerResponse) {
    const min = DateTime.fromISO(String(body.timeMin));
    const max = DateTime.fromISO(String(body.timeMax));
    if (!min.isValid || !max.isValid) return send(res, 400, apiError(400, 'Bad Request', 'badRequest'));
    const result: Json = {};
    for (const { id } of (body.items as { id: string }[]) ?? []) {
      const calendar = calendars.get(id === 'primary' ? email : id);
      if (!calendar) {
        result[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
        continue;
      }
      const busy: { start: string; end: string }[] = [];
      for (const event of calendar.events.values()) {
        if (event.status === 'cancelled' || event.transparency === 'transparent') continue;
        const length = toInstant(event.end).diff(toInstant(event.start));
        for (const start of occurrences(event, max)) {
          const end = start.plus(length);
          if (start < max && end > min)
            busy.push({
              start: DateTime.max(start, min).toUTC().toISO({ suppressMilliseconds: true })!,
              end: DateTime.min(end, max).toUTC().toISO({ suppressMilliseconds: true })!,
            });
        }
      }
      busy.sort((a, b) => a.start.localeCompare(b.start));
      result[id] = { busy };
    }
    send(res, 200, {
      kind: 'calendar#freeBusy',
      timeMin: body.timeMin,
      timeMax: body.timeMax,
      calendars: result,
    });
  }

  /** What Google stores from a client's event body; conferenceData only with conferenceDataVersion=1. */
  function accept(input: Json, conferenceVersion: number, previous?: GoogleEvent): GoogleEvent {
    const event = { ...previous, ...input } as GoogleEvent;
    if (input.extendedProperties) {
      const prev = (previous?.extendedProperties as { private?: Json } | undefined)?.private ?? {};
      const next = (input.extendedProperties as { private?: Json }).private ?? {};
      event.extendedProperties = { private: { ...prev, ...next } };
    }
    for (const side of ['start', 'end'] as const) {
      const t = event[side];
      if (t?.dateTime)
        event[side] = {
          dateTime: googleTime(toInstant(t).toISO()!, t.timeZone),
          ...(t.timeZone ? { timeZone: t.timeZone } : {}),
        };
    }
    delete event.conferenceData;
    delete event.hangoutLink;
    if (previous?.conferenceData)
      Object.assign(event, { conferenceData: previous.conferenceData, hangoutLink: previous.hangoutLink });
    const request = (input.conferenceData as { createRequest?: Json } | undefined)?.createRequest;
    if (conferenceVersion >= 1 && request && !previous?.conferenceData) {
      const key = request.conferenceSolutionKey as { type?: string } | undefined;
      if (key?.type === 'hangoutsMeet') {
        const letters = () => Array.from(randomBytes(10), (b) => String.fromCharCode(97 + (b % 26)));
        const l = letters();
        const meetingCode = `${l.slice(0, 3).join('')}-${l.slice(3, 7).join('')}-${l.slice(7, 10).join('')}`;
        event.hangoutLink = `https://meet.google.com/${meetingCode}`;
        event.conferenceData = {
          createRequest: { ...request, status: { statusCode: 'success' } },
          entryPoints: [
            { entryPointType: 'video', uri: event.hangoutLink, label: `meet.google.com/${meetingCode}` },
          ],
          conferenceSolution: {
            key: { type: 'hangoutsMeet' },
            name: 'Google Meet',
            iconUri:
              'https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png',
          },
          conferenceId: meetingCode,
        };
      }
    }
    const now = new Date().toISOString();
    return {
      ...event,
      kind: 'calendar#event',
      etag: `"${etag++}"`,
      status: (input.status as GoogleEvent['status']) ?? previous?.status ?? 'confirmed',
      created: previous?.created ?? now,
      updated: now,
      creator: { email, self: true },
      organizer: { email, self: true },
      iCalUID: `${event.id}@google.com`,
      sequence: (input.sequence as number | undefined) ?? previous?.sequence ?? 0,
    };
  }

  function events(
    method: string,
    calendar: Calendar,
    eventId: string | undefined,
    query: URLSearchParams,
    body: Json | undefined,
    res: ServerResponse,
  ) {
    const version = Number(query.get('conferenceDataVersion') ?? 0);
    if (!eventId && method === 'POST') {
      if (calendar.accessRole !== 'owner' && calendar.accessRole !== 'writer')
        return send(
          res,
          403,
          apiError(403, 'You need to have writer access to this calendar.', 'requiredAccessLevel'),
        );
      const id = (body?.id as string | undefined) ?? randomBytes(13).toString('hex');
      if (!EVENT_ID.test(id)) return send(res, 400, apiError(400, 'Invalid resource id value.', 'invalid'));
      if (calendar.events.has(id))
        return send(res, 409, apiError(409, 'The requested identifier already exists.', 'duplicate'));
      const event = accept({ ...body, id }, version);
      calendar.events.set(id, event);
      send(res, 200, event);
      return changed(calendar.id);
    }
    const existing = eventId ? calendar.events.get(eventId) : undefined;
    if (!existing) return send(res, 404, apiError(404, 'Not Found', 'notFound'));
    if (method === 'GET') return send(res, 200, existing);
    if (method === 'PATCH') {
      const event = accept(body ?? {}, version, existing);
      calendar.events.set(existing.id, event);
      send(res, 200, event);
      return changed(calendar.id);
    }
    if (method === 'DELETE') {
      if (existing.status === 'cancelled')
        return send(res, 410, apiError(410, 'Resource has been deleted', 'deleted'));
      calendar.events.set(existing.id, {
        ...existing,
        status: 'cancelled',
        etag: `"${etag++}"`,
        updated: new Date().toISOString(),
      });
      send(res, 204);
      return changed(calendar.id);
    }
    send(res, 405, apiError(405, 'Method Not Allowed', 'httpMethodNotAllowed'));
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const raw = await readBody(req);
    const path = url.pathname;
    if (req.method === 'GET' && path === '/o/oauth2/v2/auth') return authorize(url.searchParams, res);
    if (req.method === 'POST' && path === '/token') return tokenEndpoint(new URLSearchParams(raw), res);
    if (req.method === 'POST' && path === '/revoke')
      return revokeEndpoint(
        url.searchParams.get('token') ?? new URLSearchParams(raw).get('token') ?? '',
        res,
      );

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const access = bearer ? accessTokens.get(bearer) : undefined;
    if (!access || access.expired || access.grant.revoked)
      return send(res, 401, unauthenticated(), {
        'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
      });
    let body: Json | undefined;
    try {
      body = raw ? (JSON.parse(raw) as Json) : undefined;
    } catch {
      return send(res, 400, apiError(400, 'Parse Error', 'parseError'));
    }
    fake.requests.push({ method: req.method ?? 'GET', path, query: url.searchParams, body });
    const script = scripted.shift();
    if (script) return script(res);

    const m = /^\/calendar\/v3\/(.*)$/.exec(path);
    const rest = m?.[1]?.split('/').map(decodeURIComponent) ?? [];
    if (req.method === 'GET' && rest[0] === 'users' && rest[2] === 'calendarList') {
      const all = [...calendars.values()];
      if (rest[3]) {
        const c = calendars.get(rest[3] === 'primary' ? email : rest[3]);
        return c ? send(res, 200, listEntry(c)) : send(res, 404, apiError(404, 'Not Found', 'notFound'));
      }
      // Google may answer with fewer entries than maxResults; the page size knob makes it do so.
      const size = Math.min(
        Number(url.searchParams.get('maxResults') ?? 100),
        250,
        fake.calendarListPageSize,
      );
      const from = Number(url.searchParams.get('pageToken') ?? 0);
      const page = all.slice(from, from + size);
      return send(res, 200, {
        kind: 'calendar#calendarList',
        etag: `"${etag}"`,
        ...(from + size < all.length ? { nextPageToken: String(from + size) } : { nextSyncToken: 'sync-1' }),
        items: page.map(listEntry),
      });
    }
    if (req.method === 'POST' && rest[0] === 'freeBusy') return freeBusy(body ?? {}, res);
    if (req.method === 'POST' && rest[0] === 'channels' && rest[1] === 'stop') {
      const channel = fake.channels.get(String(body?.id));
      if (!channel || channel.resourceId !== body?.resourceId)
        return send(
          res,
          404,
          apiError(404, `Channel '${String(body?.id)}' not found for project '1234567890'`, 'notFound'),
        );
      fake.channels.delete(String(body?.id));
      return send(res, 204);
    }
    if (req.method === 'POST' && rest[0] === 'calendars' && rest[2] === 'events' && rest[3] === 'watch') {
      const calendarId = rest[1] === 'primary' ? email : rest[1]!;
      if (!calendars.has(calendarId)) return send(res, 404, apiError(404, 'Not Found', 'notFound'));
      const id = String(body?.id ?? '');
      const address = String(body?.address ?? '');
      if (!/^[A-Za-z0-9\-_+/=]{1,64}$/.test(id) || body?.type !== 'web_hook')
        return send(res, 400, apiError(400, 'Invalid channel.', 'invalid'));
      if (fake.channels.has(id))
        return send(res, 400, apiError(400, `Channel id ${id} not unique`, 'channelIdNotUnique'));
      // Google caps an events channel at a week from now; it answers with what it granted.
      const expiration = Math.min(Number(body?.expiration ?? Infinity), Date.now() + 7 * 86_400_000);
      const resourceId = randomBytes(16).toString('base64url');
      fake.channels.set(id, {
        calendarId,
        address,
        token: String(body?.token ?? ''),
        resourceId,
        expiration,
      });
      send(res, 200, {
        kind: 'api#channel',
        id,
        resourceId,
        resourceUri: `${fake.url}/calendar/v3/calendars/${encodeURIComponent(calendarId)}/events?alt=json`,
        token: body?.token,
        expiration: String(expiration),
      });
      return push(id, 'sync');
    }
    if (rest[0] === 'calendars' && rest[2] === 'events') {
      const calendar = calendars.get(rest[1] === 'primary' ? email : rest[1]!);
      if (!calendar) return send(res, 404, apiError(404, 'Not Found', 'notFound'));
      return events(req.method ?? 'GET', calendar, rest[3], url.searchParams, body, res);
    }
    send(res, 404, apiError(404, 'Not Found', 'notFound'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.tokenUrl = `${fake.url}/token`;
  fake.revokeUrl = `${fake.url}/revoke`;
  fake.authUrl = `${fake.url}/o/oauth2/v2/auth`;
  return fake;
}

/** The app settings that point the Google provider and the connect flow at this fake. */
export const googleSettingsFor = (fake: FakeGoogleCalendar): Record<string, string> => ({
  GOOGLE_CLIENT_ID: fake.clientId,
  GOOGLE_CLIENT_SECRET: fake.clientSecret,
  GOOGLE_API_ROOT_URL: `${fake.url}/`,
  GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
  GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
  GOOGLE_OAUTH_REVOKE_URL: fake.revokeUrl,
});

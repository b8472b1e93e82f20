import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';

/**
 * A local stand-in for Microsoft Entra ID's v2.0 endpoints and Microsoft Graph v1.0 calendars, over
 * https (the Graph client adds the Authorization header only for https hosts), answering in their
 * shapes: authorize (302 back with `code` + `state`, remembering the S256 challenge), the token
 * endpoint (authorization_code with the PKCE verifier checked, refresh_token with rotation,
 * invalid_grant with AADSTS codes), `/v1.0/me`, `/me/calendars` (paged with @odata.nextLink),
 * calendarView (recurring series expanded into occurrences, times in UTC when asked with
 * `Prefer: outlook.timezone="UTC"`), events create (transactionId honoured) / get / patch /
 * delete / $filter on our extended property, Teams online meetings with a join URL. Every Graph
 * call needs a live Bearer token (401 InvalidAuthenticationToken otherwise). Knobs: expire the
 * access tokens, throttle the next call (429 + Retry-After), fail the next call (500…).
 */

type Json = Record<string, unknown>;
export interface GraphTime {
  dateTime: string;
  timeZone: string;
}
export interface GraphEvent extends Json {
  id: string;
  start: GraphTime;
  end: GraphTime;
  isCancelled?: boolean;
  showAs?: string;
  recurrence?: {
    pattern: { type: 'daily' | 'weekly'; interval: number };
    range: { type: 'numbered' | 'endDate' | 'noEnd'; numberOfOccurrences?: number; endDate?: string };
  } | null;
}
interface Calendar {
  id: string;
  name: string;
  canEdit: boolean;
  isDefaultCalendar?: boolean;
  owner?: { name: string; address: string };
  events: Map<string, GraphEvent>;
}
interface Grant {
  refreshToken: string;
  revoked: boolean;
}

export interface FakeMicrosoftGraph {
  /** https://127.0.0.1:port — Graph's root and the sign-in host. */
  url: string;
  /** The CA (PEM) that signed the server's certificate: what a test trusts. */
  ca: string;
  tenant: string;
  clientId: string;
  clientSecret: string;
  email: string;
  /** Every Graph request, in order (after the auth check). */
  requests: {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: IncomingMessage['headers'];
    body: Json | undefined;
  }[];
  /** Most items on one page of /me/calendars and calendarView, whatever $top asks for. */
  pageSize: number;
  /** Event searches by extended property find nothing (as while Exchange's index lags behind a create). */
  lookupMisses: boolean;
  grant(): { accessToken: string; refreshToken: string; expiresAt: string };
  expireAccessTokens(): void;
  revoke(refreshToken: string): void;
  addCalendar(calendar: Omit<Calendar, 'events'>): void;
  /** Puts an event straight into a calendar (as if made in Outlook). */
  putEvent(calendarId: string, event: Json & { id: string; start: GraphTime; end: GraphTime }): void;
  event(eventId: string): GraphEvent | undefined;
  /** Live change-notification subscriptions, by id. */
  subscriptions: Map<
    string,
    { resource: string; notificationUrl: string; clientState: string; expirationDateTime: string }
  >;
  /** Resolves when every change notification sent so far has been answered; their HTTP statuses. */
  delivered(): Promise<number[]>;
  throttleNext(retryAfterSeconds: number): void;
  failNext(status: number, code?: string): void;
  close(): Promise<void>;
}

/** Windows zone names Graph uses, for the few the tests need; IANA names pass through. */
const WINDOWS_ZONES: Record<string, string> = {
  UTC: 'UTC',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Eastern Standard Time': 'America/New_York',
  'Pacific Standard Time': 'America/Los_Angeles',
};
const zoneOf = (name: string) => WINDOWS_ZONES[name] ?? name;

const toInstant = (t: GraphTime) => DateTime.fromISO(t.dateTime, { zone: zoneOf(t.timeZone) });
/** Graph's dateTime form: seven fractional digits, no offset. */
const graphTime = (t: DateTime, zone: string): GraphTime => ({
  dateTime: `${t.setZone(zoneOf(zone)).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS")}0000`,
  timeZone: zone,
});

function makeCertificate(): { ca: string; key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'graph-ca-'));
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  try {
    run(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=Momentum test CA',
    );
    run('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
    writeFileSync(path.join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
    run(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
    );
    const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
    return { ca: read('ca.pem'), key: read('server.key'), cert: read('server.pem') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};
const token = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;

/** Entra's token-endpoint error body. */
const aadError = (error: string, code: number, description: string) => ({
  error,
  error_description: `AADSTS${code}: ${description} Trace ID: ${randomUUID()} Correlation ID: ${randomUUID()} Timestamp: ${new Date().toISOString()}`,
  error_codes: [code],
  timestamp: new Date().toISOString().replace('T', ' ').replace('Z', 'Z'),
  trace_id: randomUUID(),
  correlation_id: randomUUID(),
});
/** Graph's error body. */
const graphError = (code: string, message: string) => ({
  error: {
    code,
    message,
    innerError: {
      date: new Date().toISOString(),
      'request-id': randomUUID(),
      'client-request-id': randomUUID(),
    },
  },
});

export async function startFakeMicrosoftGraph(
  email = 'sam.organizer@contoso.onmicrosoft.com',
): Promise<FakeMicrosoftGraph> {
  const { ca, key, cert } = makeCertificate();
  const calendars = new Map<string, Calendar>();
  const grants = new Map<string, Grant>();
  const accessTokens = new Map<string, { grant: Grant; expired: boolean }>();
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const scripted: ((res: ServerResponse) => void)[] = [];
  const tenantId = randomUUID();
  const userId = randomUUID();
  const pushes: Promise<number>[] = [];

  /** Graph's change notification for one event of a calendar, to every subscription on it. */
  function changed(calendar: Calendar, eventId: string, changeType: 'created' | 'updated' | 'deleted') {
    for (const [id, s] of fake.subscriptions) {
      const mine = s.resource === `me/calendars/${calendar.id}/events` || s.resource === 'me/events';
      if (!mine || Date.parse(s.expirationDateTime) < Date.now()) continue;
      const resource = `Users/${userId}/Events/${eventId}`;
      pushes.push(
        fetch(s.notificationUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body: JSON.stringify({
            value: [
              {
                subscriptionId: id,
                subscriptionExpirationDateTime: s.expirationDateTime,
                changeType,
                resource,
                resourceData: {
                  '@odata.type': '#Microsoft.Graph.Event',
                  '@odata.id': resource,
                  '@odata.etag': `W/"${randomBytes(12).toString('base64')}"`,
                  id: eventId,
                },
                clientState: s.clientState,
                tenantId,
              },
            ],
          }),
        }).then(
          (r) => r.status,
          () => 0,
        ),
      );
    }
  }

  /** POST /subscriptions: the notification URL must echo a validation token first, as Graph checks. */
  async function subscribe(body: Json | undefined, res: ServerResponse) {
    const resource = String(body?.resource ?? '');
    const expiration = Date.parse(String(body?.expirationDateTime ?? ''));
    const calendarId = /^me\/calendars\/([^/]+)\/events$/.exec(resource)?.[1];
    if (!(resource === 'me/events' || (calendarId && calendars.has(calendarId))))
      return send(res, 404, graphError('ResourceNotFound', `Resource '${resource}' does not exist.`));
    if (!Number.isFinite(expiration) || expiration > Date.now() + 10_080 * 60_000 || expiration < Date.now())
      return send(
        res,
        400,
        graphError('InvalidRequest', 'Subscription expiration can only be 10080 minutes in the future.'),
      );
    if (String(body?.clientState ?? '').length > 128)
      return send(res, 400, graphError('InvalidRequest', 'clientState is longer than 128 characters.'));
    const validationToken = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = new URL(String(body?.notificationUrl ?? ''));
    target.searchParams.set('validationToken', validationToken);
    const echoed = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      signal: AbortSignal.timeout(10_000),
    })
      .then(async (r) => (r.status === 200 ? await r.text() : undefined))
      .catch(() => undefined);
    if (echoed !== validationToken)
      return send(
        res,
        400,
        graphError(
          'ValidationError',
          'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
        ),
      );
    const id = randomUUID();
    const subscription = {
      resource,
      notificationUrl: String(body?.notificationUrl),
      clientState: String(body?.clientState ?? ''),
      expirationDateTime: new Date(expiration).toISOString(),
    };
    fake.subscriptions.set(id, subscription);
    send(res, 201, {
      '@odata.context': `${fake.url}/v1.0/$metadata#subscriptions/$entity`,
      id,
      changeType: body?.changeType,
      applicationId: fake.clientId,
      creatorId: userId,
      latestSupportedTlsVersion: 'v1_2',
      ...subscription,
    });
  }

  const send = (
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      ...(body === undefined
        ? {}
        : { 'content-type': 'application/json; odata.metadata=minimal; charset=utf-8' }),
      ...headers,
    });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const issue = (grant: Grant) => {
    const accessToken = token('eyJ0eXAiOiJKV1QiLCJub25jZSI6.');
    accessTokens.set(accessToken, { grant, expired: false });
    return accessToken;
  };
  const newGrant = () => {
    const grant: Grant = { refreshToken: token('0.AQk'), revoked: false };
    grants.set(grant.refreshToken, grant);
    return grant;
  };
  const allEvents = () => [...calendars.values()].flatMap((c) => [...c.events.values()]);
  const calendarOf = (eventId: string) => [...calendars.values()].find((c) => c.events.has(eventId));

  const fake: FakeMicrosoftGraph = {
    url: '',
    ca,
    tenant: 'common',
    clientId: randomUUID(),
    clientSecret: 'Q~local-test-secret',
    email,
    requests: [],
    subscriptions: new Map(),
    delivered: () => Promise.all(pushes),
    pageSize: 100,
    lookupMisses: false,
    grant() {
      const grant = newGrant();
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
    addCalendar(calendar) {
      calendars.set(calendar.id, {
        owner: { name: 'Sam Organizer', address: email },
        ...calendar,
        events: new Map(),
      });
    },
    putEvent(calendarId, event) {
      calendars.get(calendarId)!.events.set(event.id, accept(event, undefined, calendars.get(calendarId)!));
      changed(calendars.get(calendarId)!, event.id, 'created');
    },
    event: (eventId) => calendarOf(eventId)?.events.get(eventId),
    throttleNext(seconds) {
      scripted.push((res) =>
        send(
          res,
          429,
          graphError('ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'),
          { 'retry-after': String(seconds) },
        ),
      );
    },
    failNext(status, code = status === 403 ? 'ErrorAccessDenied' : 'ErrorInternalServerError') {
      scripted.push((res) =>
        send(
          res,
          status,
          graphError(
            code,
            status === 403
              ? 'Access is denied. Check credentials and try again.'
              : 'An internal server error occurred. The operation failed.',
          ),
        ),
      );
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  fake.addCalendar({
    id: `AAMkAD${randomBytes(9).toString('base64url')}=`,
    name: 'Calendar',
    canEdit: true,
    isDefaultCalendar: true,
  });
  const defaultCalendar = () => [...calendars.values()].find((c) => c.isDefaultCalendar)!;

  function authorize(query: URLSearchParams, res: ServerResponse) {
    if (query.get('client_id') !== fake.clientId)
      return send(
        res,
        400,
        aadError(
          'unauthorized_client',
          700016,
          `Application with identifier '${query.get('client_id')}' was not found in the directory.`,
        ),
      );
    if (
      query.get('response_type') !== 'code' ||
      query.get('code_challenge_method') !== 'S256' ||
      !query.get('code_challenge')
    )
      return send(
        res,
        400,
        aadError(
          'invalid_request',
          50148,
          'The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.',
        ),
      );
    const code = token('0.AQkA');
    codes.set(code, {
      challenge: query.get('code_challenge')!,
      redirectUri: query.get('redirect_uri') ?? '',
    });
    const back = new URL(query.get('redirect_uri') ?? '');
    back.searchParams.set('code', code);
    back.searchParams.set('state', query.get('state') ?? '');
    back.searchParams.set('session_state', randomUUID());
    send(res, 302, undefined, { location: back.toString() });
  }

  function tokenEndpoint(form: URLSearchParams, res: ServerResponse) {
    if (form.get('client_id') !== fake.clientId || form.get('client_secret') !== fake.clientSecret)
      return send(
        res,
        401,
        aadError(
          'invalid_client',
          7000215,
          'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.',
        ),
      );
    const answer = (grant: Grant, idToken: boolean) => ({
      token_type: 'Bearer',
      scope: 'Calendars.ReadWrite User.Read profile openid email',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: issue(grant),
      refresh_token: grant.refreshToken,
      ...(idToken
        ? {
            id_token: [
              Buffer.from('{"typ":"JWT","alg":"RS256","kid":"test"}').toString('base64url'),
              Buffer.from(
                JSON.stringify({
                  aud: fake.clientId,
                  iss: `https://login.microsoftonline.com/${tenantId}/v2.0`,
                  tid: tenantId,
                  oid: userId,
                  email,
                  preferred_username: email,
                  ver: '2.0',
                }),
              ).toString('base64url'),
              'c2lnbmF0dXJl',
            ].join('.'),
          }
        : {}),
    });
    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') {
      const code = codes.get(form.get('code') ?? '');
      if (!code)
        return send(
          res,
          400,
          aadError(
            'invalid_grant',
            54005,
            'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
          ),
        );
      codes.delete(form.get('code')!);
      if (code.redirectUri !== form.get('redirect_uri'))
        return send(
          res,
          400,
          aadError(
            'invalid_grant',
            50148,
            'The redirect URI does not match the one used in the authorization request.',
          ),
        );
      const verifier = form.get('code_verifier') ?? '';
      if (createHash('sha256').update(verifier).digest('base64url') !== code.challenge)
        return send(
          res,
          400,
          aadError(
            'invalid_grant',
            501481,
            'The Code_Verifier does not match the code_challenge supplied in the authorization request.',
          ),
        );
      return send(res, 200, answer(newGrant(), true));
    }
    if (grantType === 'refresh_token') {
      const grant = grants.get(form.get('refresh_token') ?? '');
      if (!grant || grant.revoked)
        return send(
          res,
          400,
          aadError(
            'invalid_grant',
            50173,
            'The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.',
          ),
        );
      // Entra rotates the refresh token; the old one keeps working for a while, as it does.
      const rotated: Grant = { refreshToken: token('0.AQk'), revoked: false };
      grants.set(rotated.refreshToken, rotated);
      return send(res, 200, answer(rotated, false));
    }
    send(
      res,
      400,
      aadError(
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${grantType}'.`,
      ),
    );
  }

  const calendarJson = (c: Calendar) => ({
    id: c.id,
    name: c.name,
    color: 'auto',
    hexColor: '',
    isDefaultCalendar: c.isDefaultCalendar ?? false,
    changeKey: createHash('md5').update(c.id).digest('base64'),
    canShare: c.owner?.address === email,
    canViewPrivateItems: c.owner?.address === email,
    canEdit: c.canEdit,
    allowedOnlineMeetingProviders: ['teamsForBusiness'],
    defaultOnlineMeetingProvider: 'teamsForBusiness',
    isTallyingResponses: true,
    isRemovable: !c.isDefaultCalendar,
    owner: c.owner,
  });

  /** What Graph stores from a client's event body. */
  function accept(input: Json, previous: GraphEvent | undefined, calendar: Calendar): GraphEvent {
    const event = { ...previous, ...input } as GraphEvent;
    if (input.singleValueExtendedProperties) {
      const merged = new Map(
        ((previous?.singleValueExtendedProperties as { id: string; value: string }[]) ?? []).map((p) => [
          p.id.toLowerCase(),
          p,
        ]),
      );
      for (const p of input.singleValueExtendedProperties as { id: string; value: string }[])
        merged.set(p.id.toLowerCase(), p);
      event.singleValueExtendedProperties = [...merged.values()];
    }
    const now = new Date().toISOString();
    if (
      event.isOnlineMeeting &&
      event.onlineMeetingProvider === 'teamsForBusiness' &&
      !previous?.onlineMeeting
    ) {
      const thread = `19%3ameeting_${randomBytes(36).toString('base64url')}%40thread.v2`;
      event.onlineMeeting = {
        joinUrl: `https://teams.microsoft.com/l/meetup-join/${thread}/0?context=%7b%22Tid%22%3a%22${tenantId}%22%2c%22Oid%22%3a%22${userId}%22%7d`,
      };
      if (!(input.location as { displayName?: string } | undefined)?.displayName)
        event.location = {
          displayName: 'Microsoft Teams Meeting',
          locationType: 'default',
          uniqueIdType: 'private',
          uniqueId: 'Microsoft Teams Meeting',
        };
    }
    return {
      isCancelled: false,
      showAs: 'busy',
      type: event.recurrence ? 'seriesMaster' : 'singleInstance',
      isAllDay: false,
      isOrganizer: true,
      isOnlineMeeting: false,
      onlineMeetingProvider: 'unknown',
      onlineMeeting: null,
      attendees: [],
      ...event,
      '@odata.etag': `W/"${randomBytes(12).toString('base64')}"`,
      createdDateTime: (previous?.createdDateTime as string | undefined) ?? now,
      lastModifiedDateTime: now,
      changeKey: randomBytes(12).toString('base64'),
      originalStartTimeZone:
        (input.start as GraphTime | undefined)?.timeZone ?? previous?.originalStartTimeZone ?? 'UTC',
      originalEndTimeZone:
        (input.end as GraphTime | undefined)?.timeZone ?? previous?.originalEndTimeZone ?? 'UTC',
      iCalUId:
        (previous?.iCalUId as string | undefined) ??
        `040000008200E00074C5B7101A82E008${randomBytes(28).toString('hex').toUpperCase()}`,
      organizer: {
        emailAddress: {
          name: calendar.owner?.name ?? 'Sam Organizer',
          address: calendar.owner?.address ?? email,
        },
      },
      webLink: `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(event.id)}&exvsurl=1&path=/calendar/item`,
      start: event.start,
      end: event.end,
    };
  }

  /** An event as Graph returns it: times in the Prefer zone (UTC here when asked), properties only when expanded. */
  function present(
    event: GraphEvent,
    headers: IncomingMessage['headers'],
    expand: string | null,
    select?: string | null,
  ): Json {
    const prefer = /outlook\.timezone="([^"]+)"/.exec(String(headers.prefer ?? ''))?.[1] ?? 'UTC';
    const out: Json = {
      ...event,
      start: graphTime(toInstant(event.start), prefer),
      end: graphTime(toInstant(event.end), prefer),
    };
    delete out.singleValueExtendedProperties;
    if (expand?.includes('singleValueExtendedProperties')) {
      const wanted = [...expand.matchAll(/id eq '([^']+)'/g)].map((m) => m[1]!.toLowerCase());
      out.singleValueExtendedProperties = (
        (event.singleValueExtendedProperties as { id: string; value: string }[]) ?? []
      ).filter((p) => wanted.length === 0 || wanted.includes(p.id.toLowerCase()));
    }
    if (select) {
      const keep = new Set(['id', '@odata.etag', ...select.split(',')]);
      for (const k of Object.keys(out)) if (!keep.has(k)) delete out[k];
    }
    return out;
  }

  /** A series' occurrences (daily/weekly with interval, numbered/endDate/noEnd), as calendarView expands them. */
  function expand(event: GraphEvent, until: DateTime): { start: DateTime; end: DateTime; id: string }[] {
    const start = toInstant(event.start);
    const length = toInstant(event.end).diff(start);
    if (!event.recurrence) return [{ start, end: start.plus(length), id: event.id }];
    const { pattern, range } = event.recurrence;
    const step = { [pattern.type === 'weekly' ? 'weeks' : 'days']: pattern.interval || 1 };
    const count = range.type === 'numbered' ? (range.numberOfOccurrences ?? 1) : Number.POSITIVE_INFINITY;
    const last =
      range.type === 'endDate' && range.endDate
        ? DateTime.fromISO(range.endDate, { zone: start.zone }).endOf('day')
        : until;
    const out: { start: DateTime; end: DateTime; id: string }[] = [];
    for (let t = start, i = 0; i < count && t <= last && t < until; t = t.plus(step), i++)
      out.push({ start: t, end: t.plus(length), id: `${event.id}_${t.toUTC().toFormat('yyyyMMdd')}` });
    return out;
  }

  function page(res: ServerResponse, url: URL, items: Json[]) {
    const size = Math.min(Number(url.searchParams.get('$top') ?? 10), fake.pageSize);
    const skip = Number(url.searchParams.get('$skip') ?? 0);
    const next = new URL(url.toString());
    next.searchParams.set('$skip', String(skip + size));
    send(res, 200, {
      '@odata.context': `${fake.url}/v1.0/$metadata#Collection`,
      value: items.slice(skip, skip + size),
      ...(skip + size < items.length ? { '@odata.nextLink': next.toString() } : {}),
    });
  }

  function calendarView(
    calendar: Calendar,
    url: URL,
    headers: IncomingMessage['headers'],
    res: ServerResponse,
  ) {
    const min = DateTime.fromISO(url.searchParams.get('startDateTime') ?? '');
    const max = DateTime.fromISO(url.searchParams.get('endDateTime') ?? '');
    if (!min.isValid || !max.isValid)
      return send(
        res,
        400,
        graphError(
          'ErrorInvalidParameter',
          'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
        ),
      );
    const items: Json[] = [];
    for (const event of calendar.events.values())
      for (const o of expand(event, max))
        if (o.start < max && o.end > min)
          items.push(
            present(
              {
                ...event,
                id: o.id,
                start: graphTime(o.start, event.start.timeZone),
                end: graphTime(o.end, event.end.timeZone),
                recurrence: null,
                ...(event.recurrence ? { type: 'occurrence', seriesMasterId: event.id } : {}),
              },
              headers,
              null,
              url.searchParams.get('$select'),
            ),
          );
    items.sort((a, b) =>
      String((a.start as GraphTime).dateTime).localeCompare(String((b.start as GraphTime).dateTime)),
    );
    page(res, url, items);
  }

  function events(
    method: string,
    calendar: Calendar,
    url: URL,
    headers: IncomingMessage['headers'],
    body: Json | undefined,
    res: ServerResponse,
  ) {
    if (method === 'POST') {
      if (!calendar.canEdit)
        return send(
          res,
          403,
          graphError('ErrorAccessDenied', 'Access is denied. Check credentials and try again.'),
        );
      // transactionId: a repeated create answers with the event the first one made.
      const repeat = body?.transactionId
        ? allEvents().find((e) => e.transactionId === body.transactionId)
        : undefined;
      if (repeat) return send(res, 201, present(repeat, headers, null));
      const id = `AAMkAD${randomBytes(30).toString('base64url')}=`;
      const event = accept({ ...body, id }, undefined, calendar);
      calendar.events.set(id, event);
      send(res, 201, present(event, headers, null));
      return changed(calendar, id, 'created');
    }
    const filter = url.searchParams.get('$filter') ?? '';
    const m = /ep\/id eq '([^']+)' and ep\/value eq '((?:[^']|'')*)'/.exec(filter);
    const found = [...calendar.events.values()].filter(
      (e) =>
        !m ||
        (!fake.lookupMisses &&
          ((e.singleValueExtendedProperties as { id: string; value: string }[]) ?? []).some(
            (p) => p.id.toLowerCase() === m[1]!.toLowerCase() && p.value === m[2]!.replace(/''/g, "'"),
          )),
    );
    page(
      res,
      url,
      found.map((e) => present(e, headers, url.searchParams.get('$expand'))),
    );
  }

  function event(
    method: string,
    eventId: string,
    url: URL,
    headers: IncomingMessage['headers'],
    body: Json | undefined,
    res: ServerResponse,
  ) {
    const calendar = calendarOf(eventId);
    const existing = calendar?.events.get(eventId);
    if (!calendar || !existing)
      return send(
        res,
        404,
        graphError('ErrorItemNotFound', 'The specified object was not found in the store.'),
      );
    if (method === 'GET') return send(res, 200, present(existing, headers, url.searchParams.get('$expand')));
    if (method === 'PATCH') {
      const updated = accept(body ?? {}, existing, calendar);
      calendar.events.set(eventId, updated);
      send(res, 200, present(updated, headers, null));
      return changed(calendar, eventId, 'updated');
    }
    if (method === 'DELETE') {
      calendar.events.delete(eventId);
      send(res, 204);
      return changed(calendar, eventId, 'deleted');
    }
    send(res, 405, graphError('Request_BadRequest', 'Unsupported method.'));
  }

  const server = createServer({ key, cert }, async (req, res) => {
    const url = new URL(req.url ?? '/', fake.url);
    const raw = await readBody(req);
    const p = url.pathname;
    if (req.method === 'GET' && p === `/${fake.tenant}/oauth2/v2.0/authorize`)
      return authorize(url.searchParams, res);
    if (req.method === 'POST' && p === `/${fake.tenant}/oauth2/v2.0/token`)
      return tokenEndpoint(new URLSearchParams(raw), res);

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const access = bearer ? accessTokens.get(bearer) : undefined;
    if (!access || access.expired || access.grant.revoked)
      return send(
        res,
        401,
        graphError(
          'InvalidAuthenticationToken',
          bearer ? 'Lifetime validation failed, the token is expired.' : 'Access token is empty.',
        ),
        {
          'www-authenticate': `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
        },
      );
    let body: Json | undefined;
    try {
      body = raw ? (JSON.parse(raw) as Json) : undefined;
    } catch {
      return send(res, 400, graphError('BadRequest', 'Unable to read JSON request payload.'));
    }
    fake.requests.push({
      method: req.method ?? 'GET',
      path: p,
      query: url.searchParams,
      headers: req.headers,
      body,
    });
    const script = scripted.shift();
    if (script) return script(res);

    const rest = (/^\/v1\.0\/(.*)$/.exec(p)?.[1] ?? '').split('/').map(decodeURIComponent);
    const method = req.method ?? 'GET';
    if (rest[0] === 'subscriptions') {
      if (method === 'POST' && !rest[1]) return subscribe(body, res);
      const existing = rest[1] ? fake.subscriptions.get(rest[1]) : undefined;
      if (!existing) return send(res, 404, graphError('ResourceNotFound', `The object was not found.`));
      if (method === 'DELETE') {
        fake.subscriptions.delete(rest[1]!);
        return send(res, 204);
      }
      if (method === 'PATCH' && body?.expirationDateTime) {
        existing.expirationDateTime = new Date(String(body.expirationDateTime)).toISOString();
        return send(res, 200, { id: rest[1], ...existing });
      }
      return send(res, 405, graphError('Request_BadRequest', 'Unsupported method.'));
    }
    if (rest[0] !== 'me')
      return send(res, 400, graphError('BadRequest', `Resource not found for the segment '${rest[0]}'.`));
    if (rest.length === 1)
      return send(res, 200, {
        '@odata.context': `${fake.url}/v1.0/$metadata#users/$entity`,
        id: userId,
        displayName: 'Sam Organizer',
        mail: email,
        userPrincipalName: email,
        businessPhones: [],
        givenName: 'Sam',
        surname: 'Organizer',
        jobTitle: null,
        mobilePhone: null,
        officeLocation: null,
        preferredLanguage: 'en-US',
      });
    if (rest[1] === 'events' && rest[2]) return event(method, rest[2], url, req.headers, body, res);
    let calendar: Calendar | undefined;
    let tail: string[];
    if (rest[1] === 'calendar') [calendar, tail] = [defaultCalendar(), rest.slice(2)];
    else if (rest[1] === 'calendars' && rest[2]) [calendar, tail] = [calendars.get(rest[2]), rest.slice(3)];
    else if (rest[1] === 'calendars' && method === 'GET')
      return page(res, url, [...calendars.values()].map(calendarJson));
    else return send(res, 400, graphError('BadRequest', 'Unsupported segment.'));
    if (!calendar)
      return send(
        res,
        404,
        graphError('ErrorItemNotFound', 'The specified object was not found in the store.'),
      );
    if (tail.length === 0 && method === 'GET') return send(res, 200, calendarJson(calendar));
    if (tail[0] === 'calendarView' && method === 'GET') return calendarView(calendar, url, req.headers, res);
    if (tail[0] === 'events' && !tail[1]) return events(method, calendar, url, req.headers, body, res);
    send(res, 400, graphError('BadRequest', 'Unsupported segment.'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

/** The app settings that point the Microsoft provider and the connect flow at this fake. */
export const microsoftSettingsFor = (fake: FakeMicrosoftGraph): Record<string, string> => ({
  MICROSOFT_CLIENT_ID: fake.clientId,
  MICROSOFT_CLIENT_SECRET: fake.clientSecret,
  MICROSOFT_TENANT: fake.tenant,
  MICROSOFT_GRAPH_URL: fake.url,
  MICROSOFT_LOGIN_URL: fake.url,
});

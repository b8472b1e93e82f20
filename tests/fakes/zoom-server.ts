import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Zoom's OAuth server and REST API v2, in Zoom's shapes, for the video
 * provider `zoom`. One server plays both hosts (zoom.us and api.zoom.us).
 *
 * - `POST /oauth/token?grant_type=account_credentials&account_id=…` (the parameters may also come
 *   as a form body) with `Authorization: Basic base64(client_id:client_secret)` →
 *   `{ access_token, token_type: 'bearer', expires_in, scope, api_url }`; a wrong client or
 *   account → `{ reason, error: 'invalid_client' }`, a wrong grant → `unsupported_grant_type`.
 * - `POST /v2/users/me/meetings` → 201 with the meeting (`id` a number, `join_url`, `password`,
 *   `pstn_password`, `settings.global_dial_in_numbers`); 300 `Validation Failed.` with errors[].
 * - `GET|DELETE /v2/meetings/{id}` → 200 / 204, or 404 `{ code: 3001, message }`; deleting an
 *   ended meeting → 400 `{ code: 3007 }`.
 * - `GET /v2/users/me/meetings?type=upcoming&page_size=&next_page_token=` → one page.
 * - Any API call without a live Bearer token → 401 `{ code: 124, message }`.
 */

export interface ZoomMeetingSettings {
  join_before_host?: boolean;
  jbh_time?: number;
  waiting_room?: boolean;
  [key: string]: unknown;
}

/** The body of POST /v2/users/{userId}/meetings (the parts we use). */
export interface ZoomCreateMeetingBody {
  topic?: string;
  type?: number;
  start_time?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  settings?: ZoomMeetingSettings;
  [key: string]: unknown;
}

export interface ZoomDialInNumber {
  country: string;
  country_name: string;
  city?: string;
  number: string;
  type: 'toll' | 'tollfree';
}

/** A meeting as Zoom returns it from create and get. */
export interface ZoomMeeting {
  uuid: string;
  id: number;
  host_id: string;
  host_email: string;
  topic: string;
  type: number;
  status: 'waiting' | 'started';
  start_time: string;
  duration: number;
  timezone: string;
  agenda: string;
  created_at: string;
  start_url: string;
  join_url: string;
  password: string;
  h323_password: string;
  pstn_password: string;
  encrypted_password: string;
  settings: ZoomMeetingSettings & { global_dial_in_numbers?: ZoomDialInNumber[] };
  pre_schedule: boolean;
}

export interface FakeZoom {
  /** Base of both the OAuth server (ZOOM_OAUTH_URL) and the API (ZOOM_API_URL). */
  url: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** Meetings that exist, by Zoom meeting id. */
  meetings: Map<number, ZoomMeeting>;
  /** Every create body accepted, in order. */
  created: ZoomCreateMeetingBody[];
  /** Token requests answered 200, and every API request (method + path) seen. */
  tokensIssued: number;
  requests: string[];
  /** expires_in of the next tokens issued (Zoom: 3600). */
  tokenTtlSeconds: number;
  /** Most meetings one list page holds (Zoom caps page_size at 300). */
  maxPageSize: number;
  /** Dial-in numbers new meetings get; empty: none (accounts without audio conferencing). */
  dialInNumbers: ZoomDialInNumber[];
  /** Meetings that have taken place: deleting one gets 400 code 3007, as Zoom answers. */
  ended: Set<number>;
  /** Revokes every token issued so far: the next API call with one gets 401 code 124. */
  expireTokens(): void;
  /** Answers the next API call with 429 and this Retry-After. */
  throttleNext(retryAfter: string): void;
  /** Answers the next API call with this status and Zoom's error shape. */
  failNext(status: number, message?: string): void;
  close(): Promise<void>;
}

const ISO_SECONDS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

export async function startFakeZoom(): Promise<FakeZoom> {
  const tokens = new Map<string, number>(); // token → expires at (ms)
  const scripted: ((res: ServerResponse) => void)[] = [];

  const send = (
    res: ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const notFound = (res: ServerResponse, id: string) =>
    send(res, 404, { code: 3001, message: `Meeting ${id} is not found or has expired.` });

  const fake: FakeZoom = {
    url: '',
    accountId: `acct-${randomBytes(6).toString('hex')}`,
    clientId: `client-${randomBytes(6).toString('hex')}`,
    clientSecret: `zoom-secret-${randomBytes(16).toString('hex')}`,
    meetings: new Map(),
    ended: new Set(),
    created: [],
    tokensIssued: 0,
    requests: [],
    tokenTtlSeconds: 3600,
    maxPageSize: 300,
    dialInNumbers: [
      { country: 'US', country_name: 'US', city: 'New York', number: '+1 646 558 8656', type: 'toll' },
      { country: 'GB', country_name: 'United Kingdom', number: '+44 203 481 5237', type: 'toll' },
    ],
    expireTokens() {
      tokens.clear();
    },
    throttleNext(retryAfter) {
      scripted.push((res) =>
        send(
          res,
          429,
          {
            code: 429,
            message: 'You have reached the maximum per-second rate limit for this API. Try again later.',
          },
          { 'retry-after': retryAfter },
        ),
      );
    },
    failNext(status, message = 'Internal server error.') {
      scripted.push((res) => send(res, status, { code: status, message }));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const issueToken = (req: IncomingMessage, raw: string, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const form = new URLSearchParams(raw);
    const param = (name: string) => url.searchParams.get(name) ?? form.get(name);
    const basic = `Basic ${Buffer.from(`${fake.clientId}:${fake.clientSecret}`).toString('base64')}`;
    if (req.headers.authorization !== basic)
      return send(res, 401, { reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
    if (param('grant_type') !== 'account_credentials')
      return send(res, 400, { reason: 'unsupported grant type', error: 'unsupported_grant_type' });
    if (param('account_id') !== fake.accountId)
      return send(res, 400, { reason: 'Invalid account_id', error: 'invalid_request' });
    const token = `zoomtok.${randomBytes(18).toString('base64url')}`;
    tokens.set(token, Date.now() + fake.tokenTtlSeconds * 1000);
    fake.tokensIssued++;
    send(res, 200, {
      access_token: token,
      token_type: 'bearer',
      expires_in: fake.tokenTtlSeconds,
      scope: 'meeting:write:meeting:admin meeting:read:list_meetings:admin meeting:delete:meeting:admin',
      api_url: fake.url,
    });
  };

  const validate = (body: ZoomCreateMeetingBody) => {
    const errors: { field: string; message: string }[] = [];
    if (body.type !== undefined && ![1, 2, 3, 8, 10].includes(body.type))
      errors.push({ field: 'type', message: 'Invalid field.' });
    if (body.type === 2 && (typeof body.start_time !== 'string' || !ISO_SECONDS.test(body.start_time)))
      errors.push({ field: 'start_time', message: 'Invalid field.' });
    if (body.duration !== undefined && (!Number.isInteger(body.duration) || body.duration < 1))
      errors.push({ field: 'duration', message: 'Invalid field.' });
    if (typeof body.topic === 'string' && body.topic.length > 200)
      errors.push({ field: 'topic', message: 'Invalid field.' });
    if (typeof body.agenda === 'string' && body.agenda.length > 2000)
      errors.push({ field: 'agenda', message: 'Invalid field.' });
    if (body.settings?.jbh_time !== undefined && ![0, 5, 10, 15].includes(body.settings.jbh_time))
      errors.push({ field: 'settings.jbh_time', message: 'Invalid field.' });
    return errors;
  };

  const createMeeting = (body: ZoomCreateMeetingBody): ZoomMeeting => {
    let id: number;
    do id = 80_000_000_000 + Math.floor(Math.random() * 9_999_999_999);
    while (fake.meetings.has(id));
    const pwd = randomBytes(16).toString('base64url');
    const settings = { ...body.settings };
    if (fake.dialInNumbers.length) Object.assign(settings, { global_dial_in_numbers: fake.dialInNumbers });
    return {
      uuid: `${randomBytes(16).toString('base64')}`,
      id,
      host_id: 'hostUserId01',
      host_email: 'host@zoom.example',
      topic: body.topic ?? 'Zoom Meeting',
      type: body.type ?? 2,
      status: 'waiting',
      start_time: body.start_time ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      duration: body.duration ?? 60,
      timezone: body.timezone ?? 'UTC',
      agenda: body.agenda ?? '',
      created_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      start_url: `https://us05web.zoom.us/s/${id}?zak=${randomUUID()}`,
      join_url: `https://us05web.zoom.us/j/${id}?pwd=${pwd}`,
      password: pwd.slice(0, 6),
      h323_password: '123456',
      pstn_password: String(100000 + Math.floor(Math.random() * 900000)),
      encrypted_password: pwd,
      settings,
      pre_schedule: false,
    };
  };

  const listMeetings = (url: URL, res: ServerResponse) => {
    const size = Math.min(Number(url.searchParams.get('page_size') ?? 30), fake.maxPageSize);
    const all = [...fake.meetings.values()];
    const from = Number(url.searchParams.get('next_page_token') || 0);
    const page = all.slice(from, from + size);
    const next = from + size < all.length ? String(from + size) : '';
    send(res, 200, {
      page_size: size,
      total_records: all.length,
      next_page_token: next,
      meetings: page.map((m) => ({
        uuid: m.uuid,
        id: m.id,
        host_id: m.host_id,
        topic: m.topic,
        type: m.type,
        start_time: m.start_time,
        duration: m.duration,
        timezone: m.timezone,
        agenda: m.agenda,
        created_at: m.created_at,
        join_url: m.join_url,
      })),
    });
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'POST' && url.pathname === '/oauth/token') return issueToken(req, raw, res);
    fake.requests.push(`${req.method} ${url.pathname}`);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const until = bearer ? tokens.get(bearer) : undefined;
    if (until === undefined) return send(res, 401, { code: 124, message: 'Invalid access token.' });
    if (until <= Date.now()) return send(res, 401, { code: 124, message: 'Access token is expired.' });
    const script = scripted.shift();
    if (script) return script(res);

    if (url.pathname === '/v2/users/me/meetings') {
      if (req.method === 'GET') return listMeetings(url, res);
      if (req.method !== 'POST') return send(res, 405, { code: 405, message: 'Method not allowed.' });
      let body: ZoomCreateMeetingBody;
      try {
        body = JSON.parse(raw);
      } catch {
        return send(res, 400, { code: 300, message: 'Request Body should be a valid JSON object.' });
      }
      const errors = validate(body);
      if (errors.length) return send(res, 400, { code: 300, message: 'Validation Failed.', errors });
      const meeting = createMeeting(body);
      fake.meetings.set(meeting.id, meeting);
      fake.created.push(body);
      return send(res, 201, meeting);
    }
    const single = /^\/v2\/meetings\/([^/]+)$/.exec(url.pathname);
    if (single) {
      const id = decodeURIComponent(single[1]!);
      const meeting = /^\d+$/.test(id) ? fake.meetings.get(Number(id)) : undefined;
      if (!meeting) return notFound(res, id);
      if (req.method === 'GET') return send(res, 200, meeting);
      if (req.method === 'DELETE') {
        if (fake.ended.has(meeting.id))
          return send(res, 400, {
            code: 3007,
            message: "Sorry, you cannot delete this meeting since it's ended.",
          });
        fake.meetings.delete(meeting.id);
        return send(res, 204);
      }
    }
    send(res, 404, { code: 404, message: 'This API endpoint is not recognized.' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

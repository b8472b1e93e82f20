import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SegmentedMessage } from 'sms-segments-calculator';

/**
 * A local stand-in for Twilio's Programmable Messaging API, in Twilio's shapes:
 *
 * - `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded (`To`, `From` or
 *   `MessagingServiceSid`, `Body`, `StatusCallback`), HTTP Basic auth (account SID or API key SID
 *   + secret) → 201 with the Message resource JSON (`sid` SM…, `status: 'queued'`, `num_segments`…).
 * - Errors as Twilio sends them: `{ code, message, more_info, status }` — 401 code 20003
 *   "Authenticate"; 400 code 21211 "Invalid 'To' Phone Number"; 400 code 21610 "Attempt to send
 *   to unsubscribed recipient" (the number replied STOP); 400 code 21602 "Message body is
 *   required"; 429 code 20429 with Retry-After when told to; 500 code 20500 when told to.
 */

export interface TwilioError {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export interface TwilioMessage {
  account_sid: string;
  api_version: '2010-04-01';
  body: string;
  date_created: string;
  date_sent: null;
  date_updated: string;
  direction: 'outbound-api';
  error_code: null;
  error_message: null;
  from: string | null;
  messaging_service_sid: string | null;
  num_media: '0';
  num_segments: string;
  price: null;
  price_unit: 'USD';
  sid: string;
  status: 'queued' | 'accepted';
  subresource_uris: { media: string };
  to: string;
  uri: string;
}

export interface FakeTwilio {
  url: string;
  accountSid: string;
  authToken: string;
  /** Every message accepted: the form fields as sent, and the resource answered. */
  accepted: { form: Record<string, string>; message: TwilioMessage }[];
  /** Numbers Twilio calls invalid (21211), and numbers that replied STOP (21610). */
  invalidNumbers: Set<string>;
  unsubscribed: Set<string>;
  throttleNext(retryAfterSeconds: number): void;
  failNext(status?: number): void;
  close(): Promise<void>;
}

const E164 = /^\+[1-9]\d{7,14}$/;
const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const err = (status: number, code: number, message: string): TwilioError => ({
  code,
  message,
  more_info: `https://www.twilio.com/docs/errors/${code}`,
  status,
});

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const scripted: ((res: ServerResponse) => void)[] = [];
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  const fake: FakeTwilio = {
    url: '',
    accountSid: sid('AC'),
    authToken: randomBytes(16).toString('hex'),
    accepted: [],
    invalidNumbers: new Set(),
    unsubscribed: new Set(),
    throttleNext(seconds) {
      scripted.push((res) =>
        send(res, 429, err(429, 20429, 'Too Many Requests'), { 'retry-after': String(seconds) }),
      );
    },
    failNext(status = 500) {
      scripted.push((res) => send(res, status, err(status, 20500, 'Internal Server Error')));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(path);
    const [user, pass] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':');
    if (user !== fake.accountSid || pass !== fake.authToken)
      return send(res, 401, err(401, 20003, 'Authenticate'));
    if (!match || req.method !== 'POST')
      return send(res, 404, err(404, 20404, `The requested resource ${path} was not found`));
    if (match[1] !== fake.accountSid) return send(res, 403, err(403, 20003, 'Authenticate'));
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
      return send(res, 400, err(400, 21602, 'Message body is required.'));
    const script = scripted.shift();
    if (script) return script(res);
    const form = Object.fromEntries(new URLSearchParams(raw));
    const to = form.To ?? '';
    if (!to) return send(res, 400, err(400, 21604, "A 'To' phone number is required."));
    if (!E164.test(to) || fake.invalidNumbers.has(to))
      return send(res, 400, err(400, 21211, `Invalid 'To' Phone Number: ${to}`));
    if (fake.unsubscribed.has(to))
      return send(res, 400, err(400, 21610, 'Attempt to send to unsubscribed recipient'));
    if (!form.From && !form.MessagingServiceSid)
      return send(res, 400, err(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required"));
    if (!form.Body) return send(res, 400, err(400, 21602, 'Message body is required.'));
    const messageSid = sid('SM');
    const now = new Date().toUTCString().replace('GMT', '+0000');
    const uri = `/2010-04-01/Accounts/${fake.accountSid}/Messages/${messageSid}`;
    const message: TwilioMessage = {
      account_sid: fake.accountSid,
      api_version: '2010-04-01',
      body: form.Body,
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: form.From ?? null,
      messaging_service_sid: form.MessagingServiceSid ?? null,
      num_media: '0',
      // Twilio counts with the same calculator it publishes (sms-segments-calculator).
      num_segments: String(new SegmentedMessage(form.Body).segmentsCount),
      price: null,
      price_unit: 'USD',
      sid: messageSid,
      status: form.MessagingServiceSid ? 'accepted' : 'queued',
      subresource_uris: { media: `${uri}/Media.json` },
      to,
      uri: `${uri}.json`,
    };
    fake.accepted.push({ form, message });
    send(res, 201, message);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

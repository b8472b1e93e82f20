import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Azure Communication Services SMS, in its shapes:
 *
 * - `POST /sms?api-version=…` signed as @azure/communication-common signs with an access key:
 *   `x-ms-date`, `x-ms-content-sha256` (base64 SHA-256 of the body) and `Authorization: HMAC-SHA256
 *   SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=<base64 HMAC-SHA256 over
 *   "POST\n/sms?api-version=…\n<date>;<host>;<hash>" keyed with the base64-decoded key>`; a bad
 *   signature → 401 `{ error: { code: 'Denied', message } }`.
 * - Body `{ from, smsRecipients: [{ to, repeatabilityRequestId, repeatabilityFirstSent }], message,
 *   smsSendOptions: { enableDeliveryReport, tag } }` → 202 `{ value: [{ to, messageId,
 *   httpStatusCode: 202, repeatabilityResult: 'accepted', successful: true }] }`; a recipient ACS
 *   refuses is `{ to, httpStatusCode: 400, errorMessage, successful: false }` inside the 202.
 * - 429 with Retry-After, and 503, when told to.
 */

export interface AcsSmsBody {
  from: string;
  smsRecipients: { to: string; repeatabilityRequestId?: string; repeatabilityFirstSent?: string }[];
  message: string;
  smsSendOptions?: { enableDeliveryReport?: boolean; tag?: string };
}

export interface FakeAcsSms {
  endpoint: string;
  /** The resource's access key (base64), as the connection string carries it. */
  accessKey: string;
  connectionString: string;
  accepted: { messageId: string; to: string; body: AcsSmsBody }[];
  /** Numbers ACS answers 400 for inside the 202 (e.g. opted out, invalid). */
  refused: Map<string, string>;
  throttleNext(retryAfterSeconds: number): void;
  failNext(): void;
  close(): Promise<void>;
}

export async function startFakeAcsSms(): Promise<FakeAcsSms> {
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

  const fake: FakeAcsSms = {
    endpoint: '',
    accessKey: randomBytes(64).toString('base64'),
    connectionString: '',
    accepted: [],
    refused: new Map(),
    throttleNext(seconds) {
      scripted.push((res) =>
        send(
          res,
          429,
          { error: { code: 'TooManyRequests', message: 'Rate limit exceeded.' } },
          {
            'retry-after': String(seconds),
          },
        ),
      );
    },
    failNext() {
      scripted.push((res) =>
        send(res, 503, { error: { code: 'ServiceUnavailable', message: 'Try again.' } }),
      );
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  function signedCorrectly(req: IncomingMessage, raw: string): boolean {
    const date = String(req.headers['x-ms-date'] ?? '');
    const hash = String(req.headers['x-ms-content-sha256'] ?? '');
    const auth = /^HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=(.+)$/.exec(
      String(req.headers.authorization ?? ''),
    );
    if (!auth || hash !== createHash('sha256').update(raw).digest('base64')) return false;
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const query = url.searchParams.toString();
    const toSign = `${req.method}\n${url.pathname}${query ? `?${query}` : ''}\n${date};${req.headers.host};${hash}`;
    const expected = createHmac('sha256', Buffer.from(fake.accessKey, 'base64')).update(toSign).digest();
    const given = Buffer.from(auth[1]!, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://x');
    if (!signedCorrectly(req, raw))
      return send(res, 401, { error: { code: 'Denied', message: 'Denied by the resource provider.' } });
    if (req.method !== 'POST' || url.pathname !== '/sms' || !url.searchParams.get('api-version'))
      return send(res, 404, { error: { code: 'NotFound', message: 'Not found.' } });
    const script = scripted.shift();
    if (script) return script(res);
    const body = JSON.parse(raw) as AcsSmsBody;
    if (!body.from || !body.message || !Array.isArray(body.smsRecipients))
      return send(res, 400, {
        error: { code: 'BadRequest', message: 'from, message and smsRecipients are required.' },
      });
    const value = body.smsRecipients.map((r) => {
      const refusal = !/^\+[1-9]\d{7,14}$/.test(r.to)
        ? 'Invalid To phone number format.'
        : fake.refused.get(r.to);
      if (refusal) return { to: r.to, httpStatusCode: 400, errorMessage: refusal, successful: false };
      const messageId = `Outgoing_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}${randomUUID()}_noam`;
      fake.accepted.push({ messageId, to: r.to, body });
      return { to: r.to, messageId, httpStatusCode: 202, repeatabilityResult: 'accepted', successful: true };
    });
    send(res, 202, { value });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  fake.connectionString = `endpoint=${fake.endpoint};accesskey=${fake.accessKey}`;
  return fake;
}

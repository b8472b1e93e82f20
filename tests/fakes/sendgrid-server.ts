import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the SendGrid v3 API, answering POST /v3/mail/send and GET /v3/scopes in
 * SendGrid's shapes: 401 with errors[] for a wrong Bearer key, 400 with errors[{message, field}]
 * for a bad address or missing part, 429 with Retry-After when told to, otherwise 202 with an
 * X-Message-Id. It records the exact JSON of every accepted email.
 */

export interface SendGridError {
  message: string;
  field: string | null;
  help: string | null;
}

/** The body of POST /v3/mail/send as SendGrid documents it (the parts we use). */
export interface MailSendBody {
  personalizations: {
    to: { email: string; name?: string }[];
    cc?: { email: string; name?: string }[];
    bcc?: { email: string; name?: string }[];
    subject?: string;
  }[];
  from: { email: string; name?: string };
  reply_to?: { email: string; name?: string };
  subject?: string;
  content?: { type: string; value: string }[];
  headers?: Record<string, string>;
  attachments?: { content: string; filename: string; type?: string; disposition?: string }[];
  categories?: string[];
  custom_args?: Record<string, string>;
  [key: string]: unknown;
}

export interface AcceptedMail {
  messageId: string;
  body: MailSendBody;
}

export interface FakeSendGrid {
  url: string;
  apiKey: string;
  /** Every email answered 202, in arrival order, with the X-Message-Id it was given. */
  accepted: AcceptedMail[];
  /** Answers the next mail send with 429 and Retry-After. */
  throttleNext(retryAfterSeconds: number): void;
  /** Answers the next mail send with this status (500, 503…) and SendGrid's error shape. */
  failNext(status: number): void;
  /** The scopes GET /v3/scopes lists for the key. */
  scopes: string[];
  /** How long each mail send takes to answer. */
  delayMs: number;
  /** Sends to this address hang unanswered until it is cleared (null). */
  holdTo: string | null;
  /** The most mail sends in progress at one time, and the TCP connections opened, so far. */
  maxInFlight: number;
  connections: number;
  close(): Promise<void>;
}

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const error = (message: string, field: string | null = null): SendGridError => ({
  message,
  field,
  help: null,
});

/** SendGrid's checks for one mail send body; empty when it would be accepted. */
export function validateMailSend(body: MailSendBody): SendGridError[] {
  const errors: SendGridError[] = [];
  const address = (a: { email?: unknown } | undefined, field: string) => {
    if (!a || typeof a.email !== 'string' || !EMAIL.test(a.email))
      errors.push(error('Does not contain a valid address.', field));
  };
  if (!Array.isArray(body.personalizations) || body.personalizations.length === 0) {
    errors.push(
      error(
        'The personalizations field is required and must have at least one personalization.',
        'personalizations',
      ),
    );
  } else {
    body.personalizations.forEach((p, i) => {
      if (!Array.isArray(p.to) || p.to.length === 0)
        errors.push(
          error('The to array is required for all personalization objects.', `personalizations.${i}.to`),
        );
      else
        p.to.forEach((to, j) => {
          address(to, `personalizations.${i}.to.${j}.email`);
        });
      if (!p.subject && !body.subject)
        errors.push(error('The subject is required.', `personalizations.${i}.subject`));
    });
  }
  address(body.from, 'from.email');
  if (body.reply_to) address(body.reply_to, 'reply_to.email');
  if (!Array.isArray(body.content) || body.content.length === 0 || body.content.some((c) => !c.value)) {
    errors.push(
      error('Unless a valid template_id is provided, the content parameter is required.', 'content'),
    );
  } else if (body.content.some((c, i) => c.type === 'text/plain' && i > 0)) {
    errors.push(error('If present, text/plain content must be first.', 'content'));
  }
  for (const [name, value] of Object.entries(body.headers ?? {})) {
    if (typeof value !== 'string' || /[\r\n]/.test(name + value))
      errors.push(error('Invalid header: values must be strings without line breaks.', `headers.${name}`));
  }
  (body.attachments ?? []).forEach((a, i) => {
    if (!a.filename)
      errors.push(error('The attachment filename parameter is required.', `attachments.${i}.filename`));
    if (!a.content || !BASE64.test(a.content))
      errors.push(error('The attachment content must be base64 encoded.', `attachments.${i}.content`));
  });
  return errors;
}

export async function startFakeSendGrid(
  apiKey = 'SG.local-test-key.0123456789abcdef',
): Promise<FakeSendGrid> {
  const accepted: AcceptedMail[] = [];
  const scripted: ((res: ServerResponse) => void)[] = [];
  let inFlight = 0;

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

  const fake: FakeSendGrid = {
    url: '',
    apiKey,
    accepted,
    scopes: ['mail.send'],
    delayMs: 0,
    holdTo: null,
    maxInFlight: 0,
    connections: 0,
    throttleNext(seconds) {
      scripted.push((res) =>
        send(res, 429, { errors: [error('too many requests')] }, { 'retry-after': String(seconds) }),
      );
    },
    failNext(status) {
      scripted.push((res) => send(res, status, { errors: [error('internal error')] }));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    if (req.headers.authorization !== `Bearer ${apiKey}`) {
      return send(res, 401, {
        errors: [error('The provided authorization grant is invalid, expired, or revoked')],
      });
    }
    if (req.method === 'GET' && req.url === '/v3/scopes') return send(res, 200, { scopes: fake.scopes });
    if (req.method !== 'POST' || req.url !== '/v3/mail/send')
      return send(res, 404, { errors: [error('not found')] });
    if (!fake.scopes.includes('mail.send')) {
      return send(res, 403, { errors: [error('access forbidden')] });
    }
    inFlight++;
    fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
    res.on('finish', () => inFlight--);
    if (fake.delayMs) await new Promise((r) => setTimeout(r, fake.delayMs));
    const script = scripted.shift();
    if (script) return script(res);
    let body: MailSendBody;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, { errors: [error('Bad Request', null)] });
    }
    const errors = validateMailSend(body);
    if (errors.length) return send(res, 400, { errors });
    const to = body.personalizations.flatMap((p) => p.to.map((t) => t.email));
    while (fake.holdTo !== null && to.includes(fake.holdTo)) await new Promise((r) => setTimeout(r, 20));
    if (res.destroyed) return; // the client went away while held
    const messageId = randomUUID().replaceAll('-', '').slice(0, 22);
    accepted.push({ messageId, body });
    send(res, 202, undefined, { 'x-message-id': messageId });
  });
  server.on('connection', () => fake.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

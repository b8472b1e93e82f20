import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the WhatsApp Business Cloud API (Graph API), in Meta's shapes:
 *
 * - `POST /v{version}/{phone-number-id}/messages` with `Authorization: Bearer <token>` and JSON
 *   `{ messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text' | 'template', … }`
 *   → 200 `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id: 'wamid.…', message_status: 'accepted' }] }`.
 * - Errors as Graph sends them: `{ error: { message: '(#code) Title', type, code, error_data:
 *   { messaging_product, details }, fbtrace_id } }` — 401 code 190 for a bad token; 400 code
 *   131026 "Message undeliverable" for a number not on WhatsApp; 400 code 131047 "Re-engagement
 *   message" for free text outside the 24-hour window; 404 code 132001 for an unknown template;
 *   400 code 132000 for a wrong parameter count; 400 code 130429 "Rate limit hit" (Meta sends no
 *   Retry-After); 503 code 2 when told to fail.
 */

export interface GraphError {
  error: {
    message: string;
    type: string;
    code: number;
    error_data: { messaging_product: 'whatsapp'; details: string };
    fbtrace_id: string;
  };
}

export interface WhatsAppSendBody {
  messaging_product: string;
  recipient_type?: string;
  to: string;
  type: 'text' | 'template' | string;
  text?: { body: string; preview_url?: boolean };
  template?: {
    name: string;
    language: { code: string };
    components?: { type: string; parameters: { type: string; text?: string }[] }[];
  };
}

export interface FakeWhatsApp {
  url: string;
  phoneNumberId: string;
  accessToken: string;
  /** Every message accepted, with the wamid answered. */
  accepted: { id: string; body: WhatsAppSendBody }[];
  /** Approved templates: "name:language" → number of body parameters. */
  templates: Map<string, number>;
  /** Numbers (digits only) not on WhatsApp, and numbers that wrote in the last 24 hours. */
  notOnWhatsApp: Set<string>;
  windowOpen: Set<string>;
  throttleNext(): void;
  failNext(): void;
  close(): Promise<void>;
}

const graphError = (code: number, title: string, details: string, type = 'OAuthException'): GraphError => ({
  error: {
    message: `(#${code}) ${title}`,
    type,
    code,
    error_data: { messaging_product: 'whatsapp', details },
    fbtrace_id: randomBytes(9).toString('base64url'),
  },
});

export async function startFakeWhatsApp(): Promise<FakeWhatsApp> {
  const scripted: ((res: ServerResponse) => void)[] = [];
  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(JSON.stringify(body));
  };
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  const fake: FakeWhatsApp = {
    url: '',
    phoneNumberId: '106540352242922',
    accessToken: `EAAG${randomBytes(24).toString('hex')}`,
    accepted: [],
    templates: new Map([['meeting_update:en', 3]]),
    notOnWhatsApp: new Set(),
    windowOpen: new Set(),
    throttleNext() {
      scripted.push((res) =>
        send(
          res,
          400,
          graphError(130429, 'Rate limit hit', 'Cloud API message throughput has been reached.'),
        ),
      );
    },
    failNext() {
      scripted.push((res) =>
        send(res, 503, graphError(2, 'Service temporarily unavailable', 'Try again later.')),
      );
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const match = /^\/v\d+\.\d+\/(\d+)\/messages$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (req.headers.authorization !== `Bearer ${fake.accessToken}`)
      return send(
        res,
        401,
        graphError(
          190,
          'Invalid OAuth access token',
          'Invalid OAuth access token - Cannot parse access token',
        ),
      );
    if (!match || req.method !== 'POST' || match[1] !== fake.phoneNumberId)
      return send(
        res,
        400,
        graphError(100, 'Invalid parameter', 'Unsupported post request.', 'GraphMethodException'),
      );
    const script = scripted.shift();
    if (script) return script(res);
    let body: WhatsAppSendBody;
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, graphError(100, 'Invalid parameter', 'Request body is not JSON.'));
    }
    if (body.messaging_product !== 'whatsapp')
      return send(res, 400, graphError(100, 'Invalid parameter', 'messaging_product must be whatsapp'));
    const digits = String(body.to ?? '').replace(/^\+/, '');
    if (!/^\d{8,15}$/.test(digits))
      return send(res, 400, graphError(100, 'Invalid parameter', 'Parameter to is invalid.'));
    if (fake.notOnWhatsApp.has(digits))
      return send(
        res,
        400,
        graphError(
          131026,
          'Message undeliverable',
          'Unable to deliver message. The recipient may not be a WhatsApp user.',
        ),
      );
    if (body.type === 'text') {
      if (!body.text?.body)
        return send(res, 400, graphError(100, 'Invalid parameter', 'text.body is required.'));
      if (!fake.windowOpen.has(digits))
        return send(
          res,
          400,
          graphError(
            131047,
            'Re-engagement message',
            'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
          ),
        );
    } else if (body.type === 'template') {
      const t = body.template;
      const expected = t && fake.templates.get(`${t.name}:${t.language?.code}`);
      if (expected === undefined)
        return send(
          res,
          404,
          graphError(
            132001,
            'Template does not exist',
            `template name (${t?.name}) does not exist in ${t?.language?.code}`,
          ),
        );
      const given = (t!.components ?? []).find((c) => c.type === 'body')?.parameters.length ?? 0;
      if (given !== expected)
        return send(
          res,
          400,
          graphError(
            132000,
            'Number of parameters does not match the expected number of params',
            `body: number of localizable_params (${given}) does not match the expected number of params (${expected})`,
          ),
        );
    } else {
      return send(res, 400, graphError(100, 'Invalid parameter', `Unsupported message type ${body.type}`));
    }
    const id = `wamid.${randomBytes(24).toString('base64url')}`;
    fake.accepted.push({ id, body });
    send(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: digits }],
      messages: [{ id, message_status: 'accepted' }],
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for a Teams channel's Workflows webhook (Power Automate "When a Teams webhook
 * request is received", which replaced Office 365 connectors' incoming webhooks):
 *
 * - `POST /workflows/{id}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=…&sv=1.0&sig=…`
 *   with the documented message `{ type: 'message', attachments: [{ contentType:
 *   'application/vnd.microsoft.card.adaptive', contentUrl: null, content: { type: 'AdaptiveCard',
 *   version, body, actions } }] }` → 202 with an empty body (the flow runs later).
 * - Errors in Logic Apps' shape `{ error: { code, message } }`: 401 `DirectApiInvalidAuthorizationSignature`
 *   for a wrong `sig`; 404 `WorkflowNotFound` for a removed flow; 400 `InvalidRequestContent` for a
 *   body that is not that message; 413 over 28 KB (Teams' message limit); 429 with Retry-After when
 *   told to; 502 when told to fail.
 */

export interface AdaptiveCardMessage {
  type: 'message';
  attachments: {
    contentType: string;
    contentUrl?: string | null;
    content: { type: string; version: string; body: unknown[]; actions?: unknown[]; $schema?: string };
  }[];
}

export interface FakeTeams {
  /** The flow's URL, its `sig` included: the secret. */
  webhookUrl: string;
  /** A flow that was deleted. */
  removedUrl: string;
  signature: string;
  posted: AdaptiveCardMessage[];
  throttleNext(retryAfterSeconds: number): void;
  failNext(): void;
  close(): Promise<void>;
}

const MAX_BYTES = 28 * 1024;

export async function startFakeTeams(): Promise<FakeTeams> {
  const scripted: ((res: ServerResponse) => void)[] = [];
  const flowId = randomBytes(16).toString('hex');
  const signature = randomBytes(32).toString('base64url');
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
  const error = (code: string, message: string) => ({ error: { code, message } });
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };

  const fake: FakeTeams = {
    webhookUrl: '',
    removedUrl: '',
    signature,
    posted: [],
    throttleNext(seconds) {
      scripted.push((res) =>
        send(res, 429, error('WorkflowRequestsThrottled', 'The flow has been throttled.'), {
          'retry-after': String(seconds),
        }),
      );
    },
    failNext() {
      scripted.push((res) => send(res, 502, error('BadGateway', 'The service is unavailable.')));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const valid = (m: AdaptiveCardMessage) =>
    m?.type === 'message' &&
    Array.isArray(m.attachments) &&
    m.attachments.length > 0 &&
    m.attachments.every(
      (a) =>
        a.contentType === 'application/vnd.microsoft.card.adaptive' &&
        a.content?.type === 'AdaptiveCard' &&
        typeof a.content.version === 'string' &&
        Array.isArray(a.content.body),
    );

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://x');
    const match = /^\/workflows\/([0-9a-f]+)\/triggers\/manual\/paths\/invoke$/.exec(url.pathname);
    if (req.method !== 'POST' || !match || match[1] !== flowId)
      return send(
        res,
        404,
        error('WorkflowNotFound', `The workflow '${match?.[1] ?? ''}' could not be found.`),
      );
    if (url.searchParams.get('sig') !== signature)
      return send(
        res,
        401,
        error('DirectApiInvalidAuthorizationSignature', 'The provided authorization signature is not valid.'),
      );
    const script = scripted.shift();
    if (script) return script(res);
    if (raw.length > MAX_BYTES)
      return send(res, 413, error('MessageTooLarge', 'The message is larger than 28 KB.'));
    let body: AdaptiveCardMessage;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return send(res, 400, error('InvalidRequestContent', 'The request content is not valid JSON.'));
    }
    if (!valid(body))
      return send(
        res,
        400,
        error('InvalidRequestContent', "Expected { type: 'message', attachments: [adaptive card] }."),
      );
    fake.posted.push(body);
    send(res, 202);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const query = `api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=${signature}`;
  fake.webhookUrl = `${origin}/workflows/${flowId}/triggers/manual/paths/invoke?${query}`;
  fake.removedUrl = `${origin}/workflows/${'0'.repeat(32)}/triggers/manual/paths/invoke?${query}`;
  return fake;
}

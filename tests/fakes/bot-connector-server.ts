import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Bot Service's Bot Connector API as a Teams conversation sees it — the
 * `serviceUrl` of a Teams activity (https://smba.trafficmanager.net/…):
 *
 * - `POST /v3/conversations/{conversationId}/activities` (a new message) and `…/activities/{id}`
 *   (a reply to one) with an Activity → 201 `{ id }` (the new activity's id). The conversation must exist (the user installed the bot and wrote to it):
 *   `conversations` lists them; an unknown one → 404 `ConversationNotFound`; one whose user
 *   removed the bot → 403 `BotNotInConversationRoster`.
 * - `Authorization: Bearer <token>` must carry `token` when one is set (anonymous when null, as
 *   the Agents SDK talks to a local channel); a wrong one → 401 `Unauthorized`.
 * - Errors in Bot Framework's shape `{ error: { code, message } }`; 429 with Retry-After and 502
 *   when told to.
 */

export interface ConnectorActivity {
  type: string;
  text?: string;
  attachments?: { contentType: string; content: Record<string, unknown> }[];
  [key: string]: unknown;
}

export interface FakeBotConnector {
  /** The serviceUrl to put on activities (ends with /). */
  serviceUrl: string;
  /** Conversations that exist; add one as Teams would when a user opens a chat with the bot. */
  conversations: Set<string>;
  /** Conversations whose user removed the bot. */
  removed: Set<string>;
  /** Every accepted activity, by conversation. */
  posted: { conversationId: string; activity: ConnectorActivity }[];
  /** The bearer token required (null: anonymous, as locally). */
  token: string | null;
  throttleNext(retryAfterSeconds: number): void;
  failNext(): void;
  close(): Promise<void>;
}

export async function startFakeBotConnector(
  options: { token?: string | null } = {},
): Promise<FakeBotConnector> {
  const scripted: ((res: ServerResponse) => void)[] = [];
  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const error = (code: string, message: string) => ({ error: { code, message } });
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  const fake: FakeBotConnector = {
    serviceUrl: '',
    conversations: new Set(),
    removed: new Set(),
    posted: [],
    token: options.token ?? null,
    throttleNext(seconds) {
      scripted.push((res) =>
        send(res, 429, error('TooManyRequests', 'Too many requests.'), { 'retry-after': String(seconds) }),
      );
    },
    failNext() {
      scripted.push((res) => send(res, 502, error('ServiceError', 'The service is unavailable.')));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?\/?$/.exec(
      new URL(req.url ?? '/', 'http://x').pathname,
    );
    if (req.method !== 'POST' || !match) return send(res, 404, error('NotFound', 'No such operation.'));
    if (fake.token !== null && req.headers.authorization !== `Bearer ${fake.token}`)
      return send(res, 401, error('Unauthorized', 'Authorization has been denied for this request.'));
    const conversationId = decodeURIComponent(match[1]!);
    const script = scripted.shift();
    if (script) return script(res);
    if (fake.removed.has(conversationId))
      return send(
        res,
        403,
        error('BotNotInConversationRoster', 'The bot is not part of the conversation roster.'),
      );
    if (!fake.conversations.has(conversationId))
      return send(res, 404, error('ConversationNotFound', 'Conversation not found.'));
    let activity: ConnectorActivity;
    try {
      activity = JSON.parse(raw);
    } catch {
      return send(res, 400, error('BadArgument', 'The activity is not valid JSON.'));
    }
    if (activity?.type !== 'message' || (!activity.text && !activity.attachments?.length))
      return send(res, 400, error('BadArgument', 'A message activity needs text or attachments.'));
    fake.posted.push({ conversationId, activity });
    send(res, 201, { id: `1:${randomBytes(8).toString('hex')}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return fake;
}

import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Slack, in Slack's shapes:
 *
 * - Web API `POST /api/chat.postMessage` (form-encoded as @slack/web-api sends it, `blocks` a JSON
 *   string, or JSON), `Authorization: Bearer xoxb-…` → HTTP 200 `{ ok: true, channel, ts, message }`;
 *   refusals are HTTP 200 `{ ok: false, error }`: `invalid_auth`, `channel_not_found`,
 *   `not_in_channel`, `invalid_blocks`, `no_text`; 429 `{ ok: false, error: 'ratelimited' }` with
 *   Retry-After when told to; 503 when told to fail.
 * - Incoming webhooks `POST /services/{T}/{B}/{secret}` with JSON `{ text, blocks }` → 200 `ok`
 *   (text/plain); 400 `invalid_payload`, 403 `invalid_token`, 404 `no_service`,
 *   410 `channel_is_archived`, 429 with Retry-After.
 */

export interface SlackPost {
  channel: string;
  text?: string;
  blocks?: unknown[];
  unfurl_links?: boolean;
  [key: string]: unknown;
}

export interface FakeSlack {
  /** Web API base for slackApiUrl (ends in /api/). */
  apiUrl: string;
  /** A live incoming webhook URL (to #meetings); others under /services/ are 404 no_service. */
  webhookUrl: string;
  botToken: string;
  /** Channels that exist (by id or #name) and those the bot was invited to. */
  channels: Set<string>;
  memberOf: Set<string>;
  /** Messages posted, by the API (with the channel) or the webhook (channel 'webhook'). */
  posted: { ts: string; body: SlackPost }[];
  archiveWebhook(): void;
  throttleNext(retryAfterSeconds: number): void;
  failNext(): void;
  close(): Promise<void>;
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const scripted: ((res: ServerResponse) => void)[] = [];
  let archived = false;
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const plain = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'text/html', ...headers });
    res.end(body);
  };
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const ts = () =>
    `${Math.floor(Date.now() / 1000)}.${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
  const webhookPath = `/services/T0001/B0001/${randomBytes(12).toString('hex')}`;

  const fake: FakeSlack = {
    apiUrl: '',
    webhookUrl: '',
    botToken: `xoxb-1-2-${randomBytes(12).toString('hex')}`,
    channels: new Set(['C0MEETINGS', '#meetings']),
    memberOf: new Set(['C0MEETINGS', '#meetings']),
    posted: [],
    archiveWebhook: () => {
      archived = true;
    },
    throttleNext(seconds) {
      scripted.push((res) => {
        if (res.req.url?.startsWith('/services/'))
          return plain(res, 429, 'rate_limited', { 'retry-after': String(seconds) });
        json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(seconds) });
      });
    },
    failNext() {
      scripted.push((res) => plain(res, 503, 'Service Unavailable'));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  /** Slack's checks on blocks that matter here: an array of ≤ 50, header text ≤ 150 characters. */
  const blocksValid = (blocks: unknown) =>
    Array.isArray(blocks) &&
    blocks.length <= 50 &&
    blocks.every((b: { type?: string; text?: { text?: string } }) =>
      b.type === 'header' ? (b.text?.text?.length ?? 0) <= 150 : typeof b.type === 'string',
    );

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const isJson = String(req.headers['content-type']).startsWith('application/json');

    if (path.startsWith('/services/')) {
      if (req.method !== 'POST' || path !== webhookPath) return plain(res, 404, 'no_service');
      if (archived) return plain(res, 410, 'channel_is_archived');
      const script = scripted.shift();
      if (script) return script(res);
      let body: SlackPost;
      try {
        body = JSON.parse(raw);
      } catch {
        return plain(res, 400, 'invalid_payload');
      }
      if (!body.text && !body.blocks) return plain(res, 400, 'no_text');
      if (body.blocks && !blocksValid(body.blocks)) return plain(res, 400, 'invalid_blocks');
      fake.posted.push({ ts: ts(), body: { ...body, channel: 'webhook' } });
      return plain(res, 200, 'ok');
    }

    if (path !== '/api/chat.postMessage' || req.method !== 'POST')
      return json(res, 404, { ok: false, error: 'unknown_method' });
    if (req.headers.authorization !== `Bearer ${fake.botToken}`)
      return json(res, 200, { ok: false, error: 'invalid_auth' });
    const script = scripted.shift();
    if (script) return script(res);
    const form: Record<string, unknown> = isJson
      ? JSON.parse(raw)
      : Object.fromEntries(new URLSearchParams(raw));
    let blocks = form.blocks;
    if (typeof blocks === 'string') {
      try {
        blocks = JSON.parse(blocks);
      } catch {
        return json(res, 200, { ok: false, error: 'invalid_blocks_format' });
      }
    }
    const channel = String(form.channel ?? '');
    if (!fake.channels.has(channel)) return json(res, 200, { ok: false, error: 'channel_not_found' });
    if (!fake.memberOf.has(channel)) return json(res, 200, { ok: false, error: 'not_in_channel' });
    if (!form.text && !blocks) return json(res, 200, { ok: false, error: 'no_text' });
    if (blocks !== undefined && !blocksValid(blocks))
      return json(res, 200, { ok: false, error: 'invalid_blocks' });
    const body: SlackPost = { ...form, channel, ...(blocks ? { blocks: blocks as unknown[] } : {}) };
    if (typeof form.unfurl_links === 'string') body.unfurl_links = form.unfurl_links === 'true';
    const stamp = ts();
    fake.posted.push({ ts: stamp, body });
    json(res, 200, {
      ok: true,
      channel: channel.startsWith('#') ? 'C0MEETINGS' : channel,
      ts: stamp,
      message: {
        type: 'message',
        subtype: 'bot_message',
        text: form.text ?? '',
        ts: stamp,
        bot_id: 'B0BOT',
        blocks,
      },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.apiUrl = `${origin}/api/`;
  fake.webhookUrl = `${origin}${webhookPath}`;
  return fake;
}

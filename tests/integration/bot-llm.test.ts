import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_CONTRACT } from '../../bot/llm-understanding.js';
import { bookingToken } from '../../functions/booking/tokens.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { ownerOf } from './support/seed.js';

/**
 * The bot with its optional LLM on, against a local server that speaks the chat-completions
 * shape (as OpenAI, Azure OpenAI and Gemini's compatible endpoint do): the model's proposal is
 * used when it holds up, and a malformed or slow answer leaves the deterministic path answering.
 */
let app: TestApp;
let organizer: Session;
let token: string;
let llm: Server;
const requests: {
  model: string;
  response_format?: unknown;
  messages: { role: string; content: string }[];
}[] = [];

/** What the fake model answers to a user message. */
function answerFor(message: string): { delayMs?: number; content: string } {
  if (message.startsWith('Aquí Ana')) return { content: JSON.stringify({ name: 'Ana García' }) };
  if (message.includes('lento')) return { delayMs: 3000, content: JSON.stringify({ name: 'Too Late' }) };
  if (message.includes('roto')) return { content: 'this is not JSON {' };
  return { content: '{}' };
}

beforeAll(async () => {
  llm = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end();
        return;
      }
      const body = JSON.parse(raw);
      requests.push(body);
      const { delayMs = 0, content } = answerFor(body.messages.at(-1).content);
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            id: `chatcmpl-${requests.length}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
            usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
          }),
        );
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => llm.listen(0, '127.0.0.1', resolve));
  useEmulators({
    BOT_LLM_BASE_URL: `http://127.0.0.1:${(llm.address() as AddressInfo).port}/v1`,
    BOT_LLM_MODEL: 'test-model',
    BOT_LLM_TIMEOUT_MS: '300',
  });
  app = await startTestApp();
  organizer = await app.signIn('olivia.organizer@example.com', 'Olivia');
  const ownerId = await ownerOf(organizer);
  const current = await (await organizer.fetch('/api/availability')).json();
  await organizer.fetch('/api/availability', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      rules: current.rules,
      meetingTypes: [
        {
          id: 'intro',
          name: 'Intro call',
          durationMinutes: 30,
          location: 'video',
          description: '',
          active: true,
        },
      ],
      etag: current.etag,
    }),
  });
  token = bookingToken(
    { ownerId, contactId: '', meetingTypeId: 'intro', name: '', email: '' },
    new Date(),
  ).token;
});
afterAll(async () => {
  await app.close();
  llm.closeAllConnections();
  await new Promise((resolve) => llm.close(resolve));
});

async function say(text: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const res = await app.anonymous.fetch('/api/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'message',
      text,
      channelId: 'webchat',
      deliveryMode: 'expectReplies',
      serviceUrl: 'https://webchat.botframework.com/',
      localTimezone: 'Europe/Madrid',
      from: { id: 'visitor' },
      recipient: { id: 'bot' },
      conversation: { id: 'conv-llm' },
      ...extra,
    }),
  });
  expect(res.status).toBe(200);
  return (await res.json()).activities.map((a: { text: string }) => a.text);
}

describe('the bot with an LLM', () => {
  it('keeps the organizer’s instruction (GET/PUT /api/bot/instructions), within its limit', async () => {
    const put = await organizer.fetch('/api/bot/instructions', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instruction: 'We install solar panels. Visitors often write in Spanish.' }),
    });
    expect(put.status).toBe(200);
    expect(await (await organizer.fetch('/api/bot/instructions')).json()).toMatchObject({
      instruction: 'We install solar panels. Visitors often write in Spanish.',
      llm: true,
    });
    const tooLong = await organizer.fetch('/api/bot/instructions', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ instruction: 'x'.repeat(4001) }),
    });
    expect(tooLong.status).toBe(400);
    expect((await app.anonymous.fetch('/api/bot/instructions')).status).toBe(401);
  });

  it('uses what the model reads when it holds up, with the organizer’s instruction in the prompt', async () => {
    await say('hola', { channelData: { bookingToken: token } });
    expect(await say('Aquí Ana García')).toEqual(['What is your email address? The invitation goes there.']);
    const call = requests.find((r) => r.messages.at(-1)!.content === 'Aquí Ana García')!;
    expect(call.model).toBe('test-model');
    expect(call.response_format).toEqual({ type: 'json_object' });
    expect(call.messages[0]).toEqual({
      role: 'system',
      content: `${OUTPUT_CONTRACT}\n\nThe organizer's notes:\nWe install solar panels. Visitors often write in Spanish.`,
    });
  });

  it('a slow model is not waited for: the deterministic path answers', async () => {
    const started = Date.now();
    expect(await say('lento… mi correo es ana@ejemplo.es')).toEqual([
      'Which company are you with? (Say "none" if it is just you.)',
    ]);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('a malformed answer is ignored: the deterministic path answers', async () => {
    expect(await say('Solar Roto SL')).toEqual(['What would you like to talk about?']);
  });
});

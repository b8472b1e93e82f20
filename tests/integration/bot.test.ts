import { createSign, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import azureFunctions from '@azure/functions';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NO_LINK, stateKey } from '../../bot/agent.js';
import { formatSlot } from '../../bot/offer.js';
import { resetConfigForTests } from '../../functions/_shared/config.js';
import { listRegistrations } from '../../functions/_shared/registry.js';
import { bookingToken } from '../../functions/booking/tokens.js';
import { resetBotAdapterForTests } from '../../functions/bot/adapter.js';
import { createCosmosStorage, StorageConflictError, stateDocId } from '../../functions/bot/cosmos-storage.js';
import { RateLimiterCosmos, resetBotLimitsForTests } from '../../functions/bot/rate-limit.js';
import {
  cosmosTranscripts,
  eraseTranscriptsOfErasedContacts,
  transcriptsOf,
} from '../../functions/bot/transcripts.js';
import { createCosmosContactStore } from '../../functions/contacts/cosmos-contact-store.js';
import { cosmosTrashStore } from '../../functions/contacts/trash-store.js';
import { notificationId } from '../../functions/notify/notify.js';
import { cosmosOutboxStore } from '../../functions/outbox/store.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { ownerOf, seedContacts } from './support/seed.js';
import { startWorker, stopWorkers, waitFor } from './support/worker.js';

/**
 * The bot over HTTP as Azure Bot Service posts to it — real Activity JSON to /api/messages
 * (anonymous local mode, deliveryMode expectReplies so replies come back in the body) — through
 * the real booking code and the emulators: a visitor chats their way to a booked meeting.
 */
let app: TestApp;
let organizer: Session;
let ownerId: string;
let token: string;

const LONDON = 'Europe/London';
const TYPE = {
  id: 'intro',
  name: 'Intro call',
  durationMinutes: 30,
  location: 'video',
  description: '',
  active: true,
};
const WORKDAYS = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
);

interface Sent {
  type: string;
  text?: string;
  suggestedActions?: { actions: { title: string; value: string }[] };
}

let sequence = 0;
function activity(conversationId: string, fields: Record<string, unknown>) {
  return {
    type: 'message',
    id: `activity-${++sequence}`,
    timestamp: new Date().toISOString(),
    channelId: 'webchat',
    serviceUrl: 'https://webchat.botframework.com/',
    deliveryMode: 'expectReplies',
    localTimezone: LONDON,
    from: { id: 'visitor-1', name: 'Visitor', role: 'user' },
    recipient: { id: 'momentum-meet-bot', name: 'Momentum Meet', role: 'bot' },
    conversation: { id: conversationId },
    ...fields,
  };
}

async function post(body: unknown): Promise<Sent[]> {
  const res = await app.anonymous.fetch('/api/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()).activities;
}

const texts = (sent: Sent[]) => sent.map((a) => a.text);
const say = async (conversationId: string, text: string) => post(activity(conversationId, { text }));

/** Joins with the booking link and answers the lead questions; returns the offer. */
async function upToTheOffer(conversationId: string): Promise<Sent> {
  const hello = await post(
    activity(conversationId, {
      type: 'conversationUpdate',
      membersAdded: [{ id: 'visitor-1' }],
      channelData: { bookingToken: token },
    }),
  );
  expect(texts(hello)).toEqual([
    'Hi! I can book you a 30-minute Intro call with Olivia Organizer.',
    'What is your name?',
  ]);
  expect(texts(await say(conversationId, "I'm Jane Doe"))).toEqual([
    'What is your email address? The invitation goes there.',
  ]);
  expect(texts(await say(conversationId, 'jane@'))[0]).toMatch(/^"jane@" doesn't look like an email address/);
  expect(texts(await say(conversationId, 'Jane.Doe@Example.com'))[0]).toMatch(/^Which company/);
  expect(texts(await say(conversationId, 'Acme Ltd'))).toEqual(['What would you like to talk about?']);
  const [offer] = await say(conversationId, 'Pricing for a team of 20');
  expect(offer!.text).toMatch(/^Thanks! Here are the next free times \(London time\):\n1\. /);
  expect(offer!.suggestedActions?.actions).toHaveLength(3);
  return offer!;
}

const startOf = (label: string) => label.replace(/^\d\. /, '');

async function meetings(): Promise<
  {
    id: string;
    start: string;
    end: string;
    contactId: string;
    source: string;
    contactZone: string;
    note: string;
  }[]
> {
  return (await (await organizer.fetch('/api/meetings')).json()).items;
}

async function contactByEmail(email: string) {
  const page = await (await organizer.fetch(`/api/contacts?search=${encodeURIComponent(email)}`)).json();
  return page.items.find((c: { email?: string }) => c.email === email);
}

beforeAll(async () => {
  useEmulators({ BOOKING_RATE_LIMIT_PER_LINK: '100000', BOOKING_RATE_LIMIT_PER_CLIENT: '100000' });
  app = await startTestApp();
  organizer = await app.signIn('olivia.organizer@example.com', 'Olivia');
  ownerId = await ownerOf(organizer);
  const current = await (await organizer.fetch('/api/availability')).json();
  const saved = await organizer.fetch('/api/availability', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      rules: {
        ...current.rules,
        timeZone: 'America/New_York',
        weeklyHours: WORKDAYS,
        minimumNoticeMinutes: 0,
      },
      meetingTypes: [TYPE],
      etag: current.etag,
    }),
  });
  expect(saved.status).toBe(200);
  // The booking page's generic link: the owner and meeting type, no contact yet.
  token = bookingToken(
    { ownerId, contactId: '', meetingTypeId: 'intro', name: '', email: '' },
    new Date(),
  ).token;
});
afterAll(() => app.close());
afterEach(() => stopWorkers());

describe('POST /api/messages', () => {
  it('a visitor chats to a booked meeting: lead as a contact, meeting in Cosmos, transcript kept', async () => {
    const offer = await upToTheOffer('conv-booked');

    // The lead is a contact as soon as it is complete: source "bot" (Chat bot), a new lead.
    const lead = await contactByEmail('jane.doe@example.com');
    expect(lead).toMatchObject({
      firstName: 'Jane',
      lastName: 'Doe',
      company: 'Acme Ltd',
      source: 'bot',
      status: 'new',
      timeZone: LONDON,
    });

    const second = offer.suggestedActions!.actions[1]!.value;
    const [done] = await say('conv-booked', '2');
    expect(done!.text).toMatch(
      new RegExp(
        `^You're booked for ${startOf(second)} \\(London time\\)\\. The invitation is on its way to jane\\.doe@example\\.com, with the video link: https://meet\\.jit\\.si/`,
      ),
    );

    const [meeting] = await meetings();
    expect(meeting).toMatchObject({
      contactId: lead.id,
      source: 'bot',
      contactZone: LONDON,
      note: 'Pricing for a team of 20',
    });
    expect(formatSlot(meeting!, LONDON)).toBe(startOf(second));
    expect((await contactByEmail('jane.doe@example.com')).status).toBe('meeting');

    const [transcript] = await transcriptsOf(ownerId, lead.id);
    expect(transcript!.entries.filter((e) => e.from === 'visitor').map((e) => e.text)).toEqual([
      "I'm Jane Doe",
      'jane@',
      'Jane.Doe@Example.com',
      'Acme Ltd',
      'Pricing for a team of 20',
      '2',
    ]);
    expect(transcript!.entries.at(-1)!.text).toMatch(/^You're booked for/);

    const state = await createCosmosStorage().read([stateKey('webchat', 'conv-booked')]);
    expect(state[stateKey('webchat', 'conv-booked')]).toMatchObject({ conversation: { step: 'booked' } });

    // Jane gets the confirmation with the invitation, in her zone, as every booking sends it.
    startWorker();
    const message = { ownerId, meetingId: meeting!.id, notice: 'booked' as const, sequence: 0 };
    const mail = await waitFor(
      () => cosmosOutboxStore.find(ownerId, notificationId(message, 'contact')),
      (m) => m !== undefined,
    );
    expect(mail!.to.email).toBe('jane.doe@example.com');
    expect(mail!.subject).toMatch(/^Confirmed: Intro call with Olivia Organizer — .* \(London time\)$/);
    const ics = Buffer.from(mail!.attachments[0]!.contentBase64!, 'base64').toString('utf8');
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${meeting!.id}@momentum-meet`);

    // Asked again, it says it is done and books nothing more.
    expect(texts(await say('conv-booked', '1'))[0]).toMatch(/^You're all set/);
    expect(await meetings()).toHaveLength(1);
  });

  it('opened from a contact’s own booking link, greets them by name and books as that contact', async () => {
    const [seeded] = await seedContacts(ownerId, [
      {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        status: 'contacted',
        company: 'Engines',
      },
    ]);
    const res = await organizer.fetch(`/api/contacts/${seeded!.id}/booking-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const adasToken = new URL((await res.json()).url).pathname.split('/').pop()!;
    const hello = await post(
      activity('conv-ada', {
        type: 'conversationUpdate',
        membersAdded: [{ id: 'visitor-1' }],
        channelData: { bookingToken: adasToken },
      }),
    );
    expect(texts(hello)).toEqual([
      'Hi Ada Lovelace! I can book you a 30-minute Intro call with Olivia Organizer.',
      'Which company are you with? (Say "none" if it is just you.)',
    ]);
    await say('conv-ada', 'Engines');
    const [offer] = await say('conv-ada', 'The analytical engine');
    const [done] = await say('conv-ada', '3');
    expect(done!.text).toContain(`You're booked for ${startOf(offer!.suggestedActions!.actions[2]!.value)}`);
    const mine = (await meetings()).filter((m) => m.contactId === seeded!.id);
    expect(mine).toHaveLength(1);
    expect((await contactByEmail('ada@example.com')).status).toBe('meeting');
  });

  it('a time booked by someone else meanwhile is not double-booked: other times are offered', async () => {
    const offer = await upToTheOffer('conv-taken');
    const first = offer.suggestedActions!.actions[0]!.value;

    // Another visitor books the first offered time on the booking page while Jane reads.
    const slots = await (
      await app.anonymous.fetch(`/api/public/booking/${token}/slots?timeZone=${LONDON}`)
    ).json();
    const wanted = slots.slots.find(
      (s: { start: string; end: string }) => formatSlot(s, LONDON) === startOf(first),
    );
    expect(wanted, 'the offered time is free before the other visitor books it').toBeDefined();
    const other = await app.anonymous.fetch(`/api/public/booking/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        start: wanted.start,
        name: 'Sam Other',
        email: 'sam@example.org',
        timeZone: LONDON,
      }),
    });
    expect(other.status).toBe(201);

    const [sorry] = await say('conv-taken', '1');
    expect(sorry!.text).toMatch(
      /^Sorry — that time was just taken\. Here are the nearest free times \(London time\):/,
    );
    const alternatives = sorry!.suggestedActions!.actions.map((a) => startOf(a.value));
    expect(alternatives).toHaveLength(3);
    expect(alternatives).not.toContain(startOf(first));

    const [done] = await say('conv-taken', '1');
    expect(done!.text).toContain(`You're booked for ${alternatives[0]}`);
    const at = (await meetings()).filter((m) => m.start === wanted.start);
    expect(at, 'one meeting at the contested time: the other visitor’s').toHaveLength(1);
    expect(at[0]!.source).toBe('booking-page');
  });

  it('visitors picking the same time at once: exactly one books it, the others are offered others', async () => {
    const visitors = Array.from({ length: 12 }, (_, i) => `conv-race-${i}`);
    const offers: Sent[] = [];
    for (const [i, conversation] of visitors.entries()) {
      await post(activity(conversation, { text: 'hello', channelData: { bookingToken: token } }));
      await say(conversation, `Racer Number${String.fromCharCode(65 + i)}`);
      await say(conversation, `racer${i}@example.com`);
      await say(conversation, 'none');
      offers.push((await say(conversation, 'A quick call'))[0]!);
    }
    const first = offers[0]!.suggestedActions!.actions[0]!.value;
    expect(offers.every((o) => o.suggestedActions!.actions[0]!.value === first)).toBe(true);

    const answers = await Promise.all(visitors.map(async (c) => (await say(c, '1'))[0]!.text!));
    expect(answers.filter((a) => a.startsWith(`You're booked for ${startOf(first)}`))).toHaveLength(1);
    expect(answers.filter((a) => a.startsWith('Sorry — that time was just taken'))).toHaveLength(
      visitors.length - 1,
    );
    const at = (await meetings()).filter((m) => formatSlot(m, LONDON) === startOf(first));
    expect(at).toHaveLength(1);
  });

  it('anonymously, never posts replies to an address the caller names: they come back in the body', async () => {
    const replies = await post(
      activity('conv-outbound', {
        text: 'hi',
        deliveryMode: 'normal',
        serviceUrl: 'https://attacker.example/',
        channelData: { bookingToken: token },
      }),
    );
    expect(texts(replies)).toEqual([
      'Hi! I can book you a 30-minute Intro call with Olivia Organizer.',
      'What is your name?',
    ]);
  });

  it("the booking page's chat: the same conversation through the page's link, to a booked meeting", async () => {
    const chat = async (text: string) => {
      const res = await app.anonymous.fetch(`/api/public/booking/${token}/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ conversationId: 'page-chat-0123456789', text, timeZone: LONDON }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
      return (await res.json()).replies as { text: string; choices: string[] }[];
    };
    expect((await chat('')).map((r) => r.text)).toEqual([
      'Hi! I can book you a 30-minute Intro call with Olivia Organizer.',
      'What is your name?',
    ]);
    await chat('Tom Page');
    await chat('tom.page@example.com');
    await chat('none');
    const [offer] = await chat('A demo for my team');
    expect(offer!.choices).toHaveLength(3);
    const [done] = await chat(offer!.choices[0]!);
    expect(done!.text).toMatch(/^You're booked for/);
    expect(await contactByEmail('tom.page@example.com')).toMatchObject({ source: 'bot' });
    // A bad id is named; a forged link is refused before anything runs.
    const bad = await app.anonymous.fetch(`/api/public/booking/${token}/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ conversationId: 'short', text: 'hi' }),
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('conversationId');
  });

  it('without a booking link, asks for one and books nothing', async () => {
    expect(texts(await say('conv-nolink', 'I want to book a meeting'))).toEqual([NO_LINK]);
    const state = await createCosmosStorage().read([stateKey('webchat', 'conv-nolink')]);
    expect(state).toEqual({});
  });

  it('a forged booking link is refused in words, and nothing starts', async () => {
    const replies = await post(
      activity('conv-forged', { text: 'hi', channelData: { bookingToken: `${token}x` } }),
    );
    expect(texts(replies)[0]).toMatch(/link/i);
    expect(await createCosmosStorage().read([stateKey('webchat', 'conv-forged')])).toEqual({});
  });

  it('with a Bot Service app id, an activity without a valid token is refused (401) and not run', async () => {
    const handler = listRegistrations().find((r) => r.name === 'bot-messages')!;
    const call = (headers: Record<string, string>) =>
      (handler.options as { handler: azureFunctions.HttpHandler }).handler(
        new azureFunctions.HttpRequest({
          method: 'POST',
          url: 'http://localhost/api/messages',
          headers: { 'content-type': 'application/json', ...headers },
          body: {
            string: JSON.stringify(
              activity('conv-jwt', { text: 'hi', channelData: { bookingToken: token } }),
            ),
          },
        }),
        new azureFunctions.InvocationContext({ functionName: 'bot-messages' }),
      );
    const withSettings = async (settings: Record<string, string>, run: () => Promise<void>) => {
      Object.assign(process.env, settings);
      resetConfigForTests();
      resetBotAdapterForTests();
      try {
        await run();
      } finally {
        for (const name of Object.keys(settings)) delete process.env[name];
        process.env.NODE_ENV = 'test';
        resetConfigForTests();
        resetBotAdapterForTests();
      }
    };
    await withSettings(
      { BOT_APP_ID: '00000000-0000-0000-0000-00000000b07a', BOT_TENANT_ID: 'contoso.example' },
      async () => {
        expect((await call({})).status).toBe(401);
        expect((await call({ authorization: 'Bearer not-a-jwt' })).status).toBe(401);
        expect((await call({ authorization: 'Basic dXNlcjpwYXNz' })).status).toBe(401);
      },
    );
    await withSettings({ NODE_ENV: 'production' }, async () => {
      expect((await call({})).status).toBe(401);
    });
    expect(await createCosmosStorage().read([stateKey('webchat', 'conv-jwt')])).toEqual({});
  });
});

describe('the Cosmos Storage behind the bot', () => {
  it('creates, replaces only with the eTag it read, refuses a stale or blind write, and deletes', async () => {
    const storage = createCosmosStorage();
    const key = 'msteams/conversations/a:1/b?c#d';
    await storage.write({ [key]: { step: 'name' } });
    const first = (await storage.read([key]))[key]!;
    expect(first).toMatchObject({ step: 'name' });
    expect(first.eTag).toEqual(expect.any(String));

    // A second turn that never read it may not overwrite it.
    await expect(storage.write({ [key]: { step: 'email' } })).rejects.toBeInstanceOf(StorageConflictError);
    await storage.write({ [key]: { step: 'email', eTag: first.eTag } });
    // The first reader's eTag is stale now.
    await expect(storage.write({ [key]: { step: 'company', eTag: first.eTag } })).rejects.toBeInstanceOf(
      StorageConflictError,
    );
    expect((await storage.read([key]))[key]).toMatchObject({ step: 'email' });
    await storage.write({ [key]: { step: 'need', eTag: '*' } });
    expect((await storage.read([key]))[key]).toMatchObject({ step: 'need' });

    await storage.delete([key]);
    expect(await storage.read([key])).toEqual({});
  });

  it('turns any key into a valid Cosmos id, distinct keys into distinct ids', () => {
    expect(stateDocId('webchat/conversations/x?y#z\\w')).not.toMatch(/[/\\?#]/);
    expect(stateDocId('a/b')).not.toBe(stateDocId('a%2Fb'));
    const long = stateDocId(`teams/${'x'.repeat(400)}`);
    expect(long.length).toBeLessThanOrEqual(255);
    expect(long).not.toBe(stateDocId(`teams/${'x'.repeat(399)}y`));
  });
});

describe('rate limits, counted in Cosmos so every instance agrees', () => {
  const HOUR = 3_600_000;

  it('allows the limit per window across instances, refuses the next with the wait, and opens again', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const clock = () => now;
    // Two instances of the app, one store.
    const [a, b] = [0, 1].map(
      () => new RateLimiterCosmos({ keyPrefix: 't-hour', points: 3, duration: 3600, now: clock }),
    );
    await a!.consume('conversation:x');
    now += 60_000;
    await b!.consume('conversation:x');
    const third = await a!.consume('conversation:x');
    expect(third.remainingPoints).toBe(0);
    now += 60_000;
    const refused = await b!.consume('conversation:x').catch((r) => r);
    expect(refused).toBeInstanceOf(RateLimiterRes);
    expect(refused.msBeforeNext).toBe(HOUR - 120_000);
    // Another conversation has its own count.
    expect((await b!.consume('conversation:y')).remainingPoints).toBe(2);
    now += HOUR;
    expect((await a!.consume('conversation:x')).remainingPoints).toBe(2);
  });

  it('never loses a count when instances consume at once', async () => {
    const instances = [0, 1, 2].map(
      () => new RateLimiterCosmos({ keyPrefix: 't-race', points: 10, duration: 3600 }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) => instances[i % 3]!.consume('conversation:race')),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
    expect((await instances[0]!.get('conversation:race'))?.consumedPoints).toBe(25);
  });

  it('answers 429 with Retry-After over the limit, and the message is not run', async () => {
    process.env.BOT_RATE_LIMIT_PER_HOUR = '3';
    resetConfigForTests();
    resetBotLimitsForTests();
    const handler = listRegistrations().find((r) => r.name === 'bot-messages')!;
    const call = async (body: unknown, address: string) =>
      (handler.options as { handler: azureFunctions.HttpHandler }).handler(
        new azureFunctions.HttpRequest({
          method: 'POST',
          url: 'http://localhost/api/messages',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: { string: JSON.stringify(body) },
        }),
        new azureFunctions.InvocationContext({ functionName: 'bot-messages' }),
      );
    try {
      const conversation = 'conv-limited';
      const sent = ['hi', 'Jane Doe', 'jane@example.net'];
      for (const text of sent) {
        const ok = await call(
          activity(conversation, { text, channelData: { bookingToken: token } }),
          '203.0.113.7',
        );
        expect(ok.status).toBe(200);
      }
      const over = await call(activity(conversation, { text: 'Acme' }), '203.0.113.7');
      expect(over.status).toBe(429);
      expect(Number((over.headers as Record<string, string>)['retry-after'])).toBeGreaterThan(3000);
      expect((over as { jsonBody?: { error: { code: string } } }).jsonBody?.error.code).toBe('RATE_LIMITED');
      const state = (await createCosmosStorage().read([stateKey('webchat', conversation)]))[
        stateKey('webchat', conversation)
      ];
      expect(state!.conversation.step, 'the refused message changed nothing').toBe('company');
      // The same conversation from another address is still over its own limit…
      expect((await call(activity(conversation, { text: 'Acme' }), '198.51.100.2')).status).toBe(429);
      // …while another conversation from a fresh address is answered.
      const other = activity('conv-limited-2', { text: 'hi', channelData: { bookingToken: token } });
      expect((await call(other, '198.51.100.3')).status).toBe(200);
    } finally {
      delete process.env.BOT_RATE_LIMIT_PER_HOUR;
      resetConfigForTests();
      resetBotLimitsForTests();
    }
  });
});

describe('transcripts (GET /api/bot/transcripts, POST /api/bot/logs/purge)', () => {
  it('lists a contact’s chats for their owner only, and purges old ones by age', async () => {
    const jane = await contactByEmail('jane.doe@example.com');
    const listed = await (await organizer.fetch(`/api/bot/transcripts?contactId=${jane.id}`)).json();
    expect(listed.items.length).toBeGreaterThanOrEqual(1);
    expect(listed.items[0]).not.toHaveProperty('ownerId');
    expect(listed.items[0].entries.some((e: { text: string }) => e.text === 'Pricing for a team of 20')).toBe(
      true,
    );

    const bob = await app.signIn('bob.other@example.com', 'Bob');
    expect((await (await bob.fetch(`/api/bot/transcripts?contactId=${jane.id}`)).json()).items).toEqual([]);
    expect((await app.anonymous.fetch('/api/bot/transcripts')).status).toBe(401);

    // A chat from last spring, never continued.
    const old = '2026-04-01T10:00:00.000Z';
    await cosmosTranscripts.append({ ownerId, channelId: 'webchat', conversationId: 'conv-spring' }, [
      { from: 'visitor', text: 'An old question', at: old },
    ]);
    const before = (await (await organizer.fetch('/api/bot/transcripts?limit=200')).json()).items.length;
    expect((await bob.fetch('/api/bot/logs/purge', purge(30))).status).toBe(200);
    expect((await (await organizer.fetch('/api/bot/transcripts?limit=200')).json()).items).toHaveLength(
      before,
    );

    const purged = await organizer.fetch('/api/bot/logs/purge', purge(30));
    expect(await purged.json()).toEqual({ deleted: 1 });
    const after = (await (await organizer.fetch('/api/bot/transcripts?limit=200')).json()).items;
    expect(after).toHaveLength(before - 1);
    expect(after.some((t: { entries: { text: string }[] }) => t.entries[0]?.text === 'An old question')).toBe(
      false,
    );
    expect((await organizer.fetch('/api/bot/logs/purge', purge(0))).status).toBe(400);
  });
});

describe('erasing transcripts with their contact', () => {
  it('erases the chats of a contact gone for good, keeps those of a live or trashed one', async () => {
    const entry = [{ from: 'visitor' as const, text: 'hello', at: new Date().toISOString() }];
    const stores = { contacts: createCosmosContactStore(), trash: cosmosTrashStore };
    const jane = await contactByEmail('jane.doe@example.com');
    const [sam] = (await (await organizer.fetch('/api/contacts?search=sam%40example.org')).json()).items;
    expect((await organizer.fetch(`/api/contacts/${sam.id}`, { method: 'DELETE' })).status).toBe(204);
    for (const [conversationId, contactId] of [
      ['conv-live', jane.id],
      ['conv-trashed', sam.id],
      ['conv-gone', 'a-contact-erased-long-ago'],
    ]) {
      await cosmosTranscripts.append({ ownerId, channelId: 'webchat', conversationId, contactId }, entry);
    }
    expect(await eraseTranscriptsOfErasedContacts(stores)).toBe(1);
    expect(await transcriptsOf(ownerId, 'a-contact-erased-long-ago')).toEqual([]);
    expect((await transcriptsOf(ownerId, sam.id)).length).toBe(1);
    expect((await transcriptsOf(ownerId, jane.id)).length).toBeGreaterThanOrEqual(2);
    expect(await eraseTranscriptsOfErasedContacts(stores)).toBe(0);
  });
});

describe('Bot Service tokens (BOT_APP_ID set)', () => {
  const APP_ID = '5f0c9a3e-0000-4000-8000-00000000b07a';
  const TENANT = '72f988bf-0000-4000-8000-0000000000aa';

  /** A signing key served as Entra serves its keys, and tokens signed with it (RS256). */
  function entra() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
    const server = createServer((req, res) => {
      if (req.url === `/${TENANT}/discovery/v2.0/keys`) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      } else res.writeHead(404).end();
    });
    const sign = (claims: Record<string, unknown>, key = privateKey) => {
      const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const body = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'test-key' })}.${b64(claims)}`;
      return `${body}.${createSign('RSA-SHA256').update(body).sign(key).toString('base64url')}`;
    };
    return { server, sign, other };
  }

  it('accepts a valid token, and refuses one expired, for another audience or signed by another key', async () => {
    const { server, sign, other } = entra();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const authority = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    Object.assign(process.env, { BOT_APP_ID: APP_ID, BOT_TENANT_ID: TENANT, BOT_AUTHORITY: authority });
    resetConfigForTests();
    resetBotAdapterForTests();
    try {
      const handler = listRegistrations().find((r) => r.name === 'bot-messages')!;
      const call = async (token: string) =>
        (handler.options as { handler: azureFunctions.HttpHandler }).handler(
          new azureFunctions.HttpRequest({
            method: 'POST',
            url: 'http://localhost/api/messages',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: {
              // Without a serviceUrl the replies come back in the body: sending them to Bot Service
              // would need the app's managed-identity token, which this machine cannot get.
              string: JSON.stringify(
                activity('conv-signed', {
                  text: 'hi',
                  serviceUrl: undefined,
                  channelData: { bookingToken: token_ },
                }),
              ),
            },
          }),
          new azureFunctions.InvocationContext({ functionName: 'bot-messages' }),
        );
      const token_ = token;
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        aud: APP_ID,
        iss: `${authority}/${TENANT}/v2.0`,
        tid: TENANT,
        iat: now,
        nbf: now,
        exp: now + 3600,
      };

      const ok = await call(sign(claims));
      expect(ok.status).toBe(200);
      expect(
        ((ok as { jsonBody?: { activities: { text: string }[] } }).jsonBody?.activities ?? []).map(
          (a) => a.text,
        ),
      ).toEqual(['Hi! I can book you a 30-minute Intro call with Olivia Organizer.', 'What is your name?']);

      expect(
        (await call(sign({ ...claims, iat: now - 7200, nbf: now - 7200, exp: now - 3600 }))).status,
      ).toBe(401);
      expect((await call(sign({ ...claims, aud: 'someone-elses-bot' }))).status).toBe(401);
      expect((await call(sign(claims, other))).status).toBe(401);
      // Signed with keys the app trusts, but issued for another tenant.
      const elsewhere = '0b0b0b0b-0000-4000-8000-0000000000bb';
      expect(
        (await call(sign({ ...claims, iss: `${authority}/${elsewhere}/v2.0`, tid: elsewhere }))).status,
      ).toBe(401);
    } finally {
      for (const name of ['BOT_APP_ID', 'BOT_TENANT_ID', 'BOT_AUTHORITY']) delete process.env[name];
      resetConfigForTests();
      resetBotAdapterForTests();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

const purge = (olderThanDays: number): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ olderThanDays }),
});

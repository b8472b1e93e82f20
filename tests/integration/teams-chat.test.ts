import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelConnectionDto, NotificationRecordDto } from '../../functions/notifications/schema.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector-server.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { openEveryDay, ownerOf, seedContacts } from './support/seed.js';
import { startWorker, stopWorkers, waitFor } from './support/worker.js';

/**
 * The organizer's Teams chat: they get a link code in Momentum Meet, send it to the bot in Teams
 * (an activity as Bot Service posts it to /api/messages), and from then on the notices they chose
 * arrive there — proactive messages through the Bot Connector API (a local server in its shapes).
 */

let app: TestApp;
let hana: Session;
let connector: FakeBotConnector;
const CHAT = 'a:1hanas-personal-chat-with-the-bot';

const body = (method: string, data?: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  ...(data === undefined ? {} : { body: JSON.stringify(data) }),
});

/** What Teams posts when Hana writes to the bot in her one-to-one chat. */
const teamsMessage = (text: string, conversationType = 'personal') =>
  app.anonymous.fetch(
    '/api/messages',
    body('POST', {
      type: 'message',
      id: `f:${Math.random().toString(36).slice(2)}`,
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: {
        id: '29:1hana-teams-user',
        name: 'Hana Host',
        aadObjectId: '6f1c0000-0000-4000-8000-000000000001',
      },
      recipient: { id: '28:momentum-bot', name: 'Momentum Meet' },
      conversation: { id: CHAT, conversationType, tenantId: 'contoso-tenant' },
      text,
      timestamp: new Date().toISOString(),
    }),
  );

const botSaid = () =>
  connector.posted
    .filter((p) => p.conversationId === CHAT && typeof p.activity.text === 'string')
    .map((p) => p.activity.text);

beforeAll(async () => {
  connector = await startFakeBotConnector();
  connector.conversations.add(CHAT);
  useEmulators({});
  app = await startTestApp();
  hana = await app.signIn('hana@example.com', 'Hana Host');
});
afterEach(() => stopWorkers());
afterAll(async () => {
  await app.close();
  await connector.close();
});

describe('Teams chat notifications', () => {
  it('links the chat with a code sent to the bot, then a booking reaches Hana there', async () => {
    // The connection cannot be written through the API: it is made from Teams.
    const put = await hana.fetch(
      '/api/notifications/channels/teams-chat',
      body('PUT', { serviceUrl: 'https://attacker.example/', conversationId: 'x', userName: 'x' }),
    );
    expect(put.status).toBe(400);

    // A made-up code links nothing, and says what to do.
    expect((await teamsMessage('link not-a-real-code')).status).toBe(200);
    expect(botSaid().at(-1)).toMatch(/That code is not right or has expired/);

    const code = await (await hana.fetch('/api/bot/teams-link', { method: 'POST' })).json();
    expect(code.command).toMatch(/^link \S+$/);
    expect(code.deepLink).toBeNull(); // no bot app id on this machine
    // In a group chat it would tell a whole team's notices… it is refused there.
    await teamsMessage(code.command, 'groupChat');
    expect(botSaid().at(-1)).toMatch(/in your own chat with me/);
    let channels: ChannelConnectionDto[] = (await (await hana.fetch('/api/notifications/channels')).json())
      .items;
    expect(channels.map((c) => c.name)).not.toContain('teams-chat');

    await teamsMessage(code.command);
    expect(botSaid().at(-1)).toMatch(/^Linked\. I will message you here/);
    channels = (await (await hana.fetch('/api/notifications/channels')).json()).items;
    const linked = channels.find((c) => c.name === 'teams-chat')!;
    expect(linked.settings).toEqual({ userName: 'Hana Host' });
    expect(JSON.stringify(linked)).not.toContain(connector.serviceUrl);

    const prefs = await (await hana.fetch('/api/notifications/preferences')).json();
    const saved = await hana.fetch(
      '/api/notifications/preferences',
      body('PUT', { ...prefs, events: { ...prefs.events, booked: ['teams-chat'] } }),
    );
    expect(saved.status).toBe(200);

    const ownerId = await ownerOf(hana);
    const [ada] = await seedContacts(ownerId, [
      { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' },
    ]);
    const current = await openEveryDay(hana);
    const { slots } = await (await hana.fetch('/api/slots')).json();
    const created = await hana.fetch(
      '/api/meetings',
      body('POST', {
        contactId: ada!.id,
        meetingTypeId: current.meetingTypes[0]!.id,
        start: slots.at(-1).start,
      }),
    );
    expect(created.status).toBe(201);
    const meeting = await created.json();

    startWorker();
    const records: NotificationRecordDto[] = await waitFor(
      async () => (await (await hana.fetch(`/api/notifications?meetingId=${meeting.id}`)).json()).items,
      (items: NotificationRecordDto[]) => items.filter((r) => r.status !== 'queued').length >= 2,
    );
    expect(records.map((r) => `${r.role} ${r.channel} ${r.status}`).sort()).toEqual([
      'contact email sent',
      'organizer teams-chat sent',
    ]);
    const card = connector.posted.find((p) => p.activity.attachments?.length)!;
    expect(card.conversationId).toBe(CHAT);
    expect(JSON.stringify(card.activity.attachments![0]!.content)).toMatch(
      /Ada Lovelace booked a .* with you/,
    );
    expect(records.find((r) => r.channel === 'teams-chat')!.providerMessageId).toMatch(/^1:/);

    // Hana removes the app in Teams: the connection's test says so, and what to do.
    connector.removed.add(CHAT);
    const test = await (
      await hana.fetch('/api/notifications/channels/teams-chat/test', body('POST', {}))
    ).json();
    expect(test).toMatchObject({ status: 'failed', error: expect.stringMatching(/link Teams chat again/) });
  });
});

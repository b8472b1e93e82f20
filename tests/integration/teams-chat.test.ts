import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelConnectionDto, NotificationRecordDto } from '../../functions/notifications/schema.js';
import { type FakeBotConnector, startFakeBotConnector } from '../fakes/bot-connector-server.js';
import { type FakeManagedIdentity, startFakeManagedIdentity } from '../fakes/managed-identity-server.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { BOT_APP_ID, type BotService, startBotService } from './support/bot-service.js';
import { openEveryDay, ownerOf, seedContacts } from './support/seed.js';
import { startWorker, stopWorkers, waitFor } from './support/worker.js';

/**
 * The organizer's Teams chat, as on Azure: the bot has an app id, Bot Service signs what it posts
 * to /api/messages, and the bot gets its own tokens from the Function App's managed identity.
 * The organizer gets a link code in Momentum Meet and sends it to the bot in Teams; from then on
 * the notices they chose arrive there — proactive messages through the Bot Connector API (a local
 * server in its shapes that wants the bot's token).
 */

let app: TestApp;
let hana: Session;
let connector: FakeBotConnector;
let botService: BotService | undefined;
let identity: FakeManagedIdentity;
const CHAT = 'a:1hanas-personal-chat-with-the-bot';

const body = (method: string, data?: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  ...(data === undefined ? {} : { body: JSON.stringify(data) }),
});

/** What Teams posts when Hana writes to the bot (her one-to-one chat unless said). */
async function teamsMessage(text: string, conversationType = 'personal') {
  const res = await botService!.post({
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
  });
  expect(res.status).toBe(200);
}

/** What the bot said in Hana's chat (its answers go to the Bot Connector, with its token). */
const botSaid = () =>
  connector.posted
    .filter((p) => p.conversationId === CHAT && typeof p.activity.text === 'string')
    .map((p) => p.activity.text);

beforeAll(async () => {
  identity = await startFakeManagedIdentity();
  connector = await startFakeBotConnector({ token: identity.tokenFor('https://api.botframework.com') });
  connector.conversations.add(CHAT);
  useEmulators({ IDENTITY_ENDPOINT: identity.endpoint, IDENTITY_HEADER: identity.header });
  app = await startTestApp();
  hana = await app.signIn('hana@example.com', 'Hana Host');
});
afterEach(() => stopWorkers());
afterAll(async () => {
  await botService?.close();
  await app.close();
  await Promise.all([connector.close(), identity.close()]);
});

describe('Teams chat notifications', () => {
  it('links the chat with a code sent to the bot, then a booking reaches Hana there', async () => {
    // The connection cannot be written through the API: it is made from Teams.
    const put = await hana.fetch(
      '/api/notifications/channels/teams-chat',
      body('PUT', { serviceUrl: 'https://attacker.example/', conversationId: 'x', userName: 'x' }),
    );
    expect(put.status).toBe(400);

    const code = await (await hana.fetch('/api/bot/teams-link', { method: 'POST' })).json();
    expect(code.command).toBe(`link ${code.code}`);
    expect(code.deepLink).toBeNull(); // no bot app id on this machine

    botService = await startBotService();
    // A made-up code links nothing, and says what to do.
    await teamsMessage('link ABCDEFGH');
    expect(botSaid().at(-1)).toMatch(/not valid or has expired/);
    // In a group chat it would tell a whole team the organizer's meetings: refused there.
    await teamsMessage(code.command, 'groupChat');
    expect(botSaid().at(-1)).toMatch(/in your own chat with me/);
    let channels: ChannelConnectionDto[] = (await (await hana.fetch('/api/notifications/channels')).json())
      .items;
    expect(channels.map((c) => c.name)).not.toContain('teams-chat');

    await teamsMessage(code.command);
    expect(botSaid().at(-1)).toMatch(/^Linked — .* I will message you here about your meetings/);
    // The bot's token came from the Function App's user-assigned identity, for Bot Service.
    expect(identity.requests.at(-1)).toEqual({
      resource: 'https://api.botframework.com',
      clientId: BOT_APP_ID,
    });
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

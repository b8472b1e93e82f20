import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBotConnector, startFakeBotConnector } from '../../../tests/fakes/bot-connector-server.js';
import { runChannelContract, sampleNotification } from './contract.test-support.js';
import { createMemorySentLedger, sendOnce } from './sent-ledger.js';
import { createTeamsChatChannel } from './teams-chat.js';

const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.bot-service-token-for-tests';

runChannelContract('teams-chat', async () => {
  const fake = await startFakeBotConnector({ token: TOKEN });
  fake.conversations.add('a:linked-chat');
  fake.removed.add('a:removed-chat');
  const channel = (conversationId: string, token = TOKEN) =>
    createTeamsChatChannel({ serviceUrl: fake.serviceUrl, conversationId, token: async () => token });
  const wrong = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.a-token-for-another-bot';
  return {
    channel: sendOnce(channel('a:linked-chat'), createMemorySentLedger()),
    reachable: { name: 'Hana Host' },
    accepted: () => fake.posted.map((p) => JSON.stringify(p.activity)),
    refused: {
      to: { name: 'Hana Host' },
      reason: /BotNotInConversationRoster.*link Teams chat again/,
      channel: channel('a:removed-chat'),
    },
    throttleNext: (s) => fake.throttleNext(s),
    failNext: () => fake.failNext(),
    withWrongSecret: { channel: channel('a:linked-chat', wrong), secret: wrong, reason: /401 Unauthorized/ },
    secrets: [TOKEN],
    close: () => fake.close(),
  };
});

describe('teams-chat channel', () => {
  let fake: FakeBotConnector;
  beforeAll(async () => {
    fake = await startFakeBotConnector();
    fake.conversations.add('a:linked-chat');
  });
  afterAll(() => fake.close());

  it('posts the meeting card into the linked chat and keeps the activity id Teams gave it', async () => {
    const n = sampleNotification({ name: 'Hana Host' });
    const result = await createTeamsChatChannel({
      serviceUrl: fake.serviceUrl,
      conversationId: 'a:linked-chat',
      token: async () => null,
    }).send(n);
    expect(result).toEqual({ status: 'sent', providerMessageId: expect.stringMatching(/^1:/) });
    const { conversationId, activity } = fake.posted.at(-1)!;
    expect(conversationId).toBe('a:linked-chat');
    expect(activity).toMatchObject({ type: 'message', summary: n.subject });
    const card = activity.attachments![0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({
      type: 'AdaptiveCard',
      body: [
        expect.objectContaining({ text: 'Your Intro call with Hana Host is booked.' }),
        expect.anything(),
      ],
      actions: [
        expect.objectContaining({ title: 'Join' }),
        expect.objectContaining({ title: 'Reschedule or cancel' }),
      ],
    });
  });

  it('says a chat that no longer exists is refused for good, naming what to do', async () => {
    const result = await createTeamsChatChannel({
      serviceUrl: fake.serviceUrl,
      conversationId: 'a:never-opened',
      token: async () => null,
    }).send(sampleNotification({ name: 'Hana Host' }));
    expect(result).toEqual({
      status: 'rejected',
      reason:
        'Teams no longer lets the bot write to this chat (404 ConversationNotFound): the app was removed — link Teams chat again.',
    });
  });
});

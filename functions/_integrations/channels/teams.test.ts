import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTeams, startFakeTeams } from '../../../tests/fakes/teams-webhook-server.js';
import { runChannelContract, sampleNotification } from './contract.test-support.js';
import { createMemorySentLedger, sendOnce } from './sent-ledger.js';
import { createTeamsChannel } from './teams.js';

runChannelContract('teams', async () => {
  const fake = await startFakeTeams();
  const wrongSig = 'A'.repeat(43);
  return {
    channel: sendOnce(createTeamsChannel({ webhookUrl: fake.webhookUrl }), createMemorySentLedger()),
    reachable: { name: 'Hana Host' },
    accepted: () => fake.posted.map((m) => JSON.stringify(m)),
    refused: {
      to: { name: 'Hana Host' },
      reason: /WorkflowNotFound.*reconnect Teams/,
      channel: createTeamsChannel({ webhookUrl: fake.removedUrl }),
    },
    throttleNext: (s) => fake.throttleNext(s),
    failNext: () => fake.failNext(),
    withWrongSecret: {
      channel: createTeamsChannel({ webhookUrl: fake.webhookUrl.replace(fake.signature, wrongSig) }),
      secret: wrongSig,
      reason: /DirectApiInvalidAuthorizationSignature/,
    },
    secrets: [fake.signature, fake.webhookUrl],
    close: () => fake.close(),
  };
});

describe('teams channel', () => {
  let fake: FakeTeams;
  beforeAll(async () => {
    fake = await startFakeTeams();
  });
  afterAll(() => fake.close());

  it('posts an Adaptive Card: the headline, the facts, and a button per link', async () => {
    const n = sampleNotification({ name: 'Hana Host' });
    expect(await createTeamsChannel({ webhookUrl: fake.webhookUrl }).send(n)).toEqual({ status: 'sent' });
    const card = fake.posted.at(-1)!.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toEqual({
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      type: 'AdaptiveCard',
      version: '1.4',
      body: [
        {
          type: 'TextBlock',
          text: 'Your Intro call with Hana Host is booked.',
          weight: 'Bolder',
          size: 'Medium',
          wrap: true,
        },
        {
          type: 'FactSet',
          facts: [
            { title: 'When', value: 'Tue 10 Mar 2026, 14:00–14:30 (London time)' },
            { title: 'With', value: 'Hana Host' },
          ],
        },
      ],
      actions: [
        { type: 'Action.OpenUrl', title: 'Join', url: `https://meet.jit.si/momentum-${n.id}` },
        { type: 'Action.OpenUrl', title: 'Reschedule or cancel', url: `https://momentum.example/m/${n.id}` },
      ],
    });
  });

  it('posts the subject and text when the notice has no details', async () => {
    const n = sampleNotification({ name: 'Hana Host' }, { details: undefined });
    expect((await createTeamsChannel({ webhookUrl: fake.webhookUrl }).send(n)).status).toBe('sent');
    const body = fake.posted.at(-1)!.attachments[0]!.content.body;
    expect(body).toEqual([
      expect.objectContaining({ text: n.subject }),
      { type: 'TextBlock', text: n.text, wrap: true },
    ]);
  });

  it('says a card too large for Teams is refused, rather than retrying it forever', async () => {
    const n = sampleNotification({ name: 'Hana Host' }, { details: undefined, text: 'x'.repeat(40_000) });
    expect(await createTeamsChannel({ webhookUrl: fake.webhookUrl }).send(n)).toEqual({
      status: 'rejected',
      reason: 'Teams refused the message (413 MessageTooLarge)',
    });
  });
});

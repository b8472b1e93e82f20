import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../../../tests/fakes/slack-server.js';
import { runChannelContract, sampleNotification } from './contract.test-support.js';
import { createMemorySentLedger, sendOnce } from './sent-ledger.js';
import { createSlackChannel } from './slack.js';

const bot = (fake: FakeSlack, botToken = fake.botToken, channel = 'C0MEETINGS') =>
  createSlackChannel({ botToken, channel, apiUrl: fake.apiUrl });

runChannelContract('slack', async () => {
  const fake = await startFakeSlack();
  const wrong = 'xoxb-9-9-wrongtoken0000';
  return {
    channel: sendOnce(bot(fake), createMemorySentLedger()),
    reachable: { name: 'Hana Host', email: 'hana@example.com' },
    accepted: () => fake.posted.map((p) => JSON.stringify(p.body)),
    refused: { to: { name: 'Hana', slackChannel: 'C0GONE' }, reason: /channel_not_found/ },
    throttleNext: (s) => fake.throttleNext(s),
    failNext: () => fake.failNext(),
    withWrongSecret: { channel: bot(fake, wrong), secret: wrong, reason: /invalid_auth.*reconnect Slack/ },
    secrets: [fake.botToken],
    close: () => fake.close(),
  };
});

describe('slack channel', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(() => fake.close());

  it('posts Block Kit: the headline, the time and who as fields, and the links as buttons', async () => {
    const n = sampleNotification({ name: 'Hana' }, { details: undefined });
    const withDetails = sampleNotification({ name: 'Hana' });
    expect((await bot(fake).send(withDetails)).status).toBe('sent');
    const { body } = fake.posted.at(-1)!;
    expect(body.channel).toBe('C0MEETINGS');
    expect(body.text).toBe('Your Intro call with Hana Host is booked.');
    expect(body.unfurl_links).toBe(false);
    expect(body.blocks).toEqual([
      {
        type: 'header',
        text: { type: 'plain_text', text: 'Your Intro call with Hana Host is booked.', emoji: true },
      },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*When*\nTue 10 Mar 2026, 14:00–14:30 (London time)' },
          { type: 'mrkdwn', text: '*With*\nHana Host' },
        ],
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            action_id: 'link-0',
            text: { type: 'plain_text', text: 'Join' },
            url: `https://meet.jit.si/momentum-${withDetails.id}`,
            style: 'primary',
          },
          {
            type: 'button',
            action_id: 'link-1',
            text: { type: 'plain_text', text: 'Reschedule or cancel' },
            url: `https://momentum.example/m/${withDetails.id}`,
          },
        ],
      },
    ]);
    // Without details, the text goes as one section with Slack's control characters escaped.
    expect((await bot(fake).send({ ...n, text: 'A <b> & c' })).status).toBe('sent');
    expect(fake.posted.at(-1)!.body.blocks).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'A &lt;b&gt; &amp; c' } },
    ]);
  });

  it('goes to the recipient’s own Slack channel when they have one; an uninvited bot is told to /invite', async () => {
    fake.channels.add('C0PRIVATE');
    expect(await bot(fake).send(sampleNotification({ name: 'Hana', slackChannel: 'C0PRIVATE' }))).toEqual({
      status: 'rejected',
      reason:
        'Slack refused the message (not_in_channel): the Slack app is not in that channel — invite it with /invite',
    });
    fake.memberOf.add('C0PRIVATE');
    expect(
      (await bot(fake).send(sampleNotification({ name: 'Hana', slackChannel: 'C0PRIVATE' }))).status,
    ).toBe('sent');
    expect(fake.posted.at(-1)!.body.channel).toBe('C0PRIVATE');
  });

  it('answers a 429 at once with Slack’s Retry-After instead of sleeping in the worker', async () => {
    fake.throttleNext(30);
    const started = Date.now();
    expect(await bot(fake).send(sampleNotification({ name: 'Hana' }))).toMatchObject({
      status: 'retry',
      retryAfterSeconds: 30,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  describe('incoming webhook', () => {
    it('posts the same blocks to the webhook', async () => {
      const n = sampleNotification({ name: 'Hana' });
      expect(await createSlackChannel({ webhookUrl: fake.webhookUrl }).send(n)).toEqual({ status: 'sent' });
      const { body } = fake.posted.at(-1)!;
      expect(body.channel).toBe('webhook');
      expect(JSON.stringify(body.blocks)).toContain(`momentum-${n.id}`);
    });

    it('retries a throttled post after Retry-After; never shows the webhook URL in a reason', async () => {
      fake.throttleNext(9);
      const channel = createSlackChannel({ webhookUrl: fake.webhookUrl });
      expect(await channel.send(sampleNotification({ name: 'Hana' }))).toMatchObject({
        status: 'retry',
        retryAfterSeconds: 9,
      });
      const removed = await createSlackChannel({ webhookUrl: `${fake.webhookUrl}x` }).send(
        sampleNotification({ name: 'Hana' }),
      );
      expect(removed).toEqual({
        status: 'rejected',
        reason: 'Slack refused the message (no_service): the Slack webhook was removed — reconnect Slack',
      });
      fake.archiveWebhook();
      const archived = await channel.send(sampleNotification({ name: 'Hana' }));
      expect(archived).toMatchObject({ status: 'rejected', reason: expect.stringContaining('archived') });
      for (const r of [removed, archived]) expect(JSON.stringify(r)).not.toContain('/services/');
    });
  });
});

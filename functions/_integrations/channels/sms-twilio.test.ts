import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeTwilio, startFakeTwilio } from '../../../tests/fakes/twilio-server.js';
import { runChannelContract, sampleNotification } from './contract.test-support.js';
import { createMemorySentLedger, sendOnce } from './sent-ledger.js';
import { createTwilioSmsChannel, type TwilioSmsConfig } from './sms-twilio.js';

const configFor = (fake: FakeTwilio, over: Partial<TwilioSmsConfig> = {}): TwilioSmsConfig => ({
  accountSid: fake.accountSid,
  authToken: fake.authToken,
  from: '+14155552671',
  apiUrl: fake.url,
  ...over,
});

runChannelContract('sms-twilio', async () => {
  const fake = await startFakeTwilio();
  fake.invalidNumbers.add('+447911123999');
  const wrong = 'f'.repeat(32);
  return {
    channel: sendOnce(createTwilioSmsChannel(configFor(fake)), createMemorySentLedger()),
    reachable: { name: 'Ada', phone: '+44 7911 123456' },
    unreachable: { name: 'Ada', email: 'ada@example.com', phone: '12' },
    accepted: () => fake.accepted.map((a) => new URLSearchParams(a.form).toString() + a.form.Body),
    refused: { to: { name: 'Ada', phone: '+447911123999' }, reason: /21211.*not valid/ },
    throttleNext: (s) => fake.throttleNext(s),
    failNext: () => fake.failNext(503),
    withWrongSecret: {
      channel: createTwilioSmsChannel(configFor(fake, { authToken: wrong })),
      secret: wrong,
      reason: /Twilio refused the account SID or auth token \(20003\)/,
    },
    secrets: [fake.authToken],
    close: () => fake.close(),
  };
});

describe('sms-twilio channel', () => {
  let fake: FakeTwilio;
  beforeAll(async () => {
    fake = await startFakeTwilio();
  });
  afterAll(() => fake.close());

  it('texts the number in E.164 from the configured sender, one segment, with the status callback', async () => {
    const channel = createTwilioSmsChannel(
      configFor(fake, { defaultCountry: 'GB', statusCallbackUrl: 'https://app.example/api/webhooks/twilio' }),
    );
    const n = sampleNotification({ name: 'Ada', phone: '07911 123457' });
    const result = await channel.send(n);
    const { form, message } = fake.accepted.at(-1)!;
    expect(result).toEqual({ status: 'sent', providerMessageId: message.sid });
    expect(form).toMatchObject({
      To: '+447911123457',
      From: '+14155552671',
      StatusCallback: 'https://app.example/api/webhooks/twilio',
    });
    expect(form.Body).toContain('When: Tue 10 Mar 2026, 14:00-14:30 (London time)');
    expect(message.num_segments).toBe('1');
  });

  it('sends through a Messaging Service when one is configured', async () => {
    const channel = createTwilioSmsChannel(
      configFor(fake, { from: undefined, messagingServiceSid: 'MG123' }),
    );
    expect((await channel.send(sampleNotification({ name: 'Ada', phone: '+447911123456' }))).status).toBe(
      'sent',
    );
    expect(fake.accepted.at(-1)!.form).toMatchObject({ MessagingServiceSid: 'MG123' });
    expect(fake.accepted.at(-1)!.form.From).toBeUndefined();
  });

  it('says a recipient who replied STOP has unsubscribed (21610), so another channel can be tried', async () => {
    fake.unsubscribed.add('+447911123666');
    const result = await createTwilioSmsChannel(configFor(fake)).send(
      sampleNotification({ name: 'Ada', phone: '+447911123666' }),
    );
    expect(result).toEqual({
      status: 'rejected',
      reason:
        'Twilio refused the SMS (21610): the recipient has unsubscribed (replied STOP) — Attempt to send to unsubscribed recipient',
    });
  });

  it('refuses a number that is not one before calling Twilio', async () => {
    const before = fake.accepted.length;
    const result = await createTwilioSmsChannel(configFor(fake)).send(
      sampleNotification({ name: 'Ada', phone: '0791' }),
    );
    expect(result).toMatchObject({ status: 'rejected', reason: 'No valid mobile number to text.' });
    expect(fake.accepted.length).toBe(before);
  });

  it('asks to retry when Twilio cannot be reached', async () => {
    const down = await startFakeTwilio();
    await down.close();
    const result = await createTwilioSmsChannel(configFor(down)).send(
      sampleNotification({ name: 'Ada', phone: '+447911123456' }),
    );
    expect(result).toMatchObject({ status: 'retry', reason: 'Twilio could not be reached (ECONNREFUSED)' });
  });
});

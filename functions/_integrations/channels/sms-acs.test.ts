import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeAcsSms, startFakeAcsSms } from '../../../tests/fakes/acs-sms-server.js';
import { runChannelContract, sampleNotification } from './contract.test-support.js';
import { createMemorySentLedger, sendOnce } from './sent-ledger.js';
import { type AcsSmsConfig, createAcsSmsChannel } from './sms-acs.js';

const configFor = (fake: FakeAcsSms, over: Partial<AcsSmsConfig> = {}): AcsSmsConfig => ({
  endpoint: fake.endpoint,
  accessKey: fake.accessKey,
  from: '+18445550100',
  ...over,
});

runChannelContract('sms-acs', async () => {
  const fake = await startFakeAcsSms();
  fake.refused.set('+447911123999', 'Message sending failed because the recipient has opted out.');
  const wrong = Buffer.from('w'.repeat(64)).toString('base64');
  return {
    channel: sendOnce(createAcsSmsChannel(configFor(fake)), createMemorySentLedger()),
    reachable: { name: 'Ada', phone: '+44 7911 123456' },
    unreachable: { name: 'Ada', email: 'ada@example.com' },
    accepted: () => fake.accepted.map((a) => JSON.stringify(a.body)),
    refused: { to: { name: 'Ada', phone: '+447911123999' }, reason: /\(400\).*opted out/ },
    throttleNext: (s) => fake.throttleNext(s),
    failNext: () => fake.failNext(),
    withWrongSecret: {
      channel: createAcsSmsChannel(configFor(fake, { accessKey: wrong })),
      secret: wrong,
      reason: /ACS refused the credentials \(401\)/,
    },
    secrets: [fake.accessKey],
    close: () => fake.close(),
  };
});

describe('sms-acs channel', () => {
  let fake: FakeAcsSms;
  beforeAll(async () => {
    fake = await startFakeAcsSms();
  });
  afterAll(() => fake.close());

  it('sends one HMAC-signed request: the E.164 number, one segment, delivery reports on, our id as tag', async () => {
    const n = sampleNotification({ name: 'Ada', phone: '07911 123457' });
    const result = await createAcsSmsChannel(configFor(fake, { defaultCountry: 'GB' })).send(n);
    const last = fake.accepted.at(-1)!;
    expect(result).toEqual({ status: 'sent', providerMessageId: last.messageId });
    expect(last.body).toMatchObject({
      from: '+18445550100',
      smsRecipients: [{ to: '+447911123457' }],
      smsSendOptions: { enableDeliveryReport: true, tag: n.id },
    });
    expect(last.body.message).toContain('When: Tue 10 Mar 2026, 14:00-14:30 (London time)');
  });
});

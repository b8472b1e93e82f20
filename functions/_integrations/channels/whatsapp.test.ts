import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeWhatsApp, startFakeWhatsApp } from '../../../tests/fakes/whatsapp-server.js';
import { runChannelContract, sampleNotification } from './contract.test-support.js';
import { createMemorySentLedger, sendOnce } from './sent-ledger.js';
import { createWhatsAppChannel, type WhatsAppConfig } from './whatsapp.js';

const configFor = (fake: FakeWhatsApp, over: Partial<WhatsAppConfig> = {}): WhatsAppConfig => ({
  phoneNumberId: fake.phoneNumberId,
  accessToken: fake.accessToken,
  template: { name: 'meeting_update', language: 'en' },
  apiUrl: fake.url,
  ...over,
});

runChannelContract('whatsapp', async () => {
  const fake = await startFakeWhatsApp();
  fake.notOnWhatsApp.add('447911123999');
  const wrong = `EAAG${'0'.repeat(40)}`;
  return {
    channel: sendOnce(createWhatsAppChannel(configFor(fake)), createMemorySentLedger()),
    reachable: { name: 'Ada', phone: '+44 7911 123456' },
    unreachable: { name: 'Ada', email: 'ada@example.com' },
    accepted: () => fake.accepted.map((a) => JSON.stringify(a.body)),
    refused: { to: { name: 'Ada', phone: '+447911123999' }, reason: /131026.*not on WhatsApp/ },
    throttleNext: () => fake.throttleNext(),
    tellsRetryAfter: false,
    failNext: () => fake.failNext(),
    withWrongSecret: {
      channel: createWhatsAppChannel(configFor(fake, { accessToken: wrong })),
      secret: wrong,
      reason: /WhatsApp refused the access token \(190\)/,
    },
    secrets: [fake.accessToken],
    close: () => fake.close(),
  };
});

describe('whatsapp channel', () => {
  let fake: FakeWhatsApp;
  beforeAll(async () => {
    fake = await startFakeWhatsApp();
  });
  afterAll(() => fake.close());

  it('starts a conversation with the approved template: headline, when and the join link as its values', async () => {
    const n = sampleNotification({ name: 'Ada', phone: '+447911123456' });
    const result = await createWhatsAppChannel(configFor(fake)).send(n);
    const last = fake.accepted.at(-1)!;
    expect(result).toEqual({ status: 'sent', providerMessageId: last.id });
    expect(last.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '+447911123456',
      type: 'template',
      template: {
        name: 'meeting_update',
        language: { code: 'en' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Your Intro call with Hana Host is booked.' },
              { type: 'text', text: 'Tue 10 Mar 2026, 14:00–14:30 (London time)' },
              { type: 'text', text: `https://meet.jit.si/momentum-${n.id}` },
            ],
          },
        ],
      },
    });
  });

  it('sends the whole text as a free message inside the 24-hour window', async () => {
    fake.windowOpen.add('447911123457');
    const n = sampleNotification({ name: 'Ada', phone: '+447911123457' }, { serviceWindowOpen: true });
    expect((await createWhatsAppChannel(configFor(fake)).send(n)).status).toBe('sent');
    expect(fake.accepted.at(-1)!.body).toMatchObject({
      type: 'text',
      text: { body: n.text, preview_url: true },
    });
  });

  it('falls back to the template when Meta says the window has closed (131047)', async () => {
    const n = sampleNotification({ name: 'Ada', phone: '+447911123458' }, { serviceWindowOpen: true });
    expect((await createWhatsAppChannel(configFor(fake)).send(n)).status).toBe('sent');
    expect(fake.accepted.at(-1)!.body.type).toBe('template');
  });

  it('names a missing template so the owner can fix the connection', async () => {
    const result = await createWhatsAppChannel(
      configFor(fake, { template: { name: 'meeting_update', language: 'de' } }),
    ).send(sampleNotification({ name: 'Ada', phone: '+447911123456' }));
    expect(result).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/^WhatsApp refused the message \(132001\): the template does not exist/),
    });
  });

  it('asks to retry when WhatsApp cannot be reached', async () => {
    const down = await startFakeWhatsApp();
    await down.close();
    const result = await createWhatsAppChannel(configFor(down)).send(
      sampleNotification({ name: 'Ada', phone: '+447911123456' }),
    );
    expect(result).toMatchObject({ status: 'retry', reason: 'WhatsApp could not be reached (ECONNREFUSED)' });
  });
});

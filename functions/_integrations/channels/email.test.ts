import { describe, expect, it } from 'vitest';
import { createMemoryOutboxStore } from '../../../tests/fakes/outbox-store.js';
import { startFakeSendGrid } from '../../../tests/fakes/sendgrid-server.js';
import { createOutboxEmail } from '../email/outbox.js';
import { createSendGridEmail } from '../email/sendgrid.js';
import { runChannelContract, sampleNotification } from './contract.test-support.js';
import { createEmailChannel } from './email.js';
import { createMemorySentLedger, sendOnce } from './sent-ledger.js';

runChannelContract('email (SendGrid)', async () => {
  const fake = await startFakeSendGrid();
  const wrongKey = 'SG.wrong-key.do-not-show-1234';
  const channel = (key: string) =>
    sendOnce(
      createEmailChannel(createSendGridEmail({ SENDGRID_API_KEY: key, SENDGRID_API_URL: fake.url })),
      createMemorySentLedger(),
    );
  return {
    channel: channel(fake.apiKey),
    reachable: { name: 'Ada Lovelace', email: 'ada@example.com' },
    unreachable: { name: 'Ada Lovelace', phone: '+447700900123' },
    accepted: () => fake.accepted.map((a) => JSON.stringify(a.body)),
    refused: { to: { name: 'Nobody', email: 'not-an-address' }, reason: /valid address/ },
    throttleNext: (s) => fake.throttleNext(s),
    failNext: () => fake.failNext(503),
    withWrongSecret: { channel: channel(wrongKey), secret: wrongKey, reason: /SENDGRID_API_KEY/ },
    secrets: [fake.apiKey],
    close: () => fake.close(),
  };
});

describe('email channel', () => {
  it('keeps the outbox answer: a notice the outbox already holds is already-sent', async () => {
    const store = createMemoryOutboxStore();
    const channel = createEmailChannel(createOutboxEmail(store));
    const n = sampleNotification({ name: 'Ada', email: 'ada@example.com' });
    expect((await channel.send(n)).status).toBe('sent');
    expect(await channel.send(n)).toEqual({ status: 'already-sent' });
    expect(store.docs).toHaveLength(1);
  });
});

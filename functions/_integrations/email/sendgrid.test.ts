import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FakeSendGrid,
  type MailSendBody,
  startFakeSendGrid,
} from '../../../tests/fakes/sendgrid-server.js';
import { type DeliveredEmail, runEmailProviderContract, sampleEmail } from './contract.test-support.js';
import { createSendGridEmail } from './sendgrid.js';

const settingsFor = (fake: FakeSendGrid, key = fake.apiKey) => ({
  SENDGRID_API_KEY: key,
  SENDGRID_API_URL: fake.url,
});

/** What a recipient would get from the JSON SendGrid accepted. */
function asDelivered(body: MailSendBody): DeliveredEmail {
  const p = body.personalizations[0]!;
  const headers = Object.fromEntries(
    Object.entries(body.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  if (p.cc) headers.cc = p.cc.map((a) => a.email).join(', ');
  if (p.bcc) headers.bcc = p.bcc.map((a) => a.email).join(', ');
  return {
    from: body.from,
    to: p.to[0]!,
    ...(body.reply_to ? { replyTo: body.reply_to } : {}),
    subject: p.subject ?? body.subject ?? '',
    text: body.content?.find((c) => c.type === 'text/plain')?.value ?? '',
    html: body.content?.find((c) => c.type === 'text/html')?.value ?? '',
    headers,
    attachments: (body.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.type ?? '',
      content: Buffer.from(a.content, 'base64'),
    })),
  };
}

runEmailProviderContract('sendgrid', async () => {
  const fake = await startFakeSendGrid();
  return {
    provider: createSendGridEmail(settingsFor(fake)),
    async delivered(email) {
      const found = fake.accepted.find((a) => a.body.custom_args?.momentum_message_id === email.id);
      return found && asDelivered(found.body);
    },
    rejectedAddress: 'not-an-address',
    throttleNext: (seconds) => fake.throttleNext(seconds),
    tellsRetryAfter: true,
    close: () => fake.close(),
  };
});

describe('sendgrid email provider', () => {
  let fake: FakeSendGrid;
  beforeAll(async () => {
    fake = await startFakeSendGrid();
  });
  afterAll(() => fake.close());

  it('sends SendGrid exactly this /v3/mail/send JSON, and keeps the X-Message-Id it answers with', async () => {
    const email = sampleEmail({
      id: 'msg-1',
      ownerId: 'owner-1',
      subject: 'Coffee?',
      html: '<p>Hi</p>',
      text: 'Hi',
      headers: {
        'List-Unsubscribe': '<https://m.example/u/1>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      attachments: [
        { filename: 'a.txt', contentType: 'text/plain', content: new TextEncoder().encode('hello') },
      ],
      categories: ['campaign:c1'],
      to: { email: 'ada@example.com', name: 'Ada' },
    });
    const [result] = await createSendGridEmail(settingsFor(fake)).send([email]);
    const last = fake.accepted.at(-1)!;
    expect(result).toEqual({ id: 'msg-1', status: 'sent', providerMessageId: last.messageId });
    expect(last.body).toEqual({
      from: { email: 'sam@momentum.example', name: 'Sam Sender' },
      subject: 'Coffee?',
      personalizations: [{ to: [{ email: 'ada@example.com', name: 'Ada' }] }],
      content: [
        { type: 'text/plain', value: 'Hi' },
        { type: 'text/html', value: '<p>Hi</p>' },
      ],
      reply_to: { email: 'replies@momentum.example', name: 'Sam (replies)' },
      headers: {
        'List-Unsubscribe': '<https://m.example/u/1>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      attachments: [
        { content: 'aGVsbG8=', filename: 'a.txt', type: 'text/plain', disposition: 'attachment' },
      ],
      categories: ['campaign:c1'],
      custom_args: { momentum_message_id: 'msg-1', momentum_owner_id: 'owner-1' },
    });
  });

  it('passes on the first error SendGrid gives for a refused email', async () => {
    const [result] = await createSendGridEmail(settingsFor(fake)).send([
      sampleEmail({ to: { email: 'ada@@example' } }),
    ]);
    expect(result).toMatchObject({ status: 'rejected', reason: 'Does not contain a valid address.' });
  });

  it('stops with a configuration error naming the setting, never the key, when SendGrid refuses the key', async () => {
    const wrongKey = 'SG.wrong-key-value.secret-part-1234';
    const provider = createSendGridEmail(settingsFor(fake, wrongKey));
    const failure = await provider.send([sampleEmail()]).catch((err: Error) => err);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/SendGrid refused the API key \(401\).*SENDGRID_API_KEY/);
    expect(JSON.stringify(failure) + String((failure as Error).stack)).not.toContain('wrong-key-value');
    await expect(provider.health()).rejects.toThrow(/SENDGRID_API_KEY/);
  });

  it('says a key without Mail Send permission is not usable, in health and in send', async () => {
    fake.scopes = ['stats.read'];
    try {
      const provider = createSendGridEmail(settingsFor(fake));
      await expect(provider.health()).rejects.toThrow(/Mail Send/);
      await expect(provider.send([sampleEmail()])).rejects.toThrow(/\(403\)/);
    } finally {
      fake.scopes = ['mail.send'];
    }
    await expect(createSendGridEmail(settingsFor(fake)).health()).resolves.toBeUndefined();
  });

  it('asks for another try when SendGrid has a server error or cannot be reached', async () => {
    fake.failNext(503);
    const [busy] = await createSendGridEmail(settingsFor(fake)).send([sampleEmail()]);
    expect(busy).toMatchObject({ status: 'retry', reason: 'SendGrid answered 503: internal error' });

    const down = await startFakeSendGrid();
    await down.close();
    const [unreachable] = await createSendGridEmail(settingsFor(down)).send([sampleEmail()]);
    expect(unreachable).toMatchObject({
      status: 'retry',
      reason: expect.stringMatching(/could not be reached \(ECONNREFUSED\)/),
    });
  });

  it('keeps at most the configured number of requests in flight, over connections it keeps open', async () => {
    const fresh = await startFakeSendGrid();
    fresh.delayMs = 30;
    try {
      const provider = createSendGridEmail(settingsFor(fresh), { concurrency: 2 });
      const results = await provider.send(Array.from({ length: 6 }, () => sampleEmail()));
      expect(results.map((r) => r.status)).toEqual(Array(6).fill('sent'));
      expect(fresh.maxInFlight).toBe(2);
      await provider.send([sampleEmail(), sampleEmail()]);
      expect(fresh.connections).toBe(2);
    } finally {
      await fresh.close();
    }
  });
});

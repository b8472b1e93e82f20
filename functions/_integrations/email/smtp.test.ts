import type { AddressInfo } from 'node:net';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveredEmail, runEmailProviderContract, sampleEmail } from './contract.test-support.js';
import type { EmailAddress } from './email-provider.js';
import { createSmtpEmail } from './smtp.js';

/** A real SMTP server in this process: login required, every message parsed as a mail client would. */
async function startSmtpServer() {
  const received = new Map<string, DeliveredEmail>();
  const raw: string[] = [];
  const rcptReplies: { code: number; message: string }[] = [];
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'momentum' && auth.password === 'p@ss word')
        return callback(null, { user: 'momentum' });
      callback(new Error('Authentication failed'));
    },
    onRcptTo(address, _session, callback) {
      const scripted = rcptReplies.shift();
      if (scripted)
        return callback(Object.assign(new Error(scripted.message), { responseCode: scripted.code }));
      if (address.address.endsWith('@rejected.example'))
        return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const source = Buffer.concat(chunks);
        raw.push(source.toString('utf8'));
        const mail = await simpleParser(source);
        const first = (a: AddressObject | AddressObject[] | undefined): EmailAddress => {
          const v = (Array.isArray(a) ? a[0] : a)?.value[0];
          return { email: v?.address ?? '', ...(v?.name ? { name: v.name } : {}) };
        };
        const headers = Object.fromEntries(
          mail.headerLines.map((h) => [
            h.key,
            h.line
              .slice(h.line.indexOf(':') + 1)
              .replace(/\r?\n/g, '')
              .trim(),
          ]),
        );
        received.set(mail.messageId ?? '', {
          from: first(mail.from),
          to: first(mail.to),
          ...(mail.replyTo ? { replyTo: first(mail.replyTo) } : {}),
          subject: mail.subject ?? '',
          html: mail.html || '',
          text: mail.text ?? '',
          headers,
          attachments: mail.attachments.map((a) => ({
            filename: a.filename ?? '',
            contentType: a.contentType,
            content: a.content,
          })),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: (user = 'momentum', pass = 'p@ss word') =>
      `smtp://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}`,
    received,
    raw,
    refuseNextRecipient: (code: number, message: string) => rcptReplies.push({ code, message }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

runEmailProviderContract('smtp', async () => {
  const smtp = await startSmtpServer();
  const provider = createSmtpEmail({ SMTP_URL: smtp.url(), SENDGRID_API_URL: '' });
  return {
    provider,
    delivered: async (email) => smtp.received.get(`<${email.id}@momentum.example>`),
    rejectedAddress: 'nobody@rejected.example',
    throttleNext: () => smtp.refuseNextRecipient(451, '4.7.1 Too many messages, try again later'),
    tellsRetryAfter: false,
    close: async () => {
      provider.close();
      await smtp.close();
    },
  };
});

describe('smtp email provider', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp.close());

  it('sends our id as the Message-ID and gives the server’s reply reason for a refused mailbox', async () => {
    const provider = createSmtpEmail({ SMTP_URL: smtp.url(), SENDGRID_API_URL: '' });
    try {
      const email = sampleEmail({ id: 'msg-42' });
      const bad = sampleEmail({ to: { email: 'gone@rejected.example' } });
      const [sent, refused] = await provider.send([email, bad]);
      expect(sent).toEqual({ id: 'msg-42', status: 'sent', providerMessageId: '<msg-42@momentum.example>' });
      expect(smtp.raw.at(-1)).toMatch(/^Message-ID: <msg-42@momentum\.example>\r$/m);
      expect(refused).toMatchObject({
        status: 'rejected',
        reason: expect.stringMatching(/550 5\.1\.1 No such user here/),
      });
    } finally {
      provider.close();
    }
  });

  it('stops with a configuration error naming SMTP_URL, never the password, when the login is refused', async () => {
    const provider = createSmtpEmail({
      SMTP_URL: smtp.url('momentum', 'wrong-secret-pw'),
      SENDGRID_API_URL: '',
    });
    try {
      const failure = (await provider.send([sampleEmail()]).catch((err: Error) => err)) as Error;
      expect(failure.message).toMatch(/refused the login.*SMTP_URL/);
      expect(`${failure.message}${failure.stack}`).not.toContain('wrong-secret-pw');
      await expect(provider.health()).rejects.toThrow(/SMTP_URL/);
    } finally {
      provider.close();
    }
    const good = createSmtpEmail({ SMTP_URL: smtp.url(), SENDGRID_API_URL: '' });
    await expect(good.health()).resolves.toBeUndefined();
    good.close();
  });

  it('asks for another try when the server cannot be reached', async () => {
    const gone = await startSmtpServer();
    await gone.close();
    const provider = createSmtpEmail({ SMTP_URL: gone.url(), SENDGRID_API_URL: '' });
    try {
      const [result] = await provider.send([sampleEmail()]);
      expect(result).toMatchObject({ status: 'retry', reason: expect.stringMatching(/ECONNREFUSED/) });
    } finally {
      provider.close();
    }
  });
});

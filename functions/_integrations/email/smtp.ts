import nodemailer from 'nodemailer';
import { mapLimited } from './concurrency.js';
import {
  type EmailAddress,
  EmailConfigurationError,
  type EmailProvider,
  type EmailSettings,
  type OutgoingEmail,
  type SendResult,
} from './email-provider.js';
import { sanitizeEmail } from './headers.js';

/**
 * Any SMTP server through nodemailer, over a pool of kept-open connections. SMTP_URL is
 * smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://user:pass@host:465.
 */

export interface SmtpOptions {
  /** Connections kept open, and emails in flight at once. */
  maxConnections?: number;
  /** Verifies the server's certificate (on unless a local test server has none). */
  rejectUnauthorized?: boolean;
}

/** nodemailer's error for an SMTP refusal or a connection problem. */
interface SmtpError extends Error {
  code?: string;
  responseCode?: number;
  response?: string;
}

/** Our id as the Message-ID, on the sender's domain, so replies and bounces can be matched. */
export const messageIdOf = (email: Pick<OutgoingEmail, 'id' | 'from'>) =>
  `<${email.id}@${email.from.email.split('@')[1] || 'momentum.local'}>`;

/** nodemailer's address shape; it quotes and encodes the name itself. */
const address = (a: EmailAddress) => ({ address: a.email, name: a.name ?? '' });

export function createSmtpEmail(
  settings: EmailSettings,
  options: SmtpOptions = {},
): EmailProvider & { close(): void } {
  const url = settings.SMTP_URL;
  if (!url) throw new EmailConfigurationError('SMTP_URL is not set: SMTP cannot send.');
  const maxConnections = options.maxConnections ?? 3;
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections,
    tls: { rejectUnauthorized: options.rejectUnauthorized ?? true },
  });

  const refusedLogin = () =>
    new EmailConfigurationError(
      'The SMTP server refused the login: check the user and password in SMTP_URL.',
    );

  async function sendOne(original: OutgoingEmail): Promise<SendResult> {
    const email = sanitizeEmail(original);
    try {
      const info = await transport.sendMail({
        messageId: messageIdOf(email),
        from: address(email.from),
        to: address(email.to),
        ...(email.replyTo ? { replyTo: address(email.replyTo) } : {}),
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: email.headers,
        attachments: (email.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.content),
        })),
      });
      if (info.rejected?.length) {
        return { id: email.id, status: 'rejected', reason: `The SMTP server refused ${email.to.email}` };
      }
      return { id: email.id, status: 'sent', providerMessageId: info.messageId };
    } catch (err) {
      const e = err as SmtpError;
      if (e.code === 'EAUTH') throw refusedLogin();
      const reply = e.response ?? e.message;
      // 5xx: a permanent refusal (unknown mailbox, policy). 4xx and lost connections: try again.
      if (e.responseCode && e.responseCode >= 500) return { id: email.id, status: 'rejected', reason: reply };
      if (e.code === 'EENVELOPE' && !e.responseCode)
        return { id: email.id, status: 'rejected', reason: reply };
      return { id: email.id, status: 'retry', reason: `SMTP: ${reply}` };
    }
  }

  return {
    name: 'smtp',
    send: (batch) => mapLimited(batch, maxConnections, sendOne),
    async health() {
      try {
        await transport.verify();
      } catch (err) {
        if ((err as SmtpError).code === 'EAUTH') throw refusedLogin();
        throw new Error(
          `The SMTP server cannot be used: ${(err as SmtpError).response ?? (err as Error).message}`,
        );
      }
    },
    close: () => transport.close(),
  };
}

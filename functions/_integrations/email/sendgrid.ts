import http from 'node:http';
import https from 'node:https';
import sendgridMail from '@sendgrid/mail';

/** The SDK's class (its default export is one shared instance of it). */
const { MailService } = sendgridMail as unknown as { MailService: new () => typeof sendgridMail };

import { mapLimited, retryAfterSeconds } from './concurrency.js';
import {
  EmailConfigurationError,
  type EmailProvider,
  type EmailSettings,
  type OutgoingEmail,
  type SendResult,
} from './email-provider.js';
import { sanitizeEmail } from './headers.js';

/**
 * SendGrid through its own SDK (@sendgrid/mail), one POST /v3/mail/send per email. A MailService
 * instance of our own, not the SDK's global one, so the API address can be a local server in tests.
 */

/** The part of the SDK's HTTP client we use (MailService keeps it as `client`). */
interface SendGridClient {
  setApiKey(key: string): void;
  setDefaultRequest(key: string, value: unknown): void;
  request(data: { method: string; url: string }): Promise<[{ statusCode: number }, unknown]>;
}

/** What the SDK rejects with for an HTTP answer ≥ 400. */
interface SendGridResponseError {
  code: number;
  response?: {
    headers?: Record<string, string>;
    body?: { errors?: { message?: string; field?: string | null }[] };
  };
}

export interface SendGridOptions {
  /** Emails in flight at once (and sockets kept open). */
  concurrency?: number;
  timeoutMs?: number;
}

/** The custom args SendGrid returns with every event (webhook): our message id and the owner's id. */
export const MESSAGE_ID_ARG = 'momentum_message_id';
export const OWNER_ID_ARG = 'momentum_owner_id';

/**
 * Emails in flight at once per provider (one worker process), unless told otherwise. Each send is
 * one HTTP round trip, so throughput is about concurrency / latency: 4 in flight gave under 1,000 emails/s
 * even against a local server (bench/results/email.md), and would give ~20–40/s at 100–200 ms a call.
 * 16 keeps one 50-email batch to about three rounds and the sockets few.
 */
export const SENDGRID_CONCURRENCY = 16;

export function createSendGridEmail(settings: EmailSettings, options: SendGridOptions = {}): EmailProvider {
  const apiKey = settings.SENDGRID_API_KEY;
  if (!apiKey) throw new EmailConfigurationError('SENDGRID_API_KEY is not set: SendGrid cannot send.');
  const concurrency = options.concurrency ?? SENDGRID_CONCURRENCY;
  const service = new MailService();
  const client = (service as unknown as { client: SendGridClient }).client;
  client.setApiKey(apiKey);
  // setApiKey() resets the address to api.sendgrid.com; set ours after it.
  client.setDefaultRequest('baseUrl', settings.SENDGRID_API_URL.replace(/\/?$/, '/'));
  const agentOptions = { keepAlive: true, maxSockets: concurrency };
  client.setDefaultRequest('httpsAgent', new https.Agent(agentOptions));
  client.setDefaultRequest('httpAgent', new http.Agent(agentOptions));
  service.setTimeout(options.timeoutMs ?? 15_000);

  const refusedKey = (status: number) =>
    new EmailConfigurationError(
      `SendGrid refused the API key (${status}): check SENDGRID_API_KEY — it must be valid and allow Mail Send.`,
    );

  async function sendOne(original: OutgoingEmail): Promise<SendResult> {
    const email = sanitizeEmail(original);
    try {
      const [response] = await service.send(toMailData(email));
      const providerMessageId = headerOf(response.headers, 'x-message-id');
      return { id: email.id, status: 'sent', ...(providerMessageId ? { providerMessageId } : {}) };
    } catch (err) {
      const status = (err as Partial<SendGridResponseError>).code;
      if (typeof status !== 'number') {
        // No HTTP answer: connection refused or reset, DNS, timeout. Worth another try.
        const code = (err as { code?: string }).code;
        return {
          id: email.id,
          status: 'retry',
          reason: `SendGrid could not be reached (${code ?? (err as Error).message})`,
        };
      }
      const { response } = err as SendGridResponseError;
      const first = response?.body?.errors?.[0]?.message;
      if (status === 401 || status === 403) throw refusedKey(status);
      const retryAfter = retryAfterSeconds(headerOf(response?.headers, 'retry-after'));
      if (status === 429 || status >= 500) {
        return {
          id: email.id,
          status: 'retry',
          reason:
            status === 429
              ? 'SendGrid rate limit reached'
              : `SendGrid answered ${status}${first ? `: ${first}` : ''}`,
          ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
        };
      }
      return { id: email.id, status: 'rejected', reason: first ?? `SendGrid refused the email (${status})` };
    }
  }

  return {
    name: 'sendgrid',
    send: (batch) => mapLimited(batch, concurrency, sendOne),
    async health() {
      try {
        const [, body] = await client.request({ method: 'GET', url: '/v3/scopes' });
        const scopes = (body as { scopes?: string[] })?.scopes ?? [];
        if (!scopes.includes('mail.send')) {
          throw new EmailConfigurationError('The SendGrid API key lacks the Mail Send permission.');
        }
      } catch (err) {
        const status = (err as Partial<SendGridResponseError>).code;
        if (status === 401 || status === 403) throw refusedKey(status);
        if (typeof status === 'number') throw new Error(`SendGrid answered ${status}`);
        throw err;
      }
    },
  };
}

/** The SDK's mail data for one email; the SDK turns it into the /v3/mail/send JSON. */
function toMailData(email: OutgoingEmail) {
  return {
    from: email.from,
    to: email.to,
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    subject: email.subject,
    // text/plain first, then text/html, as SendGrid requires.
    content: [
      { type: 'text/plain', value: email.text },
      { type: 'text/html', value: email.html },
    ] as [{ type: string; value: string }, ...{ type: string; value: string }[]],
    ...(Object.keys(email.headers).length ? { headers: email.headers } : {}),
    ...(email.attachments?.length
      ? {
          attachments: email.attachments.map((a) => ({
            content: Buffer.from(a.content).toString('base64'),
            filename: a.filename,
            type: a.contentType,
            disposition: 'attachment',
          })),
        }
      : {}),
    ...(email.categories?.length ? { categories: email.categories } : {}),
    customArgs: { [MESSAGE_ID_ARG]: email.id, [OWNER_ID_ARG]: email.ownerId },
  };
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  const value = typeof h.get === 'function' ? h.get(name) : h[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? String(value[0]) : undefined;
}

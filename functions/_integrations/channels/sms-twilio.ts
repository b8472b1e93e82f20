import { AsyncLocalStorage } from 'node:async_hooks';
import type { CountryCode } from 'libphonenumber-js';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { retryAfterSeconds } from '../email/concurrency.js';
import type { DeliveryResult, NotificationChannel } from './channel.js';
import { fitSms, toE164 } from './sms.js';

/**
 * SMS through Twilio's Programmable Messaging API with the official SDK (twilio 6): one
 * `messages.create` per notice, the text fitted into one segment where it can be (sms.ts), the
 * number in E.164. Twilio has no idempotency key for messages: the registry wraps this channel in
 * sendOnce. Twilio's error codes become the reason a person reads (21211 invalid number, 21610 the
 * recipient replied STOP, …); a refused SID or token is 'rejected' naming the connection, never the token.
 */

export interface TwilioSmsConfig {
  accountSid: string;
  authToken: string;
  /** The sending number in E.164, or a Messaging Service (which picks the number itself). */
  from?: string | undefined;
  messagingServiceSid?: string | undefined;
  /** Where Twilio POSTs delivery statuses (validated with X-Twilio-Signature, twilio-webhook.ts). */
  statusCallbackUrl?: string | undefined;
  /** The country of numbers written without +. */
  defaultCountry?: CountryCode | undefined;
  /** Another API origin than https://api.twilio.com: tests point it at a local server. */
  apiUrl?: string | undefined;
}

/** What Twilio's numbered errors mean to the person reading the notification log. */
const TWILIO_ERRORS: Record<number, string> = {
  21211: 'the phone number is not valid',
  21214: 'the phone number cannot be reached',
  21408: 'SMS to that country is not enabled on the Twilio account',
  21610: 'the recipient has unsubscribed (replied STOP)',
  21612: 'the sending number cannot send to this number',
  21614: 'the number is not a mobile number',
  21606: 'the sending number cannot send SMS',
  30007: 'the carrier filtered the message',
};

interface Exchange {
  retryAfter?: string | undefined;
}

/**
 * The SDK's own HTTP client (axios, Basic auth, form encoding) with two changes: requests for
 * api.twilio.com go to `apiUrl` when one is set — the documented way to swap the client is the
 * `httpClient` option — and each answer's Retry-After is kept for the send that asked, since the
 * SDK's RestException drops the headers.
 */
class TwilioHttpClient extends twilio.RequestClient {
  constructor(
    private readonly apiUrl: string | undefined,
    private readonly exchange: AsyncLocalStorage<Exchange>,
  ) {
    super({ timeout: 15_000, keepAlive: true });
  }

  override async request<T>(opts: RequestClient.RequestOptions<T>) {
    let uri = opts.uri;
    if (this.apiUrl) {
      const target = new URL(opts.uri);
      uri = `${this.apiUrl.replace(/\/+$/, '')}${target.pathname}${target.search}`;
    }
    const response = await super.request<T>({ ...opts, uri });
    const box = this.exchange.getStore();
    if (box) box.retryAfter = header(response.headers, 'retry-after');
    return response;
  }
}

export function createTwilioSmsChannel(config: TwilioSmsConfig): NotificationChannel {
  if (!config.from && !config.messagingServiceSid)
    throw new Error('Twilio SMS needs a sending number (from) or a Messaging Service SID');
  const exchange = new AsyncLocalStorage<Exchange>();
  const client = twilio(config.accountSid, config.authToken, {
    httpClient: new TwilioHttpClient(config.apiUrl, exchange),
    autoRetry: false, // a 429 goes back to the queue with its Retry-After, not a blocked worker
  });
  const clean = (text: string) => text.split(config.authToken).join('***');

  function failure(err: unknown, box: Exchange): DeliveryResult {
    if (!(err instanceof twilio.RestException)) {
      const code = (err as { code?: string }).code ?? (err as Error).message;
      return { status: 'retry', reason: clean(`Twilio could not be reached (${code})`) };
    }
    const { status, code, message } = err;
    if (status === 401 || status === 403)
      return {
        status: 'rejected',
        reason: `Twilio refused the account SID or auth token (${code ?? status}): reconnect SMS with valid Twilio credentials.`,
      };
    if (status === 429)
      return {
        status: 'retry',
        reason: 'Twilio rate limit reached',
        retryAfterSeconds: retryAfterSeconds(box.retryAfter),
      };
    if (status >= 500) return { status: 'retry', reason: clean(`Twilio answered ${status}: ${message}`) };
    const meaning = code !== undefined ? TWILIO_ERRORS[code] : undefined;
    return {
      status: 'rejected',
      reason: clean(
        `Twilio refused the SMS (${code ?? status}): ${meaning ? `${meaning} — ` : ''}${message}`,
      ),
    };
  }

  return {
    name: 'sms-twilio',
    canReach: (to) => toE164(to.phone, config.defaultCountry) !== undefined,
    async send(n) {
      const to = toE164(n.to.phone, config.defaultCountry);
      if (!to) return { status: 'rejected', reason: 'No valid mobile number to text.' };
      const box: Exchange = {};
      try {
        const message = await exchange.run(box, () =>
          client.messages.create({
            to,
            body: fitSms(n).body,
            ...(config.messagingServiceSid
              ? { messagingServiceSid: config.messagingServiceSid }
              : { from: config.from! }),
            ...(config.statusCallbackUrl ? { statusCallback: config.statusCallbackUrl } : {}),
          }),
        );
        return { status: 'sent', providerMessageId: message.sid };
      } catch (err) {
        return failure(err, box);
      }
    },
  };
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

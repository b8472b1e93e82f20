import { SmsClient } from '@azure/communication-sms';
import type { TokenCredential } from '@azure/identity';
import type { CountryCode } from 'libphonenumber-js';
import { retryAfterSeconds } from '../email/concurrency.js';
import type { NotificationChannel } from './channel.js';
import { fitSms, toE164 } from './sms.js';

/**
 * SMS through Azure Communication Services with its SDK (@azure/communication-sms): on Azure with
 * the Function App's managed identity (a TokenCredential; the resource has local auth off), or an
 * access key (HMAC-signed requests; what tests use against a local server). The SDK's pipeline
 * retries are off (maxRetries 0): a 429 goes back to the queue with its Retry-After. ACS answers a
 * refused recipient inside a 202, per recipient, so that is read too.
 */

export interface AcsSmsConfig {
  /** The resource's endpoint, e.g. https://contoso.communication.azure.com/ (tests: a local server). */
  endpoint: string;
  /** Either the access key, or a token credential (managed identity on Azure). */
  accessKey?: string | undefined;
  credential?: TokenCredential | undefined;
  /** The ACS phone number (E.164) or alphanumeric sender id it sends from. */
  from: string;
  /** Whether ACS sends delivery reports (through Event Grid) for these messages. */
  enableDeliveryReport?: boolean | undefined;
  defaultCountry?: CountryCode | undefined;
}

/** The part of @azure/core-rest-pipeline's RestError read here. */
interface RestError extends Error {
  statusCode?: number;
  response?: { headers: { get(name: string): string | undefined } };
}

export function createAcsSmsChannel(config: AcsSmsConfig): NotificationChannel {
  // The SDK refuses plain http unless told; only a local server (tests) may use it.
  const local = ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(config.endpoint).hostname);
  const options = { retryOptions: { maxRetries: 0 }, ...(local ? { allowInsecureConnection: true } : {}) };
  let client: SmsClient;
  // A KeyCredential is only `{ key }`: the SDK signs each request with it (HMAC-SHA256).
  if (config.accessKey) client = new SmsClient(config.endpoint, { key: config.accessKey }, options);
  else if (config.credential) client = new SmsClient(config.endpoint, config.credential, options);
  else throw new Error('ACS SMS needs an access key or a token credential');
  const clean = (text: string) => (config.accessKey ? text.split(config.accessKey).join('***') : text);

  return {
    name: 'sms-acs',
    canReach: (to) => toE164(to.phone, config.defaultCountry) !== undefined,
    async send(n) {
      const to = toE164(n.to.phone, config.defaultCountry);
      if (!to) return { status: 'rejected', reason: 'No valid mobile number to text.' };
      try {
        const [result] = await client.send(
          { from: config.from, to: [to], message: fitSms(n).body },
          { enableDeliveryReport: config.enableDeliveryReport ?? true, tag: n.id.slice(0, 64) },
        );
        if (result?.successful) return { status: 'sent', providerMessageId: result.messageId };
        const status = result?.httpStatusCode ?? 0;
        const said = clean(result?.errorMessage ?? `status ${status}`);
        if (status === 429 || status >= 500)
          return { status: 'retry', reason: `ACS could not send the SMS: ${said}` };
        return { status: 'rejected', reason: `ACS refused the SMS (${status}): ${said}` };
      } catch (err) {
        const rest = err as RestError;
        if (rest.name !== 'RestError' || !rest.statusCode)
          return {
            status: 'retry',
            reason: clean(
              `ACS could not be reached (${(err as { code?: string }).code ?? (err as Error).message})`,
            ),
          };
        const status = rest.statusCode;
        if (status === 401 || status === 403)
          return {
            status: 'rejected',
            reason: `ACS refused the credentials (${status}): check the Communication Services key or the identity's role.`,
          };
        if (status === 429)
          return {
            status: 'retry',
            reason: 'ACS rate limit reached',
            retryAfterSeconds: retryAfterSeconds(rest.response?.headers.get('retry-after') ?? undefined),
          };
        if (status >= 500) return { status: 'retry', reason: `ACS answered ${status}` };
        return { status: 'rejected', reason: clean(`ACS refused the SMS (${status}): ${rest.message}`) };
      }
    },
  };
}

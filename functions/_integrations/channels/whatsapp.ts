import type { CountryCode } from 'libphonenumber-js';
import { retryAfterSeconds } from '../email/concurrency.js';
import type { DeliveryResult, Notification, NotificationChannel } from './channel.js';
import { toE164 } from './sms.js';

/**
 * WhatsApp through the WhatsApp Business Cloud API (Graph API, `POST /{version}/{phone-number-id}/messages`
 * with the system user's token). There is no official Node SDK, so this is fetch. A notice the
 * business starts must be an approved template; free text is allowed only inside the 24-hour
 * customer service window, which the caller knows (`serviceWindowOpen`). When the caller thought
 * the window open and Meta says it closed (131047), the same notice goes once more as the template.
 */

/** Graph API version used unless configured: the current one when this was written. */
export const GRAPH_API_VERSION = 'v23.0';

export interface WhatsAppConfig {
  phoneNumberId: string;
  accessToken: string;
  /**
   * The approved template for business-initiated notices. Its body has three variables:
   * {{1}} the headline ("Your Intro call with Hana Host is booked."), {{2}} when, {{3}} the main link.
   */
  template: { name: string; language: string };
  defaultCountry?: CountryCode | undefined;
  graphApiVersion?: string | undefined;
  /** Another origin than https://graph.facebook.com: tests point it at a local server. */
  apiUrl?: string | undefined;
  fetch?: typeof fetch;
}

interface GraphError {
  error?: { message?: string; code?: number; error_data?: { details?: string } };
}

/** Meta's codes for "not now": throughput (130429), pair rate (131056), app and account limits. */
const RATE_LIMITS: Record<number, number> = { 4: 300, 80007: 300, 130429: 5, 131056: 60 };
/** What Meta's refusals mean to the person reading the notification log. */
const MEANINGS: Record<number, string> = {
  131026: 'the number is not on WhatsApp or cannot receive this message',
  131047: 'more than 24 hours since they last wrote: only a template may be sent',
  131049: 'Meta chose not to deliver it (marketing limits)',
  131050: 'the recipient stopped marketing messages',
  132000: 'the template needs a different number of values',
  132001: 'the template does not exist in that language',
  133010: 'the sending phone number is not registered',
};

export function createWhatsAppChannel(config: WhatsAppConfig): NotificationChannel {
  const origin = (config.apiUrl ?? 'https://graph.facebook.com').replace(/\/+$/, '');
  const endpoint = `${origin}/${config.graphApiVersion ?? GRAPH_API_VERSION}/${encodeURIComponent(config.phoneNumberId)}/messages`;
  const doFetch = config.fetch ?? fetch;
  const clean = (text: string) => text.split(config.accessToken).join('***');

  async function post(
    body: unknown,
  ): Promise<{ ok: true; id: string } | { ok: false; result: DeliveryResult; code?: number }> {
    let res: Response;
    try {
      res = await doFetch(endpoint, {
        method: 'POST',
        headers: { authorization: `Bearer ${config.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
      return { ok: false, result: { status: 'retry', reason: `WhatsApp could not be reached (${cause})` } };
    }
    const text = await res.text();
    if (res.ok) {
      const id = (JSON.parse(text) as { messages?: { id: string }[] }).messages?.[0]?.id ?? '';
      return { ok: true, id };
    }
    let parsed: GraphError = {};
    try {
      parsed = JSON.parse(text) as GraphError;
    } catch {}
    const code = parsed.error?.code;
    const said = clean(parsed.error?.error_data?.details ?? parsed.error?.message ?? `HTTP ${res.status}`);
    if (res.status === 401 || code === 190)
      return {
        ok: false,
        code,
        result: {
          status: 'rejected',
          reason: `WhatsApp refused the access token (${code ?? res.status}): reconnect WhatsApp with a valid system user token.`,
        },
      };
    const wait = code !== undefined ? RATE_LIMITS[code] : undefined;
    if (res.status === 429 || wait !== undefined)
      return {
        ok: false,
        code,
        result: {
          status: 'retry',
          reason: `WhatsApp rate limit reached (${code ?? 429}): ${said}`,
          retryAfterSeconds: retryAfterSeconds(res.headers.get('retry-after') ?? undefined) ?? wait ?? 60,
        },
      };
    if (res.status >= 500)
      return {
        ok: false,
        code,
        result: { status: 'retry', reason: `WhatsApp answered ${res.status}: ${said}` },
      };
    const meaning = code !== undefined ? MEANINGS[code] : undefined;
    return {
      ok: false,
      code,
      result: {
        status: 'rejected',
        reason: `WhatsApp refused the message (${code ?? res.status}): ${meaning ? `${meaning} — ` : ''}${said}`,
      },
    };
  }

  const base = (to: string) => ({ messaging_product: 'whatsapp', recipient_type: 'individual', to });

  const templateBody = (to: string, n: Notification) => {
    const [when] = n.details?.facts ?? [];
    const [link] = n.details?.links ?? [];
    const values = [n.details?.headline ?? n.subject, when?.value ?? '', link?.url ?? ''];
    return {
      ...base(to),
      type: 'template',
      template: {
        name: config.template.name,
        language: { code: config.template.language },
        // Meta refuses an empty parameter, and new lines or 4+ spaces in one.
        components: [
          {
            type: 'body',
            parameters: values.map((v) => ({ type: 'text', text: v.replace(/\s+/g, ' ').trim() || '-' })),
          },
        ],
      },
    };
  };

  return {
    name: 'whatsapp',
    canReach: (to) => toE164(to.phone, config.defaultCountry) !== undefined,
    async send(n) {
      const to = toE164(n.to.phone, config.defaultCountry);
      if (!to) return { status: 'rejected', reason: 'No valid WhatsApp number.' };
      if (n.serviceWindowOpen) {
        const free = await post({ ...base(to), type: 'text', text: { preview_url: true, body: n.text } });
        if (free.ok) return { status: 'sent', providerMessageId: free.id };
        if (free.code !== 131047) return free.result;
      }
      const sent = await post(templateBody(to, n));
      return sent.ok ? { status: 'sent', providerMessageId: sent.id } : sent.result;
    },
  };
}

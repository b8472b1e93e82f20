import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The WhatsApp Cloud API webhook, pure (no HTTP): the webhook function hands in the query, the
 * raw body and the headers, and gets a decision and typed events back.
 *
 * - Subscription check: Meta GETs `?hub.mode=subscribe&hub.verify_token=<ours>&hub.challenge=<n>`
 *   and expects the challenge echoed with 200 when the token is ours.
 * - Every POST carries `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body, keyed
 *   with the app secret>`. It must be computed over the bytes received — re-serialised JSON differs
 *   (Meta escapes non-ASCII as \uXXXX) — and compared in constant time.
 * - The body is `{ object: 'whatsapp_business_account', entry: [{ changes: [{ field: 'messages',
 *   value: { metadata, contacts, messages?, statuses? } }] }] }`. Meta sends no timestamp in the
 *   signature and retries for days, so a replay is possible: consumers apply events idempotently by
 *   their ids (a message id, or a status for a message id).
 */

export function verifySubscription(
  query: URLSearchParams,
  verifyToken: string,
): { status: 200; body: string } | { status: 403 } {
  const mode = query.get('hub.mode');
  const token = query.get('hub.verify_token') ?? '';
  const challenge = query.get('hub.challenge');
  if (mode !== 'subscribe' || !challenge || !sameText(token, verifyToken)) return { status: 403 };
  return { status: 200, body: challenge };
}

export function isWhatsAppSignatureValid(
  rawBody: Uint8Array | string,
  signatureHeader: string | undefined,
  appSecret: string,
): boolean {
  const given = /^sha256=([0-9a-f]{64})$/i.exec(signatureHeader?.trim() ?? '')?.[1];
  if (!given || !appSecret) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(given, 'hex'));
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface IncomingWhatsAppMessage {
  kind: 'message';
  /** The business number it was sent to (which connection it belongs to). */
  phoneNumberId: string;
  /** The sender's WhatsApp id (their number, digits only) and profile name. */
  from: string;
  name?: string | undefined;
  messageId: string;
  /** Seconds since the epoch, as Meta gives it. */
  timestamp: number;
  type: string;
  /** The text of a text message, or the label of a tapped button. */
  text?: string | undefined;
}

export type WhatsAppDeliveryStatus = 'sent' | 'delivered' | 'read' | 'failed';

export interface WhatsAppStatusEvent {
  kind: 'status';
  phoneNumberId: string;
  /** The wamid our send returned (DeliveryResult.providerMessageId). */
  messageId: string;
  recipient: string;
  status: WhatsAppDeliveryStatus;
  timestamp: number;
  errors?: { code: number; title: string; details?: string | undefined }[] | undefined;
}

export type WhatsAppEvent = IncomingWhatsAppMessage | WhatsAppStatusEvent;

interface WebhookBody {
  object?: string;
  entry?: {
    changes?: {
      field?: string;
      value?: {
        metadata?: { phone_number_id?: string };
        contacts?: { wa_id?: string; profile?: { name?: string } }[];
        messages?: {
          from?: string;
          id?: string;
          timestamp?: string;
          type?: string;
          text?: { body?: string };
          button?: { text?: string };
          interactive?: { button_reply?: { title?: string }; list_reply?: { title?: string } };
        }[];
        statuses?: {
          id?: string;
          recipient_id?: string;
          status?: string;
          timestamp?: string;
          errors?: { code?: number; title?: string; error_data?: { details?: string } }[];
        }[];
      };
    }[];
  }[];
}

const STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);

/** Every message and status in a (verified) webhook body; anything else is left out. */
export function parseWhatsAppWebhook(body: unknown): WhatsAppEvent[] {
  const b = body as WebhookBody;
  if (b?.object !== 'whatsapp_business_account') return [];
  const events: WhatsAppEvent[] = [];
  for (const entry of b.entry ?? [])
    for (const change of entry.changes ?? []) {
      const value = change.value;
      if (change.field !== 'messages' || !value) continue;
      const phoneNumberId = value.metadata?.phone_number_id ?? '';
      for (const m of value.messages ?? []) {
        if (!m.id || !m.from) continue;
        const text =
          m.text?.body ??
          m.button?.text ??
          m.interactive?.button_reply?.title ??
          m.interactive?.list_reply?.title;
        events.push({
          kind: 'message',
          phoneNumberId,
          from: m.from,
          name: value.contacts?.find((c) => c.wa_id === m.from)?.profile?.name,
          messageId: m.id,
          timestamp: Number(m.timestamp ?? 0),
          type: m.type ?? 'unknown',
          ...(text !== undefined ? { text } : {}),
        });
      }
      for (const s of value.statuses ?? []) {
        if (!s.id || !s.status || !STATUSES.has(s.status)) continue;
        events.push({
          kind: 'status',
          phoneNumberId,
          messageId: s.id,
          recipient: s.recipient_id ?? '',
          status: s.status as WhatsAppDeliveryStatus,
          timestamp: Number(s.timestamp ?? 0),
          ...(s.errors?.length
            ? {
                errors: s.errors.map((e) => ({
                  code: e.code ?? 0,
                  title: e.title ?? '',
                  details: e.error_data?.details,
                })),
              }
            : {}),
        });
      }
    }
  return events;
}

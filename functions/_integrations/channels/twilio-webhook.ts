import twilio from 'twilio';

/**
 * Twilio's status callbacks (the StatusCallback URL a sent SMS names): Twilio POSTs form fields
 * and signs them with the account's auth token in `X-Twilio-Signature` (HMAC-SHA1 over the full
 * URL it called plus the POST fields sorted by name, base64). Checked with the SDK's own
 * `validateRequest`, so the algorithm is Twilio's, not ours. Pure: the webhook function reads the
 * request, this decides.
 */

export type TwilioMessageStatus =
  | 'accepted'
  | 'scheduled'
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'read'
  | 'canceled'
  | 'receiving'
  | 'received';

export interface TwilioStatusEvent {
  messageSid: string;
  status: TwilioMessageStatus;
  to: string;
  /** Twilio's error code for undelivered / failed (30003 unreachable, 30007 filtered…). */
  errorCode?: number | undefined;
}

/**
 * Whether the callback really comes from Twilio. `url` must be the exact address Twilio called
 * (scheme, host, path and query, as configured — behind a proxy, the public one).
 */
export function isTwilioSignatureValid(input: {
  authToken: string;
  signature: string | undefined;
  url: string;
  params: Record<string, string>;
}): boolean {
  if (!input.signature) return false;
  return twilio.validateRequest(input.authToken, input.signature, input.url, input.params);
}

const STATUSES = new Set<string>([
  'accepted',
  'scheduled',
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'read',
  'canceled',
  'receiving',
  'received',
]);

/** The delivery status a (validated) callback reports, or undefined when it reports none. */
export function parseTwilioStatus(params: Record<string, string>): TwilioStatusEvent | undefined {
  const status = params.MessageStatus ?? params.SmsStatus;
  if (!params.MessageSid || !status || !STATUSES.has(status)) return undefined;
  const errorCode = params.ErrorCode ? Number(params.ErrorCode) : undefined;
  return {
    messageSid: params.MessageSid,
    status: status as TwilioMessageStatus,
    to: params.To ?? '',
    ...(errorCode !== undefined && Number.isFinite(errorCode) ? { errorCode } : {}),
  };
}

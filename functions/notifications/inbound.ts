import type { TwilioStatusEvent } from '../_integrations/channels/twilio-webhook.js';
import type { WhatsAppEvent } from '../_integrations/channels/whatsapp-webhook.js';
import { type SuppressionStore, suppressChannel } from '../suppressions/suppressions.js';
import type { ConversationHook } from './conversation.js';
import { applyProviderStatus, type RecordStore } from './records.js';

/**
 * What verified vendor webhooks mean for us: delivery statuses move records on; a contact's STOP /
 * UNSUBSCRIBE stops that channel to their number in the suppression ledger; any other text goes to
 * the conversation seam. Every step is idempotent, since vendors retry and replay.
 */

export interface InboundDeps {
  records: RecordStore;
  suppressions: SuppressionStore;
  conversation: ConversationHook;
  now: Date;
  /** Notes that this number wrote on WhatsApp at `at`: Meta's 24-hour service window is open. */
  wroteOnWhatsApp?(ownerId: string, phone: string, at: string): Promise<void>;
}

/** The opt-out words carriers and Twilio honour; WhatsApp has none of its own, so the same are read there. */
const OPT_OUT = new Set(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit']);
export const isOptOut = (text: string | undefined): boolean =>
  OPT_OUT.has(
    (text ?? '')
      .trim()
      .toLowerCase()
      .replace(/[.!]+$/, ''),
  );

export interface InboundOutcome {
  statuses: number;
  optOuts: number;
  conversation: number;
  ignored: number;
}

const empty = (): InboundOutcome => ({ statuses: 0, optOuts: 0, conversation: 0, ignored: 0 });

/** An incoming text: STOP and its kin suppress that channel for that number; the rest is conversation. */
async function incoming(
  ownerId: string,
  message: {
    channel: 'whatsapp' | 'sms';
    from: string;
    name?: string | undefined;
    text: string;
    messageId: string;
    at: string;
  },
  deps: InboundDeps,
  outcome: InboundOutcome,
) {
  if (message.channel === 'whatsapp') await deps.wroteOnWhatsApp?.(ownerId, message.from, message.at);
  if (isOptOut(message.text)) {
    await suppressChannel(
      deps.suppressions,
      ownerId,
      {
        channel: message.channel,
        phone: message.from,
        reason: 'unsubscribed',
        source: `replied "${message.text.trim()}" on ${message.channel}`,
      },
      deps.now,
    );
    outcome.optOuts++;
    return;
  }
  await deps.conversation.receive({ ownerId, ...message });
  outcome.conversation++;
}

export async function applyWhatsAppEvents(
  events: WhatsAppEvent[],
  ownerOf: (phoneNumberId: string) => Promise<string | undefined>,
  deps: InboundDeps,
): Promise<InboundOutcome> {
  const outcome = empty();
  const owners = new Map<string, string | undefined>();
  for (const event of events) {
    if (!owners.has(event.phoneNumberId)) owners.set(event.phoneNumberId, await ownerOf(event.phoneNumberId));
    const ownerId = owners.get(event.phoneNumberId);
    if (!ownerId) {
      outcome.ignored++;
      continue;
    }
    const at = new Date((event.timestamp || deps.now.getTime() / 1000) * 1000).toISOString();
    if (event.kind === 'status') {
      const error = event.errors
        ?.map((e) => `${e.code} ${e.title}${e.details ? `: ${e.details}` : ''}`)
        .join('; ');
      const result = await applyProviderStatus(deps.records, ownerId, {
        providerMessageId: event.messageId,
        status: event.status,
        at,
        ...(error ? { error: `WhatsApp could not deliver it (${error})` } : {}),
      });
      if (result === 'updated') outcome.statuses++;
      else outcome.ignored++;
      continue;
    }
    if (event.text === undefined) {
      outcome.ignored++; // an image, a location…: nothing to read yet
      continue;
    }
    await incoming(
      ownerId,
      {
        channel: 'whatsapp',
        from: `+${event.from}`,
        name: event.name,
        text: event.text,
        messageId: event.messageId,
        at,
      },
      deps,
      outcome,
    );
  }
  return outcome;
}

/** Twilio's words for where a message is, as our steps; the in-between ones change nothing. */
const TWILIO_STEP: Partial<Record<TwilioStatusEvent['status'], 'sent' | 'delivered' | 'read' | 'failed'>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'read',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

const TWILIO_DELIVERY_ERRORS: Record<number, string> = {
  30003: 'the handset is unreachable or off',
  30004: 'the recipient blocked the sender',
  30005: 'the number is unknown or no longer exists',
  30006: 'a landline or unreachable carrier',
  30007: 'the carrier filtered it as spam',
  30008: 'the carrier gave no reason',
};

export async function applyTwilioCallback(
  ownerId: string,
  params: Record<string, string>,
  status: TwilioStatusEvent | undefined,
  deps: InboundDeps,
): Promise<InboundOutcome> {
  const outcome = empty();
  // The same address can be the number's incoming-message webhook: a reply carries a Body.
  if (params.Body !== undefined && params.From && (!status || status.status === 'received')) {
    await incoming(
      ownerId,
      {
        channel: 'sms',
        from: params.From,
        text: params.Body,
        messageId: params.MessageSid ?? params.SmsSid ?? '',
        at: deps.now.toISOString(),
      },
      deps,
      outcome,
    );
    return outcome;
  }
  const step = status && TWILIO_STEP[status.status];
  if (!status || !step) {
    outcome.ignored++;
    return outcome;
  }
  const meaning = status.errorCode ? TWILIO_DELIVERY_ERRORS[status.errorCode] : undefined;
  const result = await applyProviderStatus(deps.records, ownerId, {
    providerMessageId: status.messageSid,
    status: step,
    at: deps.now.toISOString(),
    ...(step === 'failed'
      ? {
          error: `Twilio reports it ${status.status}${status.errorCode ? ` (${status.errorCode}${meaning ? `: ${meaning}` : ''})` : ''}`,
        }
      : {}),
  });
  if (result === 'updated') outcome.statuses++;
  else outcome.ignored++;
  return outcome;
}

/** An Event Grid event (Event Grid schema, or CloudEvents 1.0: `type` for `eventType`). */
export interface GridEvent {
  id?: string;
  eventType?: string;
  type?: string;
  data?: Record<string, unknown>;
}

export const GRID_VALIDATION = 'Microsoft.EventGrid.SubscriptionValidationEvent';

/**
 * ACS SMS events through an Event Grid subscription: delivery reports move records on (ACS's
 * message id is the record's provider id), incoming texts are handled as Twilio's are.
 */
export async function applyAcsEvents(
  ownerId: string,
  events: GridEvent[],
  deps: InboundDeps,
): Promise<InboundOutcome> {
  const outcome = empty();
  for (const event of events) {
    const type = event.eventType ?? event.type;
    const data = event.data ?? {};
    const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
    const at = text('ReceivedTimestamp') || deps.now.toISOString();
    if (type === 'Microsoft.Communication.SMSDeliveryReportReceived') {
      const delivery = text('DeliveryStatus');
      const step = delivery === 'Delivered' ? 'delivered' : delivery === 'Failed' ? 'failed' : undefined;
      if (!step || !text('MessageId')) {
        outcome.ignored++;
        continue;
      }
      const details = text('DeliveryStatusDetails');
      const result = await applyProviderStatus(deps.records, ownerId, {
        providerMessageId: text('MessageId'),
        status: step,
        at,
        ...(step === 'failed' ? { error: `ACS could not deliver it${details ? `: ${details}` : ''}` } : {}),
      });
      if (result === 'updated') outcome.statuses++;
      else outcome.ignored++;
    } else if (type === 'Microsoft.Communication.SMSReceived' && text('From')) {
      await incoming(
        ownerId,
        {
          channel: 'sms',
          from: text('From'),
          text: text('Message'),
          messageId: text('MessageId') || (event.id ?? ''),
          at,
        },
        deps,
        outcome,
      );
    } else outcome.ignored++;
  }
  return outcome;
}

import { randomUUID } from 'node:crypto';
import type { Notification } from '../_integrations/channels/channel.js';
import { sendOnce } from '../_integrations/channels/sent-ledger.js';
import { AppError, notFound } from '../_shared/errors.js';
import type { NotifyMessage } from '../notify/queue.js';
import { type ConnectionDeps, channelOfConnection } from './connections.js';
import { createRecordLedger, type RecordStore, toRecordDto } from './records.js';
import type { ChannelTestResult, ConnectionName, NotificationRecordDto } from './schema.js';

/**
 * The log's actions: sending a failed notice again, and a connection's "send test". A retry hands
 * the notice's queue message back to notify, which sends it on the channels it has not gone on yet
 * (what went is kept in the records and not sent twice).
 */

export async function retryNotification(
  ownerId: string,
  id: string,
  deps: { records: RecordStore; enqueue(message: NotifyMessage): Promise<void> },
): Promise<NotificationRecordDto> {
  const doc = await deps.records.find(ownerId, id);
  if (!doc) throw notFound('That notification');
  if (doc.status !== 'failed')
    throw new AppError(
      'CONFLICT',
      `This notification is ${doc.status}: only a failed one can be sent again.`,
    );
  if (!doc.source)
    throw new AppError('CONFLICT', 'This was a test message: send a new test from the channel instead.');
  await deps.enqueue(doc.source as NotifyMessage);
  return toRecordDto(doc);
}

/**
 * Sends a short test through the connection now and keeps the outcome on it (and in the log): the
 * owner sees at once whether the number, token or webhook works. A refused test is a 200 saying
 * why — the request worked; the connection did not.
 */
export async function sendTest(
  ownerId: string,
  name: ConnectionName,
  to: { name: string; email: string; phone?: string | undefined },
  deps: ConnectionDeps & { records: RecordStore },
): Promise<ChannelTestResult> {
  const doc = await deps.store.find(ownerId, name);
  if (!doc) throw notFound(`The ${name} connection`);
  if ((name === 'sms-twilio' || name === 'sms-acs' || name === 'whatsapp') && !to.phone)
    throw new AppError('VALIDATION', 'Give the phone number to send the test to.', [
      { path: 'phone', message: 'required for SMS and WhatsApp' },
    ]);
  const text = 'Momentum Meet: this is a test. Your notifications will arrive here.';
  const notification: Notification = {
    id: `test-${randomUUID()}`,
    ownerId,
    from: { name: 'Momentum Meet', email: to.email },
    to: { name: to.name, ...(to.phone ? { phone: to.phone } : {}) },
    subject: 'Momentum Meet test',
    text,
    html: `<p>${text}</p>`,
    details: {
      headline: 'Momentum Meet: this is a test.',
      facts: [{ label: 'Channel', value: name }],
      links: [],
    },
    about: { kind: 'test' },
  };
  let result: ChannelTestResult;
  try {
    const channel = sendOnce(channelOfConnection(doc, deps), createRecordLedger(deps.records, deps.now));
    const sent = await channel.send(notification);
    result =
      sent.status === 'sent'
        ? { status: 'sent', error: null, providerMessageId: sent.providerMessageId ?? null }
        : { status: 'failed', error: 'reason' in sent ? sent.reason : 'Not sent.', providerMessageId: null };
  } catch {
    result = {
      status: 'failed',
      error: `The ${name} connection's credentials can no longer be opened: connect it again.`,
      providerMessageId: null,
    };
  }
  const at = deps.now().toISOString();
  await deps.store.upsert({
    ...doc,
    lastTest: { at, status: result.status, error: result.error },
    updatedAt: at,
  });
  return result;
}

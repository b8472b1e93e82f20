import type { EmailAttachment } from '../email/email-provider.js';

/**
 * The channel seam: how a notification reaches a person — email now (through the email provider
 * seam, so the outbox / SendGrid / SMTP choice holds), SMS, WhatsApp, Slack and Teams later. The
 * notify function composes one Notification per recipient and hands it to a channel chosen in
 * registry.ts; channels only deliver.
 */
export interface Notification {
  /** Our id for this message: the idempotency key (a redelivered notice sends nothing twice). */
  id: string;
  ownerId: string;
  from: { name: string; email: string };
  to: { name: string; email?: string | undefined; phone?: string | undefined };
  subject: string;
  /** Plain text: what SMS-like channels send, and the email's text part. */
  text: string;
  /** Rich form for channels that show it (the email's HTML part). */
  html: string;
  attachments?: EmailAttachment[];
}

export type DeliveryResult =
  | { status: 'sent' | 'already-sent' }
  | { status: 'rejected'; reason: string }
  | { status: 'retry'; reason: string; retryAfterSeconds?: number | undefined };

export interface NotificationChannel {
  readonly name: string;
  /** Whether this channel can reach the recipient at all (an email address, a phone number…). */
  canReach(to: Notification['to']): boolean;
  send(notification: Notification): Promise<DeliveryResult>;
}

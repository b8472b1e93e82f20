import type { EmailAttachment } from '../email/email-provider.js';

/**
 * The channel seam: how a notification reaches a person — email (through the email provider seam,
 * so the outbox / SendGrid / SMTP choice holds), SMS (Twilio, ACS), WhatsApp, Slack and Teams. The
 * notify function composes one Notification per recipient and hands it to a channel chosen in
 * registry.ts; channels only deliver. A send never throws for the notice's own problem: it says
 * 'rejected' (for good: try the next channel) or 'retry' (later, with when if the vendor said).
 */
export interface Notification {
  /** Our id for this message: the idempotency key (a redelivered notice sends nothing twice). */
  id: string;
  ownerId: string;
  from: { name: string; email: string };
  to: Recipient;
  subject: string;
  /** Plain text: what SMS-like channels send, and the email's text part. */
  text: string;
  /** Rich form for channels that show it (the email's HTML part). */
  html: string;
  attachments?: EmailAttachment[];
  /**
   * The same message as structured parts, for channels that lay it out themselves (Slack blocks,
   * a Teams card, a WhatsApp template's parameters). Absent: they fall back to subject + text.
   */
  details?: NotificationDetails | undefined;
  /**
   * WhatsApp only: whether the recipient wrote to us in the last 24 hours (Meta's customer service
   * window). The caller knows (it keeps the conversation); outside it only an approved template
   * may be sent.
   */
  serviceWindowOpen?: boolean | undefined;
  /**
   * What the notice is about, for its delivery record (the notifications log filters on these).
   * Channels ignore it.
   */
  about?: NotificationSubject | undefined;
}

export interface NotificationSubject {
  /** The notice's kind: booked, cancelled, rescheduled, requested, reminder, test… */
  kind: string;
  meetingId?: string | undefined;
  contactId?: string | undefined;
  /** Who it went to: the meeting's contact, or its organizer. */
  role?: 'contact' | 'organizer' | undefined;
}

/**
 * Where a notification goes. `email` and `phone` are the person's own; `slackChannel` sends a
 * Slack notice somewhere other than the connection's default channel (a member id for a direct
 * message). Teams has no per-recipient address: its webhook is the destination.
 */
export interface Recipient {
  name: string;
  email?: string | undefined;
  /** Any form a person types; channels normalise it to E.164 (sms.ts) and refuse what is not a number. */
  phone?: string | undefined;
  slackChannel?: string | undefined;
}

export interface NotificationDetails {
  /** One line: "Ada Lovelace booked an Intro call with you." */
  headline: string;
  /** Labelled facts in order: When, With, Note… */
  facts: { label: string; value: string }[];
  /** Buttons or links: Join, Reschedule or cancel… The first is the main one. */
  links: { label: string; url: string }[];
}

export type DeliveryResult =
  | { status: 'sent'; providerMessageId?: string | undefined }
  | { status: 'already-sent' }
  | { status: 'rejected'; reason: string }
  | { status: 'retry'; reason: string; retryAfterSeconds?: number | undefined };

export interface NotificationChannel {
  readonly name: string;
  /** Whether this channel can reach the recipient at all (an email address, a phone number…). */
  canReach(to: Notification['to']): boolean;
  send(notification: Notification): Promise<DeliveryResult>;
}

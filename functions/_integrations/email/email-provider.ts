/**
 * The email seam: one interface, implemented by `outbox` (the default, no credentials: keeps
 * every message for the SPA's Outbox), `sendgrid` (@sendgrid/mail) and `smtp` (nodemailer).
 * Chosen once in registry.ts from configuration; use cases only see this interface. Every
 * implementation runs the shared contract suite (contract.ts).
 */

export interface EmailAddress {
  email: string;
  name?: string;
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/** One rendered email, ready to go. Header values are already free of CR/LF (see headers.ts). */
export interface OutgoingEmail {
  /** Our message id: the idempotency key, carried to the provider (custom arg / header). */
  id: string;
  /** The user (tenant) sending it: the outbox keeps it per owner. */
  ownerId: string;
  from: EmailAddress;
  replyTo?: EmailAddress;
  to: EmailAddress;
  subject: string;
  html: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers: Record<string, string>;
  attachments?: EmailAttachment[];
  /** Provider-side grouping for statistics (SendGrid categories). */
  categories?: string[];
}

/**
 * What became of one email: accepted by the provider; refused for good (an address the
 * provider rejects); or to be tried again later (rate-limited, provider down).
 */
export type SendResult =
  | { id: string; status: 'sent'; providerMessageId?: string }
  | { id: string; status: 'rejected'; reason: string }
  | { id: string; status: 'retry'; reason: string; retryAfterSeconds?: number };

export interface EmailProvider {
  readonly name: string;
  /** Sends each email once; never throws for a per-email problem (see SendResult). */
  send(batch: OutgoingEmail[]): Promise<SendResult[]>;
  /**
   * Whether an email with our id was already accepted: lets a worker that took over an
   * interrupted send tell "sent" from "not sent". Undefined when the provider cannot know.
   */
  wasSent?(email: Pick<OutgoingEmail, 'id' | 'ownerId'>): Promise<boolean | undefined>;
  /** Throws with a readable reason when the credentials or server do not work. */
  health(): Promise<void>;
}

/** The settings a provider may need (functions/_shared/config.ts). */
export interface EmailSettings {
  SENDGRID_API_KEY?: string | undefined;
  SENDGRID_API_URL: string;
  SMTP_URL?: string | undefined;
}

/** Builds one provider from the settings: one line each in registry.ts. */
export type EmailProviderFactory = (settings: EmailSettings) => EmailProvider;

/** The provider's credentials or server do not work: not the email's fault, so send() throws it. */
export class EmailConfigurationError extends Error {
  override readonly name = 'EmailConfigurationError';
}

import type { EmailProvider } from './email-provider.js';

/**
 * Placeholder until the email seam lands: the real registry chooses outbox, SendGrid or SMTP
 * from configuration. Here every send fails loudly rather than pretending to send.
 */
export function getEmailProvider(): EmailProvider {
  throw new Error('email provider not configured');
}

import { type Config, getConfig } from '../../_shared/config.js';
import type { EmailProvider, EmailProviderFactory } from './email-provider.js';
import { createOutboxEmail } from './outbox.js';
import { createSendGridEmail } from './sendgrid.js';
import { createSmtpEmail } from './smtp.js';

/** Every email provider, by the name EMAIL_PROVIDER gives it. The only place one is chosen. */
export const emailProviders = {
  outbox: () => createOutboxEmail(),
  sendgrid: createSendGridEmail,
  smtp: createSmtpEmail,
} satisfies Record<Config['EMAIL_PROVIDER'], EmailProviderFactory> satisfies Record<
  string,
  EmailProviderFactory
>;

let provider: EmailProvider | undefined;

/** The configured provider, built once per process (SendGrid and SMTP keep their connections open). */
export function getEmailProvider(): EmailProvider {
  if (!provider) {
    const config = getConfig();
    provider = emailProviders[config.EMAIL_PROVIDER](config);
  }
  return provider;
}

/** Tests change EMAIL_PROVIDER between runs; production never calls this. */
export function resetEmailProviderForTests(): void {
  provider = undefined;
}

import { EmailConfigurationError, type EmailProvider } from '../email/email-provider.js';
import type { NotificationChannel } from './channel.js';

/** Notifications as email, through the configured email provider (outbox by default). */
export function createEmailChannel(provider: EmailProvider): NotificationChannel {
  return {
    name: 'email',
    canReach: (to) => Boolean(to.email),
    async send(n) {
      if (await provider.wasSent?.({ id: n.id, ownerId: n.ownerId })) return { status: 'already-sent' };
      const sent = provider.send([
        {
          id: n.id,
          ownerId: n.ownerId,
          from: n.from,
          to: { email: n.to.email!, name: n.to.name },
          subject: n.subject,
          html: n.html,
          text: n.text,
          headers: {},
          ...(n.attachments && { attachments: n.attachments }),
          categories: ['meeting'],
        },
      ]);
      // A refused key or a dead SMTP server is no fault of the notice: try again once it is fixed
      // (the queue keeps it, then its poison queue shows it). The message names the setting only.
      const [result] = await sent.catch((err: unknown) => {
        if (err instanceof EmailConfigurationError)
          return [{ status: 'config' as const, reason: err.message }];
        throw err;
      });
      if (result?.status === 'config') return { status: 'retry', reason: result.reason };
      if (!result) return { status: 'sent' };
      if (result.status === 'sent') return { status: 'sent', providerMessageId: result.providerMessageId };
      if (result.status === 'rejected') return { status: 'rejected', reason: result.reason };
      return { status: 'retry', reason: result.reason, retryAfterSeconds: result.retryAfterSeconds };
    },
  };
}

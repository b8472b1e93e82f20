import type { EmailProvider } from '../email/email-provider.js';
import type { NotificationChannel } from './channel.js';

/** Notifications as email, through the configured email provider (outbox by default). */
export function createEmailChannel(provider: EmailProvider): NotificationChannel {
  return {
    name: 'email',
    canReach: (to) => Boolean(to.email),
    async send(n) {
      if (await provider.wasSent?.({ id: n.id, ownerId: n.ownerId })) return { status: 'already-sent' };
      const [result] = await provider.send([
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
      if (!result || result.status === 'sent') return { status: 'sent' };
      if (result.status === 'rejected') return { status: 'rejected', reason: result.reason };
      return { status: 'retry', reason: result.reason, retryAfterSeconds: result.retryAfterSeconds };
    },
  };
}

import { z } from 'zod';
import { cosmosOutboxStore, type OutboxDoc, type OutboxStore } from '../../outbox/store.js';
import type { EmailProvider, OutgoingEmail, SendResult } from './email-provider.js';
import { sanitizeEmail } from './headers.js';

/**
 * The default provider, needing no credentials: every email is kept (per owner, once per id) for
 * the Outbox page, exactly as it would have gone out, and nothing leaves the app.
 */

/** Attachment bytes kept per email (base64 in the document); larger ones keep name, type and size. */
export const OUTBOX_ATTACHMENT_BYTES = 256 * 1024;

/** The category that names the email's campaign: `campaign:<id>` (SendGrid groups statistics by it too). */
export const CAMPAIGN_CATEGORY = 'campaign:';

export const campaignIdOf = (categories: readonly string[] = []): string | null =>
  categories.find((c) => c.startsWith(CAMPAIGN_CATEGORY))?.slice(CAMPAIGN_CATEGORY.length) || null;

const isAddress = (email: string) => z.email().safeParse(email).success;

export function createOutboxEmail(
  store: OutboxStore = cosmosOutboxStore,
  now = () => new Date(),
): EmailProvider {
  async function keep(original: OutgoingEmail): Promise<SendResult> {
    const email = sanitizeEmail(original);
    // Refuse what a real provider would, so a bad address shows up before switching providers.
    for (const [role, a] of [
      ['recipient', email.to],
      ['sender', email.from],
      ['reply-to', email.replyTo],
    ] as const) {
      if (a && !isAddress(a.email)) {
        return {
          id: email.id,
          status: 'rejected',
          reason: `The ${role} address "${a.email}" is not a valid email address.`,
        };
      }
    }
    await store.keep(toDoc(email, now()));
    return { id: email.id, status: 'sent', providerMessageId: email.id };
  }

  return {
    name: 'outbox',
    async send(batch) {
      const results: SendResult[] = [];
      for (const email of batch) results.push(await keep(email));
      return results;
    },
    async wasSent(email) {
      return (await store.find(email.ownerId, email.id)) !== undefined;
    },
    async health() {
      await store.find('health', 'health');
    },
  };
}

function toDoc(email: OutgoingEmail, sentAt: Date): OutboxDoc {
  let budget = OUTBOX_ATTACHMENT_BYTES;
  return {
    id: email.id,
    ownerId: email.ownerId,
    from: email.from,
    to: email.to,
    replyTo: email.replyTo ?? null,
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: email.headers,
    attachments: (email.attachments ?? []).map((a) => {
      const keepBytes = a.content.byteLength <= budget;
      if (keepBytes) budget -= a.content.byteLength;
      return {
        filename: a.filename,
        contentType: a.contentType,
        size: a.content.byteLength,
        contentBase64: keepBytes ? Buffer.from(a.content).toString('base64') : null,
      };
    }),
    categories: email.categories ?? [],
    campaignId: campaignIdOf(email.categories),
    sentAt: sentAt.toISOString(),
  };
}

import type { EmailAddress } from '../_integrations/email/email-provider.js';
import { notFound } from '../_shared/errors.js';
import type { OutboxEmailDto, OutboxListQuery, OutboxPage, OutboxSummaryDto } from './schema.js';
import type { OutboxDoc, OutboxStore, OutboxSummaryDoc } from './store.js';

export interface OutboxDeps {
  store: OutboxStore;
}

/** The owner's kept emails, newest first, a page at a time. */
export async function listOutbox(
  ownerId: string,
  query: OutboxListQuery,
  deps: OutboxDeps,
): Promise<OutboxPage> {
  const { docs, continuationToken } = await deps.store.list(ownerId, query);
  return { items: docs.map(toSummary), continuationToken };
}

/** One kept email as the recipient would have read it; another owner's id is not found. */
export async function getOutboxEmail(ownerId: string, id: string, deps: OutboxDeps): Promise<OutboxEmailDto> {
  const doc = await deps.store.find(ownerId, id);
  if (!doc) throw notFound('This email');
  return {
    ...toSummary(doc),
    replyTo: doc.replyTo ? formatAddress(doc.replyTo) : null,
    html: doc.html,
    text: doc.text,
    headers: doc.headers,
    attachments: doc.attachments.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
  };
}

const toSummary = (doc: OutboxSummaryDoc | OutboxDoc): OutboxSummaryDto => ({
  id: doc.id,
  from: formatAddress(doc.from),
  to: formatAddress(doc.to),
  subject: doc.subject,
  campaignId: doc.campaignId,
  sentAt: doc.sentAt,
});

/** `Ada Lovelace <ada@example.com>`, quoting a name with commas or other specials as a mail client would. */
export function formatAddress({ email, name }: EmailAddress): string {
  if (!name) return email;
  const shown = /[",;:<>@()[\]\\.]/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name;
  return `${shown} <${email}>`;
}

import type { EmailAddress } from '../_integrations/email/email-provider.js';
import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import { AppError } from '../_shared/errors.js';

/** One email the outbox provider kept instead of sending; its id is the email's id. */
export interface OutboxDoc {
  id: string;
  ownerId: string;
  from: EmailAddress;
  to: EmailAddress;
  replyTo: EmailAddress | null;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** The bytes (base64) only while the email's attachments stay under OUTBOX_ATTACHMENT_BYTES. */
  attachments: { filename: string; contentType: string; size: number; contentBase64: string | null }[];
  categories: string[];
  campaignId: string | null;
  sentAt: string;
  _etag?: string;
}

export type OutboxSummaryDoc = Pick<OutboxDoc, 'id' | 'from' | 'to' | 'subject' | 'campaignId' | 'sentAt'>;

export interface OutboxStore {
  /** Keeps the email; false when one with the same id was kept already (nothing changes then). */
  keep(doc: OutboxDoc): Promise<boolean>;
  find(ownerId: string, id: string): Promise<OutboxDoc | undefined>;
  /** The owner's emails, newest first. */
  list(
    ownerId: string,
    page: { limit: number; continuationToken?: string | undefined },
  ): Promise<{ docs: OutboxSummaryDoc[]; continuationToken: string | null }>;
}

const documents = ownedDocuments<OutboxDoc>('outbox', 'email');

export const cosmosOutboxStore: OutboxStore = {
  async keep(doc) {
    try {
      await documents.create(doc);
      return true;
    } catch (err) {
      if (cosmosStatus(err) === 409) return false;
      throw err;
    }
  },
  find: (ownerId, id) => documents.find(ownerId, id),
  async list(ownerId, { limit, continuationToken }) {
    const container = await getContainer('outbox');
    try {
      const page = await container.items
        .query<OutboxSummaryDoc>(
          {
            query:
              'SELECT c.id, c["from"], c["to"], c.subject, c.campaignId, c.sentAt FROM c WHERE c.ownerId = @owner ORDER BY c.sentAt DESC, c.id DESC',
            parameters: [{ name: '@owner', value: ownerId }],
          },
          { partitionKey: ownerId, maxItemCount: limit, continuationToken },
        )
        .fetchNext();
      return { docs: page.resources, continuationToken: page.continuationToken ?? null };
    } catch (err) {
      if (continuationToken && cosmosStatus(err) === 400) {
        throw new AppError('VALIDATION', 'The page link has expired — start again from the first page.', [
          { path: 'continuationToken', message: 'not a valid continuation token' },
        ]);
      }
      throw err;
    }
  },
};

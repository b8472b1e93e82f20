import { bulkWrite } from '../_shared/cosmos/bulk.js';
import { getContainer } from '../_shared/cosmos/client.js';
import { ownedDocuments } from '../_shared/cosmos/documents.js';
import type { Audience, CampaignStatus, CampaignStep, MessageStatus, SenderDto } from './schema.js';

export interface SenderDoc extends SenderDto {
  ownerId: string;
  _etag?: string;
}

export interface CampaignDoc {
  id: string;
  ownerId: string;
  name: string;
  audience: Audience;
  senderId: string;
  startAt: string | null;
  steps: Required<CampaignStep>[];
  status: CampaignStatus;
  statusDetail: string | null;
  resumesAt: string | null;
  /** Step 1's messages are all written (planning done); later steps are written as earlier ones go out. */
  planned: boolean;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  completedAt: string | null;
  _etag?: string;
}

export interface MessageEventEntry {
  type: string;
  at: string;
  detail?: string;
  /** The provider's event id: a replayed webhook changes nothing. */
  eventId?: string;
}

/** One email of a campaign; its id (campaign, step, contact) is the idempotency key of the send. */
export interface MessageDoc {
  id: string;
  ownerId: string;
  campaignId: string;
  senderId: string;
  step: number;
  contactId: string;
  to: string | null;
  contactName: string;
  status: MessageStatus;
  reason: string | null;
  sendAt: string;
  /** Set when a worker takes it: a send whose worker died is found by its age. */
  claimedAt: string | null;
  queuedAt: string | null;
  sentAt: string | null;
  providerMessageId: string | null;
  events: MessageEventEntry[];
  _etag?: string;
}

export const senders = ownedDocuments<SenderDoc>('senders', 'sender');
export const campaigns = ownedDocuments<CampaignDoc>('campaigns', 'campaign');
export const messages = ownedDocuments<MessageDoc>('messages', 'email');

/** Messages of one owner, written in bulk; statuses per document (201 created, 409 exists, 412 changed). */
export async function writeMessages(
  ownerId: string,
  docs: MessageDoc[],
  mode: 'create' | 'replace',
): Promise<number[]> {
  return bulkWrite(await getContainer('messages'), ownerId, docs, mode);
}

export async function queryOwned<T>(
  container: 'senders' | 'campaigns' | 'messages',
  ownerId: string,
  where: string,
  parameters: { name: string; value: unknown }[] = [],
  tail = '',
): Promise<T[]> {
  const { resources } = await (await getContainer(container)).items
    .query<T>(
      {
        query: `SELECT * FROM c WHERE c.ownerId = @owner${where ? ` AND ${where}` : ''} ${tail}`,
        parameters: [
          { name: '@owner', value: ownerId },
          ...(parameters as { name: string; value: string }[]),
        ],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return resources.filter((d) => (d as { ownerId?: string }).ownerId === ownerId);
}

/** Across owners: the system paths (scheduler timer) only. */
export async function querySystem<T>(
  container: 'campaigns' | 'messages',
  query: string,
  parameters: { name: string; value: unknown }[],
): Promise<T[]> {
  const { resources } = await (await getContainer(container)).items
    .query<T>({ query, parameters: parameters as { name: string; value: string }[] })
    .fetchAll();
  return resources;
}

import type { Container } from '@azure/cosmos';
import { getContainer } from '../_shared/cosmos/client.js';
import { CONTAINERS, type ContainerName } from '../_shared/cosmos/containers.js';

export type StoredDoc = Record<string, unknown> & { id: string; ownerId: string };

const PAGE = 100;

/** Every document of the owner's partition in one container, a page at a time. */
export async function* ownerPages(name: ContainerName, ownerId: string): AsyncGenerator<StoredDoc[]> {
  const container = await getContainer(name);
  const pages = container.items
    .query<StoredDoc>(
      { query: 'SELECT * FROM c WHERE c.ownerId = @o', parameters: [{ name: '@o', value: ownerId }] },
      { partitionKey: ownerId, maxItemCount: PAGE },
    )
    .getAsyncIterator();
  for await (const page of pages) if (page.resources.length) yield page.resources;
}

/** The owner's documents in one container that refer to the contact by `contactId`. */
export async function contactDocs(
  name: ContainerName,
  ownerId: string,
  contactId: string,
): Promise<StoredDoc[]> {
  const { resources } = await (await getContainer(name)).items
    .query<StoredDoc>(
      {
        query: 'SELECT * FROM c WHERE c.ownerId = @o AND (c.contactId = @c OR c.contact.id = @c)',
        parameters: [
          { name: '@o', value: ownerId },
          { name: '@c', value: contactId },
        ],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return resources;
}

/**
 * The bot's conversation state documents are partitioned by the conversation, not the owner (the
 * owner is known only from the first message's link): found by a cross-partition scan of those
 * partitions only. They expire within hours, so the scan stays small.
 */
export async function* conversationStatePages(): AsyncGenerator<StoredDoc[]> {
  const container = await getContainer('conversations');
  const pages = container.items
    .query<StoredDoc>("SELECT * FROM c WHERE STARTSWITH(c.ownerId, 'conversation:')", { maxItemCount: PAGE })
    .getAsyncIterator();
  for await (const page of pages) if (page.resources.length) yield page.resources;
}

export async function deleteDoc(container: Container, doc: StoredDoc): Promise<void> {
  try {
    await container.item(doc.id, doc.ownerId).delete();
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
  }
}

/** Cosmos system fields, the partition key and expiry: not part of what a person is given. */
export function plain(doc: Record<string, unknown>): Record<string, unknown> {
  const { _rid, _self, _etag, _attachments, _ts, ownerId, ttl, ...rest } = doc;
  return rest;
}

/** Fields that hold sealed credentials: exported as a note, never as the ciphertext. */
const SEALED = /secret|password|token|verifier|credential/i;

export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        SEALED.test(k) && v ? '(kept sealed, not exported)' : withoutSecrets(v),
      ]),
    );
  }
  return value;
}

export { CONTAINERS };

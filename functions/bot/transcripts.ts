import { hash } from 'node:crypto';
import type { TranscriptEntry, TranscriptRef, TranscriptStore } from '../../bot/transcript.js';
import { getContainer } from '../_shared/cosmos/client.js';
import { ChangedError, ownedDocuments } from '../_shared/cosmos/documents.js';
import type { ContactStore } from '../contacts/contact-store.js';
import type { TrashStore } from '../contacts/trash-store.js';
import type { TranscriptDto } from './schema.js';

/**
 * One transcript document per conversation, in the owner's partition of `conversations`, tied to
 * the lead's contact once the lead is saved — so the contact's page can list their chats, and
 * erasing the contact can find them. Kept until purged (the state documents expire; these do not).
 */

export interface TranscriptDoc {
  id: string;
  ownerId: string;
  kind: 'transcript';
  channelId: string;
  conversationId: string;
  contactId: string | null;
  entries: TranscriptEntry[];
  createdAt: string;
  updatedAt: string;
  _etag?: string;
}

/** A very long conversation keeps its latest messages. */
const MAX_ENTRIES = 1000;
const ATTEMPTS = 5;

const docs = ownedDocuments<TranscriptDoc>('conversations', 'transcript');

export const transcriptId = (channelId: string, conversationId: string): string =>
  `transcript-${hash('sha256', `${channelId}/${conversationId}`, 'base64url').slice(0, 32)}`;

export const cosmosTranscripts: TranscriptStore = {
  async append(ref: TranscriptRef, entries: TranscriptEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const id = transcriptId(ref.channelId, ref.conversationId);
    const at = entries.at(-1)!.at;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const existing = await docs.find(ref.ownerId, id);
      try {
        if (!existing) {
          await docs.create({
            id,
            ownerId: ref.ownerId,
            kind: 'transcript',
            channelId: ref.channelId,
            conversationId: ref.conversationId,
            contactId: ref.contactId ?? null,
            entries: entries.slice(-MAX_ENTRIES),
            createdAt: at,
            updatedAt: at,
          });
        } else {
          await docs.save({
            ...existing,
            contactId: ref.contactId ?? existing.contactId,
            entries: [...existing.entries, ...entries].slice(-MAX_ENTRIES),
            updatedAt: at,
          });
        }
        return;
      } catch (err) {
        // Another turn wrote first (409 on create, 412 on replace): read again and append.
        if (!(err instanceof ChangedError) && (err as { code?: number }).code !== 409) throw err;
      }
    }
  },
};

export const toTranscriptDto = (doc: TranscriptDoc): TranscriptDto => ({
  id: doc.id,
  channelId: doc.channelId,
  contactId: doc.contactId,
  entries: doc.entries,
  createdAt: doc.createdAt,
  updatedAt: doc.updatedAt,
});

/** The owner's transcripts, newest first: a contact's, or the latest `limit` of all. */
export async function listTranscripts(
  ownerId: string,
  filter: { contactId?: string | undefined; limit?: number },
): Promise<TranscriptDoc[]> {
  const contact = filter.contactId ? ' AND c.contactId = @contactId' : '';
  const { resources } = await (await getContainer('conversations')).items
    .query<TranscriptDoc>(
      {
        query: `SELECT TOP @limit * FROM c WHERE c.ownerId = @ownerId AND c.kind = 'transcript'${contact} ORDER BY c.updatedAt DESC`,
        parameters: [
          { name: '@ownerId', value: ownerId },
          { name: '@limit', value: filter.limit ?? 50 },
          ...(filter.contactId ? [{ name: '@contactId', value: filter.contactId }] : []),
        ],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return resources;
}

/** A contact's chat transcripts, newest first. */
export const transcriptsOf = (ownerId: string, contactId: string): Promise<TranscriptDoc[]> =>
  listTranscripts(ownerId, { contactId, limit: 100 });

/** Deletes the owner's transcripts not added to since `before`; how many went. */
export async function purgeTranscripts(ownerId: string, before: Date): Promise<number> {
  const container = await getContainer('conversations');
  let deleted = 0;
  for (;;) {
    const { resources } = await container.items
      .query<{ id: string }>(
        {
          query:
            "SELECT TOP 100 c.id FROM c WHERE c.ownerId = @ownerId AND c.kind = 'transcript' AND c.updatedAt < @before",
          parameters: [
            { name: '@ownerId', value: ownerId },
            { name: '@before', value: before.toISOString() },
          ],
        },
        { partitionKey: ownerId },
      )
      .fetchAll();
    if (resources.length === 0) return deleted;
    for (const { id } of resources) {
      await docs.remove(ownerId, id);
      deleted++;
    }
  }
}

/**
 * Erases the transcripts of contacts gone for good — in neither the contacts nor the trash (a
 * deleted contact can still be restored for 30 days, with its chats). Runs over every owner from
 * a timer, as the trash purge does; the transcripts of a conversation that never became a lead
 * are left to the purge by age.
 */
export async function eraseTranscriptsOfErasedContacts(stores: {
  contacts: Pick<ContactStore, 'read'>;
  trash: Pick<TrashStore, 'read'>;
}): Promise<number> {
  const container = await getContainer('conversations');
  const pages = container.items
    .query<{ id: string; ownerId: string; contactId: string }>(
      "SELECT c.id, c.ownerId, c.contactId FROM c WHERE c.kind = 'transcript' AND IS_STRING(c.contactId)",
      { maxItemCount: 100 },
    )
    .getAsyncIterator();
  let erased = 0;
  for await (const page of pages) {
    for (const t of page.resources) {
      const [live, trashed] = await Promise.all([
        stores.contacts.read(t.ownerId, t.contactId),
        stores.trash.read(t.ownerId, t.contactId),
      ]);
      if (live || trashed) continue;
      await docs.remove(t.ownerId, t.id);
      erased++;
    }
  }
  return erased;
}

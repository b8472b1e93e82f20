import { hash } from 'node:crypto';
import type { TranscriptEntry, TranscriptRef, TranscriptStore } from '../../bot/transcript.js';
import { getContainer } from '../_shared/cosmos/client.js';
import { ChangedError, ownedDocuments } from '../_shared/cosmos/documents.js';

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

/** A contact's chat transcripts, newest first. */
export async function transcriptsOf(ownerId: string, contactId: string): Promise<TranscriptDoc[]> {
  const { resources } = await (await getContainer('conversations')).items
    .query<TranscriptDoc>({
      query:
        "SELECT * FROM c WHERE c.ownerId = @ownerId AND c.kind = 'transcript' AND c.contactId = @contactId ORDER BY c.updatedAt DESC",
      parameters: [
        { name: '@ownerId', value: ownerId },
        { name: '@contactId', value: contactId },
      ],
    })
    .fetchAll();
  return resources;
}

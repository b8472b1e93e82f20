import type { ContactStore } from '../contacts/contact-store.js';
import type { ContactDraft } from '../contacts/model.js';
import { upsertContacts } from '../contacts/upsert.js';
import type { ImportCounts } from './schema.js';

export interface ChunkInput {
  ownerId: string;
  importId: string;
  now: string;
  /** Contacts of this chunk by id, already de-duplicated within the chunk. */
  drafts: Map<string, ContactDraft>;
  /** Ids that an earlier chunk of the same file already wrote: merged into what is stored. */
  seenEarlier: Set<string>;
}

export type ChunkCounts = Pick<ImportCounts, 'created' | 'updated' | 'unchanged' | 'duplicatesInFile'>;

/**
 * Writes one chunk through the contacts' upsert (found by any identity, merged, or created) and
 * counts what happened from the import's point of view.
 *
 * Counts stay exact when a chunk is replayed after a crash: a contact this same import created
 * (or updated) before it was interrupted counts as created (or updated) again, not unchanged.
 * A row that turns out, by another identity, to be a contact an earlier chunk of this file
 * created (a LinkedIn row, then the same person's email row) counts as a duplicate in the file.
 */
export async function applyChunk(input: ChunkInput, store: ContactStore): Promise<ChunkCounts> {
  const { ownerId, importId, now, drafts, seenEarlier } = input;
  const counts: ChunkCounts = { created: 0, updated: 0, unchanged: 0, duplicatesInFile: 0 };
  const results = await upsertContacts({ ownerId, now, drafts, importId }, store);
  for (const [draftId, result] of results) {
    if (seenEarlier.has(draftId)) continue; // counted once, as a duplicate of an earlier row
    if (result.outcome === 'created') {
      counts.created++;
      continue;
    }
    const { before, changed } = result;
    if (before.createdByImport === importId) {
      if (before.id === draftId) counts.created++;
      else counts.duplicatesInFile++;
    } else if (changed || before.updatedByImport === importId) counts.updated++;
    else counts.unchanged++;
  }
  return counts;
}

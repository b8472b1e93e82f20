import type { ContactDoc } from '../_shared/cosmos/contacts-repo.js';
import type { ContactFields, ContactFlag, ContactSource } from '../contacts/schema.js';
import type { ImportCounts } from './schema.js';

/** What the import writes for one contact key: fields, plus how it came in. */
export interface Draft extends ContactFields {
  source: ContactSource;
  flags?: ContactFlag[];
}

/** The contact storage an import needs; the Cosmos one counts its operations. */
export interface ContactStore {
  create(ownerId: string, docs: ContactDoc[]): Promise<number[]>;
  replace(ownerId: string, docs: ContactDoc[]): Promise<number[]>;
  readByIds(ownerId: string, ids: string[]): Promise<Map<string, ContactDoc>>;
}

export interface ChunkInput {
  ownerId: string;
  importId: string;
  now: string;
  /** Contacts of this chunk by id, already de-duplicated within the chunk. */
  drafts: Map<string, Draft>;
  /** Ids that an earlier chunk of the same file already wrote: merged into what is stored. */
  seenEarlier: Set<string>;
}

export type Merge = (existing: ContactDoc, incoming: Draft) => { merged: ContactDoc; changed: boolean };

type Counted = Pick<ImportCounts, 'created' | 'updated' | 'unchanged'>;

/**
 * Writes one chunk: create what is new (one bulk operation per contact), then merge into what
 * exists — fill empty fields, keep existing values — replacing only what changed, with the
 * stored _etag so a concurrent edit is re-read rather than overwritten.
 *
 * Counts stay exact when a chunk is replayed after a crash: a contact this same import created
 * (or updated) before it was interrupted counts as created (or updated) again, not unchanged.
 */
export async function applyChunk(input: ChunkInput, store: ContactStore, merge: Merge): Promise<Counted> {
  const { ownerId, importId, now, drafts, seenEarlier } = input;
  const counts: Counted = { created: 0, updated: 0, unchanged: 0 };

  const fresh = [...drafts].filter(([id]) => !seenEarlier.has(id));
  const created = await store.create(
    ownerId,
    fresh.map(([id, draft]) => newDoc(id, ownerId, importId, now, draft)),
  );
  const toMerge = new Set<string>([...drafts.keys()].filter((id) => seenEarlier.has(id)));
  fresh.forEach(([id], i) => {
    const status = created[i];
    if (status === 201 || status === 200) counts.created++;
    else if (status === 409) toMerge.add(id);
    else throw new Error(`Writing contact ${id} failed with status ${status}`);
  });

  let pending = [...toMerge];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === 5) throw new Error(`${pending.length} contacts kept changing while importing; try again`);
    const existing = await store.readByIds(ownerId, pending);
    const replacements: ContactDoc[] = [];
    for (const id of pending) {
      const stored = existing.get(id);
      const draft = drafts.get(id)!;
      if (!stored) {
        // Deleted between our create and read: write it again as new on the next pass.
        replacements.push(newDoc(id, ownerId, importId, now, draft));
        continue;
      }
      const { merged, changed } = merge(stored, draft);
      const inFileDuplicate = seenEarlier.has(id);
      if (changed) {
        replacements.push({ ...merged, updatedAt: now, updatedByImport: importId });
      }
      if (inFileDuplicate) continue; // counted once, as a duplicate of an earlier row
      if (stored.createdByImport === importId) counts.created++;
      else if (changed || stored.updatedByImport === importId) counts.updated++;
      else counts.unchanged++;
    }
    const statuses = replacements.length ? await store.replace(ownerId, replacements) : [];
    pending = [];
    replacements.forEach((doc, i) => {
      const status = statuses[i];
      if (status === 412 || status === 404) {
        // Someone changed or deleted it meanwhile: re-read and merge again, counting once.
        pending.push(doc.id);
        undoCount(counts, doc, importId, seenEarlier);
      } else if (status !== 200 && status !== 201) {
        throw new Error(`Updating contact ${doc.id} failed with status ${status}`);
      }
    });
  }
  return counts;
}

function undoCount(counts: Counted, doc: ContactDoc, importId: string, seenEarlier: Set<string>) {
  if (seenEarlier.has(doc.id)) return;
  if (doc.createdByImport === importId) counts.created--;
  else counts.updated--;
}

export function newDoc(id: string, ownerId: string, importId: string, now: string, draft: Draft): ContactDoc {
  const { source, flags, ...fields } = draft;
  return {
    ...fields,
    id,
    ownerId,
    status: 'new',
    source,
    flags: flags ?? [],
    tags: fields.tags ?? [],
    searchText: '',
    tagKeys: [],
    createdByImport: importId,
    createdAt: now,
    updatedAt: now,
  };
}

import { contactIdFor, identityIds, sameContact } from '../contacts/identity.js';
import { mergeContact } from '../contacts/merge.js';
import type { ContactDraft } from '../contacts/model.js';
import type { ContactSource } from '../contacts/schema.js';
import type { Table } from './parse/table.js';
import type { RejectedRow } from './rejected-row.js';
import type { ColumnMapping } from './schema.js';
import { toDraft } from './validate.js';

export interface ProcessOptions {
  /** Data rows per chunk (non-empty rows below the header). */
  chunkRows?: number;
  /** Data rows already imported by an interrupted run (the sum of earlier chunks' rowCount). */
  skipRows?: number;
  source?: ContactSource;
  defaultCountry?: string;
  tags?: string[];
  /** Hashed identities of contacts erased at their request (privacy/erase.ts): their rows are skipped. */
  erased?: ReadonlySet<string> | undefined;
}

/** Why a row of a contact erased earlier was not imported; the user can tick to import such rows anyway. */
export const ERASED_ROW_REASON =
  'Erased earlier at their request — tick "Import erased contacts anyway" to import';

/** What one chunk of rows contributes; the caller writes it, then records progress. */
export interface ImportChunk {
  /** Contacts by Cosmos id (contactIdFor of the key), already merged within the chunk. */
  drafts: Map<string, ContactDraft>;
  /** Ids an earlier chunk of this file already produced: merge into the stored contact, count nothing. */
  seenEarlier: Set<string>;
  rejected: RejectedRow[];
  /** Rows that repeated an earlier row of the file (same key), in this chunk. */
  duplicatesInFile: number;
  /** Contacts first seen in this chunk that have no email. */
  withoutEmail: number;
  /** Data rows in this chunk, rejected and duplicate ones included. */
  rowCount: number;
  /** Spreadsheet row numbers of the chunk's first and last data rows. */
  firstRow: number;
  lastRow: number;
}

const DEFAULT_CHUNK_ROWS = 500;

/**
 * Validates and de-duplicates a table chunk by chunk. Memory is one chunk plus one id per distinct
 * contact seen so far (~100 bytes each), never the rows themselves. Resuming with `skipRows` re-reads
 * the skipped rows only to remember their ids, so duplicates of them are still counted as such and
 * nothing is counted twice.
 */
export async function* processTable(
  table: Table,
  mapping: ColumnMapping,
  options: ProcessOptions = {},
): AsyncGenerator<ImportChunk> {
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  let toSkip = options.skipRows ?? 0;
  const draftOptions = {
    source: options.source ?? table.format,
    ...(options.defaultCountry && { defaultCountry: options.defaultCountry }),
    ...(options.tags && { tags: options.tags }),
  };
  const seen = new Set<string>();
  // Identity hash → id of the chunk's draft that has it: rows of one person under different
  // keys (a LinkedIn row, then an email row with the same profile) become one contact.
  let byIdentity = new Map<string, string>();
  let chunk = emptyChunk();
  for await (const batch of table.batches) {
    for (const { row, cells } of batch) {
      const result = toDraft(cells, mapping, row, draftOptions);
      if (toSkip > 0) {
        toSkip--;
        if (result.ok) seen.add(contactIdFor(result.key));
        continue;
      }
      if (chunk.rowCount === 0) chunk.firstRow = row;
      chunk.rowCount++;
      chunk.lastRow = row;
      if (!result.ok) {
        chunk.rejected.push({ row, reason: result.reason, cells });
      } else if (options.erased?.size && identityIds(result.draft).some((id) => options.erased!.has(id))) {
        // No cells kept: the rejected-row report must not bring the erased person back either.
        chunk.rejected.push({ row, reason: ERASED_ROW_REASON, cells: [] });
      } else {
        add(chunk, seen, byIdentity, contactIdFor(result.key), result.draft);
      }
      if (chunk.rowCount === chunkRows) {
        yield chunk;
        chunk = emptyChunk();
        byIdentity = new Map();
      }
    }
  }
  if (chunk.rowCount > 0) yield chunk;
}

function add(
  chunk: ImportChunk,
  seen: Set<string>,
  byIdentity: Map<string, string>,
  id: string,
  draft: ContactDraft,
): void {
  const identities = identityIds(draft);
  const inChunk = chunk.drafts.get(id);
  const sameAs = inChunk ? undefined : sameInChunk(chunk, byIdentity, identities, draft);
  if (inChunk || sameAs) {
    const target = sameAs ?? id;
    const before = chunk.drafts.get(target)!;
    const merged = mergeContact(before, draft).merged;
    chunk.drafts.set(target, merged);
    chunk.duplicatesInFile++;
    if (!before.email && merged.email && !chunk.seenEarlier.has(target)) chunk.withoutEmail--;
    seen.add(id);
    for (const key of identityIds(merged)) if (!byIdentity.has(key)) byIdentity.set(key, target);
    return;
  }
  for (const key of identities) if (!byIdentity.has(key)) byIdentity.set(key, id);
  if (seen.has(id)) {
    chunk.drafts.set(id, draft);
    chunk.seenEarlier.add(id);
    chunk.duplicatesInFile++;
  } else {
    seen.add(id);
    chunk.drafts.set(id, draft);
    if (!draft.email) chunk.withoutEmail++;
  }
}

/** Another draft of this chunk that is the same person as `draft` by one of its other identities. */
function sameInChunk(
  chunk: ImportChunk,
  byIdentity: Map<string, string>,
  identities: string[],
  draft: ContactDraft,
): string | undefined {
  for (const key of identities) {
    const other = byIdentity.get(key);
    if (other !== undefined && sameContact(chunk.drafts.get(other)!, draft)) return other;
  }
  return undefined;
}

const emptyChunk = (): ImportChunk => ({
  drafts: new Map(),
  seenEarlier: new Set(),
  rejected: [],
  duplicatesInFile: 0,
  withoutEmail: 0,
  rowCount: 0,
  firstRow: 0,
  lastRow: 0,
});

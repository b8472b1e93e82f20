import { identityIds } from '../contacts/identity.js';
import { matchDrafts } from '../contacts/upsert.js';
import type { ImportDeps } from './import.js';
import { getImport, validateMapping } from './import.js';
import { openTable } from './parse/open-table.js';
import { processTable } from './pipeline.js';
import type { ColumnMapping, ImportForecast } from './schema.js';

const REJECTED_SAMPLE = 20;

/**
 * What committing the upload with this mapping would do, worked out on the whole file against
 * the stored contacts with the import's own validation and matching, writing nothing: so the
 * person sees "1,204 new, 96 merged, 12 rejected (and why)" before anything happens.
 */
export async function forecastImport(
  ownerId: string,
  id: string,
  mapping: ColumnMapping,
  deps: ImportDeps,
): Promise<ImportForecast> {
  const doc = await getImport(ownerId, id, deps);
  validateMapping(mapping, doc.headers);
  const source = await deps.files.openUpload(doc.blobName);
  const table = await openTable({ fileName: doc.fileName, source, maxBytes: deps.limits.maxBytes });
  const forecast: ImportForecast = {
    rows: 0,
    create: 0,
    merge: 0,
    reject: 0,
    duplicatesInFile: 0,
    withoutEmail: 0,
    rejectedSample: [],
  };
  const chunks = processTable(table, mapping, {
    chunkRows: deps.limits.chunkRows,
    source: doc.format,
    erased: await deps.erasedIdentities?.(ownerId),
  });
  for await (const chunk of chunks) {
    forecast.rows += chunk.rowCount;
    forecast.reject += chunk.rejected.length;
    forecast.duplicatesInFile += chunk.duplicatesInFile;
    forecast.withoutEmail += chunk.withoutEmail;
    for (const r of chunk.rejected) {
      if (forecast.rejectedSample.length < REJECTED_SAMPLE)
        forecast.rejectedSample.push({ row: r.row, reason: r.reason });
    }
    // Repeats of an earlier chunk's rows are already counted as duplicates in the file.
    const fresh = [...chunk.drafts.keys()].filter((draftId) => !chunk.seenEarlier.has(draftId));
    const wanted = [
      ...new Set(fresh.flatMap((draftId) => [draftId, ...identityIds(chunk.drafts.get(draftId)!)])),
    ];
    const stored = wanted.length ? await deps.contacts.findByIdentities(ownerId, wanted) : [];
    const { creates, merges } = matchDrafts(fresh, chunk.drafts, stored);
    forecast.create += creates.length;
    forecast.merge += merges.reduce((n, m) => n + m.draftIds.length, 0);
  }
  return forecast;
}

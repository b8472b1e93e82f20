import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import * as XLSX from 'xlsx';
import { BLOB_CONTAINERS, getBlobContainer } from '../_shared/storage.js';
import { mentions } from './scrub.js';

/** Every blob container the app writes; each keeps an owner's files under `<ownerId>/`. */
export const OWNER_BLOB_CONTAINERS = Object.values(BLOB_CONTAINERS);

export interface BlobChange {
  container: string;
  name: string;
  /** Rows that named the person were taken out, or the whole file went (when it could not be read as rows). */
  action: 'rows-removed' | 'deleted';
}

const isSheet = (name: string) => /\.(xlsx|xls)$/i.test(name);

/** The rows of a spreadsheet or CSV file without those that name the person; null when none did. */
export function withoutPerson(name: string, bytes: Buffer, pattern: RegExp): Buffer | null {
  if (isSheet(name)) {
    const book = XLSX.read(bytes, { type: 'buffer', cellDates: true });
    let changed = false;
    for (const sheetName of book.SheetNames) {
      const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[sheetName]!, { header: 1, raw: true });
      const kept = rows.filter(
        (row) =>
          !mentions(
            row.map((cell) => String(cell ?? '')),
            pattern,
          ),
      );
      if (kept.length === rows.length) continue;
      changed = true;
      const sheet = XLSX.utils.aoa_to_sheet(kept, { cellDates: true });
      sheet['!cols'] = book.Sheets[sheetName]!['!cols'];
      book.Sheets[sheetName] = sheet;
    }
    return changed
      ? Buffer.from(XLSX.write(book, { type: 'buffer', bookType: name.endsWith('.xls') ? 'xls' : 'xlsx' }))
      : null;
  }
  const text = bytes.toString('utf8');
  if (!mentions(text, pattern)) return null;
  const records = parse(text, { relax_column_count: true, bom: true }) as string[][];
  return Buffer.from(
    stringify(
      records.filter((r) => !mentions(r, pattern)),
      { record_delimiter: 'windows' },
    ),
    'utf8',
  );
}

/**
 * Takes the person out of every file of the owner's: imported spreadsheets and CSVs, rejected-row
 * reports and daily reports keep their other rows; a file that cannot be read as rows but names
 * them is deleted.
 */
export async function scrubOwnerBlobs(ownerId: string, pattern: RegExp): Promise<BlobChange[]> {
  const changes: BlobChange[] = [];
  for (const containerName of OWNER_BLOB_CONTAINERS) {
    const container = await getBlobContainer(containerName);
    for await (const item of container.listBlobsFlat({ prefix: `${ownerId}/` })) {
      const blob = container.getBlockBlobClient(item.name);
      const bytes = await blob.downloadToBuffer();
      let rewritten: Buffer | null;
      try {
        rewritten = withoutPerson(item.name, bytes, pattern);
      } catch {
        rewritten = mentions(bytes.toString('utf8'), pattern) ? Buffer.alloc(0) : null;
      }
      if (rewritten === null) continue;
      if (rewritten.length === 0) {
        await blob.deleteIfExists();
        changes.push({ container: containerName, name: item.name, action: 'deleted' });
      } else {
        await blob.uploadData(rewritten, {
          blobHTTPHeaders: { blobContentType: item.properties.contentType ?? 'application/octet-stream' },
        });
        changes.push({ container: containerName, name: item.name, action: 'rows-removed' });
      }
    }
  }
  return changes;
}

/** Deletes every file of the owner's; how many went. */
export async function deleteOwnerBlobs(ownerId: string): Promise<number> {
  let deleted = 0;
  for (const containerName of OWNER_BLOB_CONTAINERS) {
    const container = await getBlobContainer(containerName);
    for await (const item of container.listBlobsFlat({ prefix: `${ownerId}/` })) {
      await container.getBlobClient(item.name).deleteIfExists();
      deleted++;
    }
  }
  return deleted;
}

/** Every file of the owner's, for the account export. */
export async function* ownerBlobs(ownerId: string): AsyncGenerator<{ path: string; bytes: Buffer }> {
  for (const containerName of OWNER_BLOB_CONTAINERS) {
    const container = await getBlobContainer(containerName);
    for await (const item of container.listBlobsFlat({ prefix: `${ownerId}/` })) {
      const bytes = await container.getBlobClient(item.name).downloadToBuffer();
      yield { path: `files/${containerName}/${item.name.slice(ownerId.length + 1)}`, bytes };
    }
  }
}

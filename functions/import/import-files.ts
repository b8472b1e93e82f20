import type { Readable } from 'node:stream';
import { BLOB_CONTAINERS, getBlobContainer } from '../_shared/storage.js';

/**
 * Where an import keeps its bytes: the uploaded file, and its rejected-row report written as one
 * part per processed chunk (overwriting the same name on a retry, so a resumed import never
 * repeats a row in the report).
 */
export interface ImportFiles {
  saveUpload(ownerId: string, importId: string, fileName: string, bytes: Uint8Array): Promise<string>;
  openUpload(blobName: string): Promise<Readable>;
  /** Gone already is fine: discarding twice, or a timer after a person, does no harm. */
  deleteUpload(blobName: string): Promise<void>;
  saveRejectPart(ownerId: string, importId: string, startRow: number, csv: string): Promise<void>;
  readRejectParts(ownerId: string, importId: string, startRows: number[]): Promise<string[]>;
}

const partName = (ownerId: string, importId: string, startRow: number) =>
  `${ownerId}/${importId}/${String(startRow).padStart(10, '0')}.csv`;

export const blobImportFiles: ImportFiles = {
  async saveUpload(ownerId, importId, fileName, bytes) {
    const container = await getBlobContainer(BLOB_CONTAINERS.uploads);
    const safe = fileName.replace(/[^\w.\- ]+/g, '_').slice(-100) || 'upload';
    const name = `${ownerId}/${importId}/${safe}`;
    await container.getBlockBlobClient(name).uploadData(bytes);
    return name;
  },
  async openUpload(blobName) {
    const container = await getBlobContainer(BLOB_CONTAINERS.uploads);
    const download = await container.getBlobClient(blobName).download();
    return download.readableStreamBody as Readable;
  },
  async deleteUpload(blobName) {
    const container = await getBlobContainer(BLOB_CONTAINERS.uploads);
    await container.getBlobClient(blobName).deleteIfExists();
  },
  async saveRejectPart(ownerId, importId, startRow, csv) {
    const container = await getBlobContainer(BLOB_CONTAINERS.importRejects);
    const blob = container.getBlockBlobClient(partName(ownerId, importId, startRow));
    await blob.uploadData(Buffer.from(csv, 'utf8'), { blobHTTPHeaders: { blobContentType: 'text/csv' } });
  },
  async readRejectParts(ownerId, importId, startRows) {
    const container = await getBlobContainer(BLOB_CONTAINERS.importRejects);
    return Promise.all(
      [...startRows]
        .sort((a, b) => a - b)
        .map(async (row) =>
          (await container.getBlobClient(partName(ownerId, importId, row)).downloadToBuffer()).toString(
            'utf8',
          ),
        ),
    );
  },
};

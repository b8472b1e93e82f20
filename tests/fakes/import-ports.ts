import { Readable } from 'node:stream';
import type { ImportFiles } from '../../functions/import/import-files.js';
import {
  ImportChangedError,
  type ImportDoc,
  type ImportStore,
} from '../../functions/import/imports-store.js';

/** Import jobs in memory with etags: a save with a stale `_etag` is refused as Cosmos would. */
export function fakeImportStore() {
  const docs = new Map<string, ImportDoc>();
  let etag = 0;
  const put = (doc: ImportDoc): ImportDoc => {
    const stored = { ...doc, _etag: `i${++etag}` };
    docs.set(`${doc.ownerId}/${doc.id}`, stored);
    return structuredClone(stored);
  };
  const store: ImportStore = {
    async create(doc) {
      if (docs.has(`${doc.ownerId}/${doc.id}`)) throw new Error('exists');
      return put(doc);
    },
    async find(ownerId, id) {
      const doc = docs.get(`${ownerId}/${id}`);
      return doc && structuredClone(doc);
    },
    async save(doc) {
      const current = docs.get(`${doc.ownerId}/${doc.id}`);
      if (!current || current._etag !== doc._etag) {
        throw new ImportChangedError();
      }
      return put(doc);
    },
    async list(ownerId, limit) {
      return [...docs.values()]
        .filter((d) => d.ownerId === ownerId)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, limit);
    },
    async remove(ownerId, id) {
      docs.delete(`${ownerId}/${id}`);
    },
    async findAbandoned(before) {
      return [...docs.values()]
        .filter((d) => d.status === 'preview' && d.createdAt < before)
        .map(({ id, ownerId, blobName }) => ({ id, ownerId, blobName }));
    },
    async findStalled(before) {
      return [...docs.values()]
        .filter((d) => (d.status === 'queued' || d.status === 'running') && d.updatedAt < before)
        .map(({ id, ownerId }) => ({ id, ownerId }));
    },
  };
  return { store, all: () => [...docs.values()] };
}

/** Uploads and rejected-row report parts in memory. */
export function fakeImportFiles() {
  const blobs = new Map<string, Uint8Array>();
  const files: ImportFiles = {
    async saveUpload(ownerId, importId, fileName, bytes) {
      const name = `${ownerId}/${importId}/${fileName}`;
      blobs.set(name, bytes);
      return name;
    },
    async openUpload(blobName) {
      const bytes = blobs.get(blobName);
      if (!bytes) throw new Error(`no blob ${blobName}`);
      return Readable.from([Buffer.from(bytes)]);
    },
    async deleteUpload(blobName) {
      blobs.delete(blobName);
    },
    async saveRejectPart(ownerId, importId, startRow, csv) {
      blobs.set(`rejects/${ownerId}/${importId}/${startRow}`, Buffer.from(csv));
    },
    async readRejectParts(ownerId, importId, startRows) {
      return [...startRows]
        .sort((a, b) => a - b)
        .map((row) => Buffer.from(blobs.get(`rejects/${ownerId}/${importId}/${row}`)!).toString('utf8'));
    },
  };
  return { files, blobs };
}

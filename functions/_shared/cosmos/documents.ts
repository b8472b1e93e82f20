import { AppError } from '../errors.js';
import { type OwnedDoc, readOwned } from './bulk.js';
import { cosmosStatus, getContainer } from './client.js';
import type { ContainerName } from './containers.js';

/** Someone else saved the document since it was read (its `_etag` no longer matches). */
export class ChangedError extends AppError {
  constructor(what: string) {
    super('CONFLICT', `This ${what} was changed by another request — reload it.`);
  }
}

/**
 * The point operations every owner-scoped document needs: create, read (only the owner's), save
 * only if unchanged since read, delete. Capabilities add their own queries beside it.
 */
export function ownedDocuments<T extends OwnedDoc>(name: ContainerName, what: string) {
  const container = () => getContainer(name);
  return {
    async create(doc: T): Promise<T> {
      const { resource } = await (await container()).items.create<T>(doc);
      return resource!;
    },
    async find(ownerId: string, id: string): Promise<T | undefined> {
      return readOwned<T>(await container(), ownerId, id);
    },
    /** Replaces the document if its `_etag` still matches; ChangedError otherwise. */
    async save(doc: T): Promise<T> {
      try {
        const { resource } = await (await container())
          .item(doc.id, doc.ownerId)
          .replace<T>(doc, { accessCondition: { type: 'IfMatch', condition: doc._etag! } });
        return resource!;
      } catch (err) {
        if (cosmosStatus(err) === 412) throw new ChangedError(what);
        throw err;
      }
    },
    async upsert(doc: T): Promise<T> {
      const { resource } = await (await container()).items.upsert<T>(doc);
      return resource!;
    },
    async remove(ownerId: string, id: string): Promise<void> {
      try {
        await (await container()).item(id, ownerId).delete();
      } catch (err) {
        if (cosmosStatus(err) !== 404) throw err;
      }
    },
  };
}

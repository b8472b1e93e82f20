import type { Container, JSONObject, OperationInput } from '@azure/cosmos';

/** Bulk calls take at most 100 operations on the local API server; Azure batches the same way. */
const BULK_LIMIT = 100;

/** A document of an owner-scoped container, as bulk writes need it. */
export interface OwnedDoc {
  id: string;
  ownerId: string;
  _etag?: string;
}

/**
 * Creates or replaces many documents of one owner in bulk calls; never throws for per-document
 * conflicts. Returns each document's HTTP status (201/200 ok, 409 exists, 412 changed, 404 gone);
 * a replace carries the document's `_etag` as If-Match when it has one.
 */
export async function bulkWrite(
  container: Container,
  ownerId: string,
  docs: readonly OwnedDoc[],
  mode: 'create' | 'replace' | 'upsert',
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < docs.length; i += BULK_LIMIT) {
    const ops: OperationInput[] = docs.slice(i, i + BULK_LIMIT).map((doc) => {
      if (doc.ownerId !== ownerId) throw new Error('bulkWrite: a document of another owner');
      const { _etag, ...body } = doc;
      if (mode !== 'replace') {
        const operationType = mode === 'create' ? 'Create' : 'Upsert';
        return { operationType, partitionKey: ownerId, resourceBody: body as unknown as JSONObject };
      }
      return {
        operationType: 'Replace',
        partitionKey: ownerId,
        id: doc.id,
        resourceBody: body as unknown as JSONObject,
        ...(_etag ? { ifMatch: _etag } : {}),
      };
    });
    // bulk(), not executeBulkOperations(): the latter waits 1 s for every partially filled
    // batch (the SDK's intervalForPartialBatchInMs), which made a 10k-row import take 100 s.
    const results = await container.items.bulk(ops, { continueOnError: true });
    for (const r of results) statuses.push(r.statusCode);
  }
  return statuses;
}

/** A point read that answers only for the owner's own document. */
export async function readOwned<T extends OwnedDoc>(
  container: Container,
  ownerId: string,
  id: string,
): Promise<T | undefined> {
  const { resource } = await container.item(id, ownerId).read<T>();
  return resource && resource.ownerId === ownerId ? resource : undefined;
}

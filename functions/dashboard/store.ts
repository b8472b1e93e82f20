import { type Container, type PatchOperation, PatchOperationType } from '@azure/cosmos';
import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import { type CounterDoc, type CounterIncrement, counterDocId, newCounterDoc } from './counters.js';

/** Cosmos DB takes at most 10 operations in one patch. */
const PATCH_LIMIT = 10;
/** Counter documents patched at once by one batch of events. */
const PARALLEL = 16;

/**
 * Applies increments with Cosmos patch `incr`, which the database applies atomically: parallel
 * workers never lose each other's counts, and no read precedes the write. A day with no document
 * yet gets one created with the counts; if another worker created it first (409), the increments
 * are patched onto theirs.
 */
async function applyOne(container: Container, inc: CounterIncrement): Promise<void> {
  const ops: PatchOperation[] = [...inc.paths].map(([path, value]) => ({
    op: PatchOperationType.incr,
    path,
    value,
  }));
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      for (let i = 0; i < ops.length; i += PATCH_LIMIT)
        await container.item(inc.id, inc.ownerId).patch(ops.slice(i, i + PATCH_LIMIT));
      return;
    } catch (err) {
      if (cosmosStatus(err) !== 404) throw err;
    }
    try {
      await container.items.create(newCounterDoc(inc));
      return;
    } catch (err) {
      if (cosmosStatus(err) !== 409) throw err;
    }
  }
  throw new Error(`counter ${inc.id} could not be created or patched`);
}

export async function applyIncrements(increments: CounterIncrement[]): Promise<void> {
  if (!increments.length) return;
  const container = await getContainer('daily-counters');
  for (let i = 0; i < increments.length; i += PARALLEL)
    await Promise.all(increments.slice(i, i + PARALLEL).map((inc) => applyOne(container, inc)));
}

/** One campaign's (or 'all') daily documents of [from, to]; the owner's partition only. */
export async function readCounters(
  ownerId: string,
  campaignId: string,
  from: string,
  to: string,
): Promise<CounterDoc[]> {
  const { resources } = await (await getContainer('daily-counters')).items
    .query<CounterDoc>(
      {
        query:
          'SELECT c.day, c.campaignId, c.ownerId, c.counts, c.templates, c.slots FROM c WHERE c.ownerId = @o AND c.campaignId = @c AND c.day >= @from AND c.day <= @to',
        parameters: [
          { name: '@o', value: ownerId },
          { name: '@c', value: campaignId },
          { name: '@from', value: from },
          { name: '@to', value: to },
        ],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return resources.filter((d) => d.ownerId === ownerId);
}

/** One day's document, by point read (the benchmark's floor). */
export async function readCounterDay(
  ownerId: string,
  day: string,
  campaignId: string,
): Promise<CounterDoc | undefined> {
  try {
    const { resource } = await (await getContainer('daily-counters'))
      .item(counterDocId(day, campaignId), ownerId)
      .read<CounterDoc>();
    return resource?.ownerId === ownerId ? resource : undefined;
  } catch (err) {
    if (cosmosStatus(err) === 404) return undefined;
    throw err;
  }
}

/** Names of the owner's templates among `ids`. */
export async function templateNames(ownerId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const { resources } = await (await getContainer('templates')).items
    .query<{ id: string; ownerId: string; name: string }>(
      {
        query: 'SELECT c.id, c.ownerId, c.name FROM c WHERE c.ownerId = @o AND ARRAY_CONTAINS(@ids, c.id)',
        parameters: [
          { name: '@o', value: ownerId },
          { name: '@ids', value: ids },
        ],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  return new Map(resources.filter((t) => t.ownerId === ownerId).map((t) => [t.id, t.name]));
}

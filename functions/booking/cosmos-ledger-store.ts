import { readOwned } from '../_shared/cosmos/bulk.js';
import { cosmosStatus, getContainer } from '../_shared/cosmos/client.js';
import type { LedgerEntry, LedgerStore } from './ledger.js';

/** One organizer-local day of the ledger, in the `booking-ledger` container (partition /ownerId). */
interface LedgerDoc {
  id: string;
  ownerId: string;
  day: string;
  entries: LedgerEntry[];
  /** Past days are only history (meetings keep theirs): Cosmos drops a day a month after it. */
  ttl: number;
  _etag?: string;
}

const KEEP_AFTER_DAY_S = 31 * 86_400;
const ttlFor = (day: string) =>
  Math.max(
    KEEP_AFTER_DAY_S,
    Math.ceil((Date.parse(`${day}T00:00:00Z`) - Date.now()) / 1000) + KEEP_AFTER_DAY_S,
  );

export const cosmosLedgerStore: LedgerStore = {
  async read(ownerId, day) {
    const doc = await readOwned<LedgerDoc>(await getContainer('booking-ledger'), ownerId, `day-${day}`);
    return { day, entries: doc?.entries ?? [], etag: doc?._etag ?? null };
  },

  async write(ownerId, { day, entries, etag }) {
    const container = await getContainer('booking-ledger');
    const doc: LedgerDoc = { id: `day-${day}`, ownerId, day, entries, ttl: ttlFor(day) };
    try {
      if (etag === null) await container.items.create(doc);
      else
        await container
          .item(doc.id, ownerId)
          .replace(doc, { accessCondition: { type: 'IfMatch', condition: etag } });
      return 'ok';
    } catch (err) {
      const status = cosmosStatus(err);
      // 409: another request created the day first; 412: it changed since read; 404: it expired.
      if (status === 409 || status === 412 || status === 404) return 'changed';
      throw err;
    }
  },

  async withExpiredHolds(now, limit) {
    const { resources } = await (await getContainer('booking-ledger')).items
      .query<{ ownerId: string; day: string }>({
        query: `SELECT TOP ${Math.floor(limit)} c.ownerId, c.day FROM c WHERE EXISTS(SELECT VALUE e FROM e IN c.entries WHERE e.state = 'held' AND e.heldUntil < @now)`,
        parameters: [{ name: '@now', value: now.toISOString() }],
      })
      .fetchAll();
    return resources;
  },

  async range(ownerId, fromDay, toDay) {
    const { resources } = await (await getContainer('booking-ledger')).items
      .query<LedgerDoc>(
        {
          query: 'SELECT * FROM c WHERE c.ownerId = @o AND c.day >= @from AND c.day <= @to',
          parameters: [
            { name: '@o', value: ownerId },
            { name: '@from', value: fromDay },
            { name: '@to', value: toDay },
          ],
        },
        { partitionKey: ownerId },
      )
      .fetchAll();
    return resources.flatMap((d) => d.entries);
  },
};

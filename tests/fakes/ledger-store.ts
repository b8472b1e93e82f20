import type { LedgerDay, LedgerEntry, LedgerStore } from '../../functions/booking/ledger.js';

/**
 * The ledger's storage in memory, with the same conditional-write semantics as Cosmos: a write
 * whose etag is stale is refused. `pause` yields between read and write so that concurrent
 * claims interleave as they do over the network.
 */
export function createFakeLedgerStore(): LedgerStore & {
  days: Map<string, { entries: LedgerEntry[]; etag: number }>;
} {
  const days = new Map<string, { entries: LedgerEntry[]; etag: number }>();
  let version = 0;
  const key = (ownerId: string, day: string) => `${ownerId}/${day}`;
  const pause = () => new Promise<void>((r) => setImmediate(r));
  return {
    days,
    async read(ownerId, day): Promise<LedgerDay> {
      await pause();
      const doc = days.get(key(ownerId, day));
      return { day, entries: structuredClone(doc?.entries ?? []), etag: doc ? String(doc.etag) : null };
    },
    async write(ownerId, day) {
      await pause();
      const current = days.get(key(ownerId, day.day));
      if ((current ? String(current.etag) : null) !== day.etag) return 'changed';
      days.set(key(ownerId, day.day), { entries: structuredClone(day.entries), etag: ++version });
      return 'ok';
    },
    async withExpiredHolds(now, limit) {
      return [...days.entries()]
        .filter(([, d]) =>
          d.entries.some((e) => e.state === 'held' && (e.heldUntil ?? '') < now.toISOString()),
        )
        .slice(0, limit)
        .map(([k]) => {
          const [ownerId, day] = k.split('/') as [string, string];
          return { ownerId, day };
        });
    },
    async range(ownerId, fromDay, toDay) {
      return [...days.entries()]
        .filter(([k]) => {
          const [owner, day] = k.split('/') as [string, string];
          return owner === ownerId && day >= fromDay && day <= toDay;
        })
        .flatMap(([, d]) => structuredClone(d.entries));
    },
  };
}

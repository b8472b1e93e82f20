import { describe, expect, it } from 'vitest';
import { memoryBusyCache } from '../../tests/fakes/busy-cache-store.js';
import type { CalendarProvider, TimeRange } from '../_integrations/calendar/calendar-provider.js';
import { cachedBusy, emptiedOnWrite } from './busy-cache.js';
import type { CalendarConnectionDoc } from './connections.js';

const connection = (over: Partial<CalendarConnectionDoc> = {}) =>
  ({
    id: 'conn-1',
    ownerId: 'owner-1',
    status: 'ok',
    readCalendarUrls: [],
    ...over,
  }) as CalendarConnectionDoc;

/** A calendar with one meeting a day at 10:00 UTC, counting its reads; `during` runs inside a read. */
function calendar(during?: () => Promise<void>) {
  const reads: TimeRange[] = [];
  const provider = {
    name: 'caldav',
    async listBusy(range: TimeRange) {
      reads.push(range);
      await during?.();
      const out: TimeRange[] = [];
      for (let t = Date.parse(range.start.slice(0, 10)); t < Date.parse(range.end); t += 86_400_000) {
        const start = t + 10 * 3_600_000;
        if (start + 3_600_000 > Date.parse(range.start) && start < Date.parse(range.end))
          out.push({ start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString() });
      }
      return out;
    },
    deleteEvent: async () => {
      throw new Error('server down');
    },
  } as unknown as CalendarProvider;
  return { provider, reads };
}

const NOW = new Date('2026-12-01T08:00:00Z');
const day = (d: string) => ({ start: `${d}T00:00:00.000Z`, end: `${d}T23:59:59.000Z` });

describe('the busy-time cache', () => {
  it('answers repeated searches without the calendar until the TTL runs out', async () => {
    const store = memoryBusyCache();
    const { provider, reads } = calendar();
    let now = NOW;
    const options = { store, now: () => now, ttlMs: 15 * 60_000 };
    const first = await cachedBusy(connection(), provider, day('2026-12-02'), options);
    expect(first).toEqual([{ start: '2026-12-02T10:00:00.000Z', end: '2026-12-02T11:00:00.000Z' }]);
    // Another day within the window read ahead: the same answer the calendar would give, no read.
    expect(await cachedBusy(connection(), provider, day('2026-12-05'), options)).toEqual([
      { start: '2026-12-05T10:00:00.000Z', end: '2026-12-05T11:00:00.000Z' },
    ]);
    expect(reads).toHaveLength(1);
    // Other calendars chosen: not the same question.
    await cachedBusy(
      connection({ readCalendarUrls: ['https://dav/x/'] }),
      provider,
      day('2026-12-02'),
      options,
    );
    expect(reads).toHaveLength(2);
    now = new Date(NOW.getTime() + 16 * 60_000);
    await cachedBusy(
      connection({ readCalendarUrls: ['https://dav/x/'] }),
      provider,
      day('2026-12-02'),
      options,
    );
    expect(reads).toHaveLength(3);
  });

  it('does not keep what was read while the calendar said it changed', async () => {
    const store = memoryBusyCache();
    let emptyDuringRead = true;
    const { provider, reads } = calendar(async () => {
      if (emptyDuringRead) await store.empty('owner-1', 'conn-1', NOW.getTime());
    });
    const options = { store, now: () => NOW, ttlMs: 15 * 60_000 };
    await cachedBusy(connection(), provider, day('2026-12-02'), options);
    expect(store.docs.get('owner-1/conn-1')?.busy).toBeNull();
    emptyDuringRead = false;
    await cachedBusy(connection(), provider, day('2026-12-02'), options);
    expect(reads).toHaveLength(2);
    await cachedBusy(connection(), provider, day('2026-12-02'), options);
    expect(reads).toHaveLength(2);
  });

  it('reads the calendar itself for a failing connection and for a booking re-check', async () => {
    const store = memoryBusyCache();
    const { provider, reads } = calendar();
    const options = { store, now: () => NOW, ttlMs: 15 * 60_000 };
    await cachedBusy(connection(), provider, day('2026-12-02'), options);
    await cachedBusy(connection({ status: 'failing' }), provider, day('2026-12-02'), options);
    await cachedBusy(connection(), provider, day('2026-12-02'), { ...options, fresh: true });
    expect(reads).toHaveLength(3);
  });

  it("empties the connection's entry when Momentum Meet writes to it, even when the write fails", async () => {
    const store = memoryBusyCache();
    const { provider } = calendar();
    const options = { store, now: () => NOW, ttlMs: 15 * 60_000 };
    await cachedBusy(connection(), provider, day('2026-12-02'), options);
    expect(store.docs.get('owner-1/conn-1')?.busy).not.toBeNull();
    const writing = emptiedOnWrite(provider, connection(), options);
    await expect(writing.deleteEvent('event-1')).rejects.toThrow('server down');
    expect(store.docs.get('owner-1/conn-1')?.busy).toBeNull();
  });
});

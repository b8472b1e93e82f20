import type { CalendarProvider, TimeRange } from '../_integrations/calendar/calendar-provider.js';
import { mergeIntervals, overlapping } from '../_shared/scheduling/intervals.js';
import { DAY, MINUTE } from '../_shared/scheduling/zone-clock.js';
import type { CalendarConnectionDoc } from './connections.js';

/**
 * The busy-time cache: one document per connection holding its merged busy time over a window
 * wider than the search asked for, so the next searches read one document instead of the vendor.
 * It is emptied when the calendar says it changed (Google watch channels, Graph subscriptions,
 * CalDAV sync-token / ctag — push.ts), when Momentum Meet writes to that calendar, when the
 * connection's calendars change, and after `ttl` whatever happens (a lost notification).
 *
 * Filling races with emptying: a fill writes only if the document is as it was before the vendor
 * was read (If-Match, or create-if-absent), and emptying always writes, so busy time read before
 * a change is never kept after it.
 */

export interface BusyCacheDoc {
  /** The connection's id. */
  id: string;
  ownerId: string;
  /** What the busy time was read with (calendars, zone): another key is a miss. */
  key: string;
  /** The window read (epoch ms); busy time outside it is not known. */
  from: number;
  to: number;
  /** Merged busy intervals [start, end) in epoch ms; null once emptied. */
  busy: [number, number][] | null;
  /** CalDAV: the calendars' sync-tokens / ctags as they were just before the read. */
  tags?: Record<string, string> | undefined;
  fetchedAt: number;
  emptiedAt?: number | undefined;
  /** Cosmos TTL (seconds): an unused entry goes by itself. */
  ttl?: number;
  _etag?: string;
}

export interface BusyCacheStore {
  read(ownerId: string, connectionId: string): Promise<BusyCacheDoc | undefined>;
  /** Writes if the document is unchanged since `etag` was read (absent: if there still is none); false otherwise. */
  write(doc: BusyCacheDoc, etag: string | undefined): Promise<boolean>;
  /** Empties the entry (writes one when there is none, so a fill in flight cannot land). */
  empty(ownerId: string, connectionId: string, at: number): Promise<void>;
}

export interface BusyCacheOptions {
  store: BusyCacheStore;
  now(): Date;
  /** How long an entry is trusted without a notification; the safety net for lost ones. */
  ttlMs: number;
}

/** Read wider than asked: searches move forward with the clock and ask again a minute later. */
const READ_BEFORE = DAY;
const READ_AFTER = 7 * DAY;
/** An entry lives on in Cosmos a little longer than it is trusted (then TTL removes it). */
const KEEP_S = 2 * 24 * 3600;

export const DEFAULT_BUSY_CACHE_TTL = 15 * MINUTE;

const keyOf = (doc: CalendarConnectionDoc, timeZone: string | undefined) =>
  JSON.stringify([[...doc.readCalendarUrls].sort(), timeZone ?? 'UTC']);

const toRanges = (busy: readonly [number, number][], start: number, end: number): TimeRange[] =>
  overlapping(
    busy.map(([s, e]) => ({ start: s, end: e })),
    start,
    end,
  ).map((i) => ({ start: new Date(i.start).toISOString(), end: new Date(i.end).toISOString() }));

/** Whether the entry answers for this range right now. */
export function isFresh(
  entry: BusyCacheDoc | undefined,
  key: string,
  range: { start: number; end: number },
  now: number,
  ttlMs: number,
): entry is BusyCacheDoc & { busy: [number, number][] } {
  return (
    !!entry?.busy &&
    entry.key === key &&
    entry.from <= range.start &&
    entry.to >= range.end &&
    now - entry.fetchedAt < ttlMs
  );
}

/**
 * The connection's busy time over the range: from the cache when it holds a fresh answer and the
 * connection works, else from the provider (and kept for next time). `fresh` skips the cache
 * (booking re-checks the one slot against the calendar itself).
 */
export async function cachedBusy(
  doc: CalendarConnectionDoc,
  provider: CalendarProvider,
  range: TimeRange,
  options: BusyCacheOptions & { timeZone?: string | undefined; fresh?: boolean | undefined },
): Promise<TimeRange[]> {
  if (options.fresh) return provider.listBusy(range);
  const wanted = { start: Date.parse(range.start), end: Date.parse(range.end) };
  const key = keyOf(doc, options.timeZone);
  const now = options.now().getTime();
  const entry = await options.store.read(doc.ownerId, doc.id);
  if (doc.status === 'ok' && isFresh(entry, key, wanted, now, options.ttlMs)) {
    return toRanges(entry.busy, wanted.start, wanted.end);
  }
  const window = { start: wanted.start - READ_BEFORE, end: Math.max(wanted.end, now) + READ_AFTER };
  // Tags first: a change after this point shows as a new tag, and empties what is read next.
  const tags = await provider.changeTags?.();
  const read = await provider.listBusy({
    start: new Date(window.start).toISOString(),
    end: new Date(window.end).toISOString(),
  });
  const busy = mergeIntervals(read.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }))).map(
    (i): [number, number] => [i.start, i.end],
  );
  await options.store
    .write(
      {
        id: doc.id,
        ownerId: doc.ownerId,
        key,
        from: window.start,
        to: window.end,
        busy,
        tags,
        fetchedAt: now,
        ttl: KEEP_S,
      },
      entry?._etag,
    )
    // Keeping it is an optimisation; the answer stands either way.
    .catch(() => false);
  return toRanges(busy, wanted.start, wanted.end);
}

/** What the cache last held for the range, however old (the calendar cannot be read now). */
export async function lastKnownBusy(
  doc: CalendarConnectionDoc,
  range: TimeRange,
  store: BusyCacheStore,
): Promise<TimeRange[]> {
  const entry = await store.read(doc.ownerId, doc.id).catch(() => undefined);
  return entry?.busy ? toRanges(entry.busy, Date.parse(range.start), Date.parse(range.end)) : [];
}

/**
 * The provider with its writes emptying the connection's cache afterwards: a meeting written,
 * moved or cancelled by Momentum Meet shows at once, without waiting for the vendor's notice.
 */
export function emptiedOnWrite(
  provider: CalendarProvider,
  doc: Pick<CalendarConnectionDoc, 'ownerId' | 'id'>,
  options: Pick<BusyCacheOptions, 'store' | 'now'>,
): CalendarProvider {
  const after =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await write(...args);
      } finally {
        await options.store.empty(doc.ownerId, doc.id, options.now().getTime()).catch(() => undefined);
      }
    };
  return {
    ...provider,
    createEvent: after((event) => provider.createEvent(event)),
    updateEvent: after((eventId, event) => provider.updateEvent(eventId, event)),
    deleteEvent: after((eventId) => provider.deleteEvent(eventId)),
  };
}

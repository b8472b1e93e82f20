import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { WatchChannel } from '../_integrations/calendar/calendar-provider.js';
import { ChangedError } from '../_shared/cosmos/documents.js';
import { DAY } from '../_shared/scheduling/zone-clock.js';
import type { BusyCacheStore } from './busy-cache.js';
import { type CalendarConnectionDoc, type ConnectionsDeps, providerOf } from './connections.js';

/**
 * Keeping the busy-time cache honest: Google and Microsoft tell us when a calendar changes (a watch
 * channel, a Graph subscription), renewed before they lapse; CalDAV servers cannot, so a timer
 * compares each calendar's sync-token / ctag with the one its cached busy time was read at.
 * Either way the connection's cached busy time is emptied and the next search reads the calendar.
 */

/** A connection's live channels and the hashes of the secrets notifications must carry. */
export interface ConnectionWatch {
  channels: WatchChannel[];
  /** sha256 of the secret given to the vendor: the newest, and the previous one while a renewal settles. */
  secretHashes: string[];
  /** The earliest channel expiry; renewed a day before. */
  expiresAt: string;
  /** The last time making channels failed, and why (the cache then relies on its TTL). */
  lastError?: string | null;
}

export interface PushDeps extends Pick<ConnectionsDeps, 'now' | 'store' | 'factory' | 'keys'> {
  cache: BusyCacheStore;
  /** Where the vendor posts notifications for this connection (a public https URL on Azure). */
  pushUrl(doc: CalendarConnectionDoc): string;
}

/** Channels are asked for 3 days (Graph allows events ~7, Google a week) and renewed with a day left. */
const WATCH_FOR = 3 * DAY;
const RENEW_BEFORE = DAY;
/** After a failure, channels are not asked for again for this long (the timer runs every few minutes). */
const RETRY_AFTER = 60 * 60_000;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('base64url');

/** Re-reads and applies `change` when another request saved the connection in between. */
async function saveWith(
  doc: CalendarConnectionDoc,
  change: (current: CalendarConnectionDoc) => CalendarConnectionDoc,
  deps: Pick<PushDeps, 'store'>,
): Promise<CalendarConnectionDoc> {
  let current = doc;
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.store.save(change(current));
    } catch (err) {
      if (!(err instanceof ChangedError) || attempt >= 3) throw err;
      const fresh = await deps.store.find(doc.ownerId, doc.id);
      if (!fresh) throw err;
      current = fresh;
    }
  }
}

/**
 * Makes sure the vendor tells us about changes to this connection's calendars: new channels when
 * there are none or they lapse within a day (the old ones stopped after), nothing otherwise. A
 * provider without push (CalDAV) is left alone. A failure is recorded, not thrown.
 */
export async function ensureWatching(
  doc: CalendarConnectionDoc,
  deps: PushDeps,
): Promise<CalendarConnectionDoc> {
  const now = deps.now().getTime();
  const watch = doc.watch;
  if (watch && !watch.lastError && Date.parse(watch.expiresAt) - now > RENEW_BEFORE) return doc;
  if (watch?.lastError && now - Date.parse(watch.expiresAt) < RETRY_AFTER) return doc;
  if (doc.status !== 'ok') return doc;
  const provider = providerOf(doc, deps);
  if (!provider.watch) return doc;
  const secret = randomBytes(32).toString('base64url');
  const hashes = [hashOf(secret), ...(watch?.secretHashes.slice(0, 1) ?? [])];
  // The new secret is accepted before the vendor is asked: its first notice may come at once.
  let saved = await saveWith(
    doc,
    (d) => ({
      ...d,
      watch: {
        channels: d.watch?.channels ?? [],
        expiresAt: d.watch?.expiresAt ?? new Date(now).toISOString(),
        secretHashes: hashes,
      },
    }),
    deps,
  );
  let channels: WatchChannel[];
  try {
    channels = await provider.watch({
      address: deps.pushUrl(doc),
      secret,
      expiresAt: new Date(now + WATCH_FOR).toISOString(),
    });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return saveWith(
      saved,
      (d) => ({
        ...d,
        // expiresAt doubles as "last tried" while failing.
        watch: { ...d.watch!, expiresAt: new Date(now).toISOString(), lastError: reason.slice(0, 300) },
      }),
      deps,
    );
  }
  const old = saved.watch?.channels ?? [];
  saved = await saveWith(
    saved,
    (d) => ({
      ...d,
      watch: {
        channels,
        secretHashes: hashes,
        expiresAt: channels.reduce(
          (min, c) => (c.expiresAt < min ? c.expiresAt : min),
          new Date(now + WATCH_FOR).toISOString(),
        ),
        lastError: null,
      },
    }),
    deps,
  );
  // Busy time read before the channels existed may have missed a change.
  await deps.cache.empty(doc.ownerId, doc.id, now);
  for (const channel of old) await provider.unwatch?.(channel).catch(() => undefined);
  return saved;
}

/** Stops a connection's channels (on disconnect); best effort. */
export async function stopWatching(doc: CalendarConnectionDoc, deps: PushDeps): Promise<void> {
  if (!doc.watch?.channels.length) return;
  const provider = providerOf(doc, deps);
  for (const channel of doc.watch.channels) await provider.unwatch?.(channel).catch(() => undefined);
}

function knownSecret(doc: CalendarConnectionDoc, secret: string): boolean {
  const given = Buffer.from(hashOf(secret));
  return (doc.watch?.secretHashes ?? []).some((h) => {
    const known = Buffer.from(h);
    return known.length === given.length && timingSafeEqual(known, given);
  });
}

export type PushOutcome = 'emptied' | 'refused' | 'unknown';

/**
 * A vendor's notice that a connection's calendar changed: its cached busy time is emptied when the
 * notice carries the connection's secret; refused otherwise (a forged or stale notice changes nothing).
 */
export async function calendarChanged(
  ownerId: string,
  connectionId: string,
  secret: string | null | undefined,
  deps: Pick<PushDeps, 'store' | 'cache' | 'now'>,
): Promise<PushOutcome> {
  const doc = await deps.store.find(ownerId, connectionId);
  if (!doc) return 'unknown';
  if (!secret || !knownSecret(doc, secret)) return 'refused';
  await deps.cache.empty(ownerId, connectionId, deps.now().getTime());
  return 'emptied';
}

/**
 * CalDAV: compares the calendars' sync-tokens / ctags with those the cached busy time was read at
 * and empties it when one moved. Nothing cached, nothing to compare: no request is made.
 */
export async function compareChangeTags(doc: CalendarConnectionDoc, deps: PushDeps): Promise<boolean> {
  const entry = await deps.cache.read(doc.ownerId, doc.id);
  if (!entry?.busy || !entry.tags) return false;
  const provider = providerOf(doc, deps);
  if (!provider.changeTags) return false;
  const now = await provider.changeTags();
  const moved =
    Object.keys(now).length !== Object.keys(entry.tags).length ||
    Object.entries(now).some(([url, tag]) => entry.tags?.[url] !== tag);
  if (moved) await deps.cache.empty(doc.ownerId, doc.id, deps.now().getTime());
  return moved;
}

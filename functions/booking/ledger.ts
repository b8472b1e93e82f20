import { AppError } from '../_shared/errors.js';
import { dayToIsoDate, localDay, MINUTE, zoneClock } from '../_shared/scheduling/zone-clock.js';

/**
 * The booking ledger: the one place where "this time is taken" is decided, for every channel
 * (public page, organizer, bot, email link). One document per organizer per local day lists the
 * meetings and live claims touching that day; a claim is written to every day its meeting — with
 * the gap the buffers keep — touches, each with If-Match on the document's `_etag`. Two meetings that would sit
 * closer than the buffers allow always share such a day, so whichever writes second reads the
 * first and is refused: no overlap whatever the start times, and the daily cap counts the start
 * day's document, which every meeting starting that day writes. Works where batches are not
 * atomic (the local Cosmos API server), since each step is one conditional replace.
 */

export interface LedgerEntry {
  /** Unique per claim: a meeting's id, with its reschedule sequence for later claims. */
  claimId: string;
  meetingId: string;
  /** UTC ISO. */
  start: string;
  end: string;
  /** The organizer-local date the meeting starts on: what the daily cap counts. */
  day: string;
  /** A claim whose meeting is being written; counted until `heldUntil`, then settled. */
  state: 'held' | 'booked';
  heldUntil?: string;
  /** Every day document the claim was written to (its meeting plus the buffer gap). */
  days: string[];
}

export interface LedgerDay {
  /** The organizer-local date, YYYY-MM-DD. */
  day: string;
  entries: LedgerEntry[];
  /** Null when the document does not exist yet. */
  etag: string | null;
}

export interface LedgerStore {
  read(ownerId: string, day: string): Promise<LedgerDay>;
  /** Creates (etag null) or replaces the day only if unchanged; 'changed' when someone wrote first. */
  write(ownerId: string, day: LedgerDay): Promise<'ok' | 'changed'>;
  /** Entries of the days from `fromDay` to `toDay` (inclusive), for slot searches. */
  range(ownerId: string, fromDay: string, toDay: string): Promise<LedgerEntry[]>;
  /** Days, of any owner, holding a claim whose hold ran out before `now` (for the sweep). */
  withExpiredHolds(now: Date, limit: number): Promise<{ ownerId: string; day: string }[]>;
}

/** What the ledger needs to know of the organizer's rules. */
export interface LedgerRules {
  timeZone: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  maxMeetingsPerDay: number | null;
}

export interface ClaimRequest {
  ownerId: string;
  claimId: string;
  meetingId: string;
  start: string;
  end: string;
  rules: LedgerRules;
  now: Date;
  /** How long a claim holds its time before it must be confirmed. */
  holdMs?: number;
  /** Another claim of the same meeting that does not count against this one (a reschedule's old time). */
  replaces?: string;
}

export interface LedgerDeps {
  store: LedgerStore;
  /** Which of these meetings exist and are booked: settles claims whose request died after writing one. */
  bookedMeetings(ownerId: string, meetingIds: string[]): Promise<Set<string>>;
}

export const HOLD_MS = 2 * 60_000;
/** A day document changed under us this many times in a row: give up with a 409, never a 5xx. */
const ATTEMPTS = 40;

export type ClaimRefusal = { reason: 'overlap' | 'day-full' };

/** A 409 whose body also lists `alternatives`: the nearest free times, found by the caller. */
export class SlotTakenError extends AppError {
  constructor(
    readonly refusal: ClaimRefusal['reason'],
    alternatives: { start: string; end: string }[] = [],
  ) {
    super(
      'SLOT_TAKEN',
      refusal === 'day-full'
        ? 'That day is fully booked now — here are the nearest free times.'
        : 'That time was just taken — here are the nearest free times.',
      undefined,
      { alternatives },
    );
  }
}

const ms = (iso: string) => Date.parse(iso);

/**
 * The gap two of the organizer's meetings keep: the larger buffer. Each meeting's buffer before
 * and after is respected whichever is booked first (buffers of neighbours may share the gap).
 */
export const gapMs = (rules: LedgerRules): number =>
  Math.max(rules.bufferBeforeMinutes, rules.bufferAfterMinutes) * MINUTE;

/** The local dates a meeting with its gap on both sides touches, first to last. */
export function daysTouched(start: string, end: string, rules: LedgerRules): string[] {
  const clock = zoneClock(rules.timeZone);
  const gap = gapMs(rules);
  const first = localDay(ms(start) - gap, clock);
  // The end is exclusive: a footprint ending exactly at midnight does not touch the next day.
  const last = localDay(ms(end) + gap - 1, clock);
  const days: string[] = [];
  for (let d = first; d <= last; d++) days.push(dayToIsoDate(d));
  return days;
}

export const startDay = (start: string, timeZone: string): string =>
  dayToIsoDate(localDay(ms(start), zoneClock(timeZone)));

const live = (e: LedgerEntry, now: number) => e.state === 'booked' || ms(e.heldUntil ?? '') > now;

/** Whether two meetings would sit closer than the buffers allow (or overlap). */
export function collides(
  a: Pick<LedgerEntry, 'start' | 'end'>,
  b: Pick<LedgerEntry, 'start' | 'end'>,
  rules: LedgerRules,
): boolean {
  const gap = gapMs(rules);
  return ms(a.start) < ms(b.end) + gap && ms(b.start) < ms(a.end) + gap;
}

/** Why `entry` may not join `entries` on `day`, or null when it may. */
export function refusal(
  day: string,
  entries: readonly LedgerEntry[],
  entry: LedgerEntry,
  rules: LedgerRules,
): ClaimRefusal | null {
  if (entries.some((e) => e.claimId !== entry.claimId && collides(entry, e, rules))) {
    return { reason: 'overlap' };
  }
  if (entry.day === day && rules.maxMeetingsPerDay !== null) {
    const starting = new Set(
      entries.filter((e) => e.day === day && e.claimId !== entry.claimId).map((e) => e.meetingId),
    );
    starting.delete(entry.meetingId);
    if (starting.size >= rules.maxMeetingsPerDay) return { reason: 'day-full' };
  }
  return null;
}

/**
 * Applies `change` to one day with optimistic concurrency: read, decide, write with If-Match; a
 * write that lost re-reads and decides again. `change` returns the new entries, a refusal, or
 * 'unchanged' when there is nothing to write.
 */
async function updateDay(
  ownerId: string,
  day: string,
  deps: LedgerDeps,
  now: number,
  change: (entries: LedgerEntry[]) => LedgerEntry[] | ClaimRefusal | 'unchanged',
): Promise<ClaimRefusal | null> {
  for (let attempt = 1; ; attempt++) {
    const doc = await deps.store.read(ownerId, day);
    const entries = await settleExpired(ownerId, doc.entries, now, deps);
    const next = change(entries);
    if (next === 'unchanged') return null;
    if (!Array.isArray(next)) return next;
    if ((await deps.store.write(ownerId, { ...doc, entries: next })) === 'ok') return null;
    if (attempt >= ATTEMPTS) {
      throw new AppError('CONFLICT', 'Many people are booking right now — try again in a moment.');
    }
    // Spread the retries of requests that lost together.
    await new Promise((r) => setTimeout(r, Math.random() * Math.min(20, attempt * 2)));
  }
}

/**
 * Drops claims whose hold ran out (their request died) — unless the meeting was written before
 * it died, in which case the claim stands as booked. Dead claims never block a slot forever.
 */
async function settleExpired(
  ownerId: string,
  entries: LedgerEntry[],
  now: number,
  deps: LedgerDeps,
): Promise<LedgerEntry[]> {
  const expired = entries.filter((e) => !live(e, now));
  if (!expired.length) return entries;
  const booked = await deps.bookedMeetings(ownerId, [...new Set(expired.map((e) => e.meetingId))]);
  return entries.flatMap((e): LedgerEntry[] => {
    if (live(e, now)) return [e];
    if (!booked.has(e.meetingId)) return [];
    const { heldUntil: _gone, ...rest } = e;
    return [{ ...rest, state: 'booked' }];
  });
}

/**
 * Claims the time for a meeting on every day it touches, in date order. Refused (SlotTakenError)
 * when it would overlap another meeting or claim, buffers included, or exceed the daily cap; the
 * days already written are released again, so nothing is half-claimed.
 */
export async function claim(request: ClaimRequest, deps: LedgerDeps): Promise<LedgerEntry> {
  const { ownerId, rules } = request;
  const now = request.now.getTime();
  const entry: LedgerEntry = {
    claimId: request.claimId,
    meetingId: request.meetingId,
    start: new Date(request.start).toISOString(),
    end: new Date(request.end).toISOString(),
    day: startDay(request.start, rules.timeZone),
    state: 'held',
    heldUntil: new Date(now + (request.holdMs ?? HOLD_MS)).toISOString(),
    days: daysTouched(request.start, request.end, rules),
  };
  const days = entry.days;
  const written: string[] = [];
  for (const day of days) {
    const refused = await updateDay(ownerId, day, deps, now, (entries) => {
      const others = entries.filter((e) => e.claimId !== request.replaces);
      return (
        refusal(day, others, entry, rules) ?? [...entries.filter((e) => e.claimId !== entry.claimId), entry]
      );
    });
    if (refused) {
      await removeFrom(ownerId, written, entry.claimId, deps, now);
      throw new SlotTakenError(refused.reason);
    }
    written.push(day);
  }
  return entry;
}

/**
 * Marks a claim booked: its meeting is written. A claim that was settled away meanwhile (its
 * request outlived the hold) is written again if the time is still free, else SlotTakenError.
 */
export async function confirmClaim(
  ownerId: string,
  entry: LedgerEntry,
  rules: LedgerRules,
  deps: LedgerDeps,
  now: Date,
): Promise<void> {
  const { heldUntil: _held, ...rest } = entry;
  const booked: LedgerEntry = { ...rest, state: 'booked' };
  for (const day of entry.days) {
    const refused = await updateDay(ownerId, day, deps, now.getTime(), (entries) =>
      entries.some((e) => e.claimId === entry.claimId)
        ? entries.map((e) => (e.claimId === entry.claimId ? booked : e))
        : (refusal(day, entries, booked, rules) ?? [...entries, booked]),
    );
    if (refused) throw new SlotTakenError(refused.reason);
  }
}

/**
 * Gives a claim's time back (a failed booking, a cancelled or moved meeting) on the days it was
 * written to — whatever the buffers are now; safe to repeat.
 */
export async function releaseClaim(
  ownerId: string,
  entry: Pick<LedgerEntry, 'claimId' | 'days'>,
  deps: LedgerDeps,
  now: Date,
): Promise<void> {
  await removeFrom(ownerId, entry.days, entry.claimId, deps, now.getTime());
}

async function removeFrom(ownerId: string, days: string[], claimId: string, deps: LedgerDeps, now: number) {
  for (const day of days) {
    await updateDay(ownerId, day, deps, now, (entries) =>
      entries.some((e) => e.claimId === claimId) ? entries.filter((e) => e.claimId !== claimId) : 'unchanged',
    );
  }
}

/**
 * Live claims and meetings around a range, for the slot search: `meetings` as booked (they count
 * toward the daily cap) and `busy` grown so that the engine, which keeps the new slot's own
 * buffers, also keeps each existing meeting's (the gap `collides` enforces).
 */
export async function ledgerBusy(
  ownerId: string,
  range: { start: number; end: number },
  rules: LedgerRules,
  deps: Pick<LedgerDeps, 'store'>,
  now: Date,
  /** A meeting being moved: its current claim is not in the way. */
  ignoreClaimId?: string,
): Promise<{ meetings: { start: string; end: string }[]; busy: { start: string; end: string }[] }> {
  const clock = zoneClock(rules.timeZone);
  const entries = await deps.store.range(
    ownerId,
    dayToIsoDate(localDay(range.start, clock) - 1),
    dayToIsoDate(localDay(range.end, clock) + 1),
  );
  const before = rules.bufferBeforeMinutes * MINUTE;
  const after = rules.bufferAfterMinutes * MINUTE;
  const seen = new Set<string>();
  const meetings: { start: string; end: string }[] = [];
  const busy: { start: string; end: string }[] = [];
  for (const e of entries) {
    if (seen.has(e.claimId) || e.claimId === ignoreClaimId || !live(e, now.getTime())) continue;
    seen.add(e.claimId);
    meetings.push({ start: e.start, end: e.end });
    busy.push({
      start: new Date(ms(e.start) - Math.max(0, before - after)).toISOString(),
      end: new Date(ms(e.end) + Math.max(0, after - before)).toISOString(),
    });
  }
  return { meetings, busy };
}

/**
 * Settles claims whose request died (their hold ran out): kept as booked when the meeting was
 * written, else dropped, so the time is offered again. Claims are also settled whenever their day
 * is next written; this timer does it for days nobody books on. Returns the days settled.
 */
export async function sweepExpiredHolds(deps: LedgerDeps, now: Date, limit = 500): Promise<number> {
  const days = await deps.store.withExpiredHolds(now, limit);
  for (const { ownerId, day } of days) {
    await updateDay(ownerId, day, deps, now.getTime(), (entries) => entries);
  }
  return days.length;
}

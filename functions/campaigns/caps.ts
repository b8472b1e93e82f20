import type { SenderDto } from './schema.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Warm-up: a new mailbox starts at 20 emails a day and gains 20 a day up to its cap. */
const WARM_UP_STEP = 20;

export interface Capacity {
  /** Emails this mailbox may send now. */
  available: number;
  /** When it may send again, if it may not now: the moment the oldest counted send leaves the window. */
  resumesAt: string | null;
  /** The cap in force now (lower than dailyCap while warming up). */
  dailyLimit: number;
}

/** The daily cap today, counting warm-up days from when the mailbox first sent. */
export function dailyLimit(
  sender: Pick<SenderDto, 'dailyCap' | 'warmUp' | 'warmUpStartedAt'>,
  now: Date,
): number {
  if (!sender.warmUp) return sender.dailyCap;
  const started = sender.warmUpStartedAt ? Date.parse(sender.warmUpStartedAt) : now.getTime();
  const days = Math.max(0, Math.floor((now.getTime() - started) / DAY));
  return Math.min(sender.dailyCap, WARM_UP_STEP * (days + 1));
}

/**
 * How many more emails a mailbox may send, over a rolling 24 hours and (optionally) an hour, given
 * when its recent emails went. Pure arithmetic: the caller reads the send times.
 */
export function capacity(
  sender: Pick<SenderDto, 'dailyCap' | 'hourlyCap' | 'warmUp' | 'warmUpStartedAt'>,
  sentAt: readonly string[],
  now: Date,
): Capacity {
  const t = now.getTime();
  const times = sentAt
    .map((s) => Date.parse(s))
    .filter((s) => s > t - DAY && s <= t)
    .sort((a, b) => a - b);
  const limit = dailyLimit(sender, now);
  const inHour = times.filter((s) => s > t - HOUR);
  const byDay = limit - times.length;
  const byHour = sender.hourlyCap == null ? Number.POSITIVE_INFINITY : sender.hourlyCap - inHour.length;
  const available = Math.max(0, Math.min(byDay, byHour));
  if (available > 0) return { available, resumesAt: null, dailyLimit: limit };
  // The window that is full frees a slot when its oldest send ages out of it.
  const dayFree = byDay <= 0 ? times[times.length - limit]! + DAY : 0;
  const hourFree = byHour <= 0 ? inHour[inHour.length - sender.hourlyCap!]! + HOUR : 0;
  return { available: 0, resumesAt: new Date(Math.max(dayFree, hourFree)).toISOString(), dailyLimit: limit };
}

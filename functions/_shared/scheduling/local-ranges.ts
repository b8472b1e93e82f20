import type { Interval } from './intervals.js';
import { DAY, HOUR, MINUTE, type ZoneClock } from './zone-clock.js';

/** [start, end) in minutes since local midnight; 1440 = end of the day. */
export type MinuteRange = readonly [number, number];

/** The instant, to the minute, at which the offset changes between `lo` and `hi`. */
function transitionBetween(clock: ZoneClock, lo: number, hi: number): number {
  const before = clock.offsetAt(lo);
  let a = Math.floor(lo / MINUTE);
  let b = Math.ceil(hi / MINUTE);
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (clock.offsetAt(mid * MINUTE) === before) a = mid;
    else b = mid;
  }
  return b * MINUTE;
}

/**
 * The instants of local date `day` whose wall-clock time lies in one of `ranges`. On a day the
 * clocks change the day is cut at the change, so a range that spans it becomes two intervals
 * and no interval holds a change: a skipped hour yields nothing, a repeated hour counts once
 * per offset — a slot never starts in one offset and ends in another.
 */
export function localRangesToUtc(clock: ZoneClock, day: number, ranges: readonly MinuteRange[]): Interval[] {
  if (ranges.length === 0) return [];
  const midnight = day * DAY;
  // Every instant of the day lies within these bounds whatever the offset (−12:00 … +14:00).
  const lo = midnight - 15 * HOUR;
  const hi = midnight + DAY + 13 * HOUR;
  const first = clock.offsetAt(lo);
  const last = clock.offsetAt(hi);
  const pieces: Array<{ offset: number; from: number; to: number }> =
    first === last
      ? [{ offset: first, from: -Infinity, to: Infinity }]
      : (() => {
          const change = transitionBetween(clock, lo, hi);
          return [
            { offset: first, from: -Infinity, to: change },
            { offset: last, from: change, to: Infinity },
          ];
        })();
  const out: Interval[] = [];
  for (const [startMin, endMin] of ranges) {
    for (const piece of pieces) {
      const start = Math.max(midnight + startMin * MINUTE - piece.offset, piece.from);
      const end = Math.min(midnight + endMin * MINUTE - piece.offset, piece.to);
      if (end > start) out.push({ start, end });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The first instant of local date `day` (local midnight, or the end of a skipped midnight hour). */
export function startOfLocalDay(clock: ZoneClock, day: number): number {
  return localRangesToUtc(clock, day, [[0, 1440]])[0]!.start;
}

import { firstIndexNotBefore } from '../sorted-search.js';

/** Half-open [start, end) in epoch ms. */
export interface Interval {
  start: number;
  end: number;
}

/** Sorted, non-overlapping, non-touching union of the inputs; empty intervals are dropped. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  let current: Interval | undefined;
  for (const next of sorted) {
    if (current && next.start <= current.end) {
      if (next.end > current.end) current.end = next.end;
    } else {
      current = { start: next.start, end: next.end };
      merged.push(current);
    }
  }
  return merged;
}

/**
 * Grows each busy interval so that a slot overlapping the result would sit closer than the
 * buffers allow: a slot needs `before` free ahead of its start and `after` free past its end.
 */
export function padIntervals(merged: readonly Interval[], before: number, after: number): Interval[] {
  return mergeIntervals(merged.map((i) => ({ start: i.start - after, end: i.end + before })));
}

/** Index of the first interval in a merged list whose end is after `time`. */
export const firstEndingAfter = (merged: readonly Interval[], time: number): number =>
  firstIndexNotBefore(merged.length, (i) => merged[i]!.end <= time);

/** Intervals of a merged list that overlap [start, end). */
export function overlapping(merged: readonly Interval[], start: number, end: number): Interval[] {
  const found: Interval[] = [];
  for (let i = firstEndingAfter(merged, start); i < merged.length && merged[i]!.start < end; i++) {
    found.push(merged[i]!);
  }
  return found;
}

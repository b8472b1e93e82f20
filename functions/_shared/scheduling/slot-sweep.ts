import type { Interval } from './intervals.js';
import type { WorkingInterval } from './working-hours.js';

/** A free slot and the organizer's local date it falls on. */
export interface FreeSlot extends Interval {
  day: number;
}

export interface SweepInput {
  /** Working intervals in time order (from WorkingWeek.intervals). */
  working: readonly WorkingInterval[];
  /** Busy time grown by the buffers (padIntervals), merged and sorted. */
  blocked: readonly Interval[];
  /** Slots start at or after this instant (now + notice, or the window's start)… */
  earliest: number;
  /** …strictly before this one (the horizon)… */
  startsBefore: number;
  /** …and end by this one (the window's end). */
  endsBy: number;
  duration: number;
  step: number;
  /** Local dates whose meeting cap is reached. */
  fullDays: ReadonlySet<number>;
}

/**
 * Free slots in time order. One pass over working intervals and blocked time together: each
 * blocked interval is passed once, and a slot that hits one jumps to the first start after it,
 * so the cost is O(working + blocked + slots) — never slots × events.
 */
export function sweepSlots(input: SweepInput): FreeSlot[] {
  const { working, blocked, duration, step } = input;
  const slots: FreeSlot[] = [];
  let j = 0;
  for (const w of working) {
    if (input.fullDays.has(w.day)) continue;
    const lastEnd = Math.min(w.end, input.endsBy);
    // Starts stay on the step grid anchored at the start of the working interval (09:00, 09:30…).
    const firstAt = (time: number) => w.start + Math.max(0, Math.ceil((time - w.start) / step)) * step;
    let start = firstAt(input.earliest);
    while (start + duration <= lastEnd && start < input.startsBefore) {
      while (j < blocked.length && blocked[j]!.end <= start) j++;
      const next = blocked[j];
      if (next && next.start < start + duration) {
        start = firstAt(next.end);
        continue;
      }
      slots.push({ start, end: start + duration, day: w.day });
      start += step;
    }
  }
  return slots;
}

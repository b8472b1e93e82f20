import type { Interval } from './intervals.js';
import type { FreeSlot } from './slot-sweep.js';
import type { WorkingWeek } from './working-hours.js';
import { localDay, type ZoneClock } from './zone-clock.js';

export interface RankContext {
  contactClock: ZoneClock;
  /** The contact's working week: their own rules, or 09:00–18:00 on weekdays. */
  contactWeek: WorkingWeek;
}

/**
 * A short list of `count` slots, in time order, that a person would pick first: inside both
 * parties' working day, on different days, and not the first or last free slot of a day when
 * the day has others (those sit against lunch, the commute or the organizer's last call).
 * Ties go to the sooner slot — meetings booked soon are kept more often.
 */
export function rankSlots(slots: readonly FreeSlot[], count: number, context: RankContext): FreeSlot[] {
  if (count <= 0 || slots.length === 0) return [];
  const contactDays = new Map<number, Interval[]>();
  const contactHours = (day: number) => {
    let hours = contactDays.get(day);
    if (!hours) {
      hours = context.contactWeek.intervals(context.contactClock, day, day);
      contactDays.set(day, hours);
    }
    return hours;
  };
  const perDay = new Map<number, { first: number; last: number; count: number }>();
  slots.forEach((slot, index) => {
    const entry = perDay.get(slot.day);
    if (entry) {
      entry.last = index;
      entry.count++;
    } else perDay.set(slot.day, { first: index, last: index, count: 1 });
  });
  const scored = slots.map((slot, index) => {
    const contactDay = localDay(slot.start, context.contactClock);
    const inside = contactHours(contactDay).some((h) => h.start <= slot.start && slot.end <= h.end);
    const day = perDay.get(slot.day)!;
    const edge = day.count > 2 && (index === day.first || index === day.last);
    return { slot, index, contactDay, tier: (inside ? 0 : 2) + (edge ? 1 : 0) };
  });
  scored.sort((a, b) => a.tier - b.tier || a.index - b.index);
  const chosen = new Set<number>();
  const usedDays = new Set<number>();
  for (const candidate of scored) {
    if (chosen.size >= count) break;
    if (usedDays.has(candidate.contactDay)) continue;
    chosen.add(candidate.index);
    usedDays.add(candidate.contactDay);
  }
  for (const candidate of scored) {
    if (chosen.size >= count) break;
    chosen.add(candidate.index);
  }
  return [...chosen].sort((a, b) => a - b).map((i) => slots[i]!);
}

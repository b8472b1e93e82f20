import { DateTime } from 'luxon';
import type { Span } from './ports.js';
import type { TimeWish } from './understanding.js';
import { partOfDayOf } from './when.js';

export const OFFER_COUNT = 3;

/**
 * Three times to offer from the free slots of a wish's range: the nearest to a wanted start;
 * otherwise spread out — the first free time of each day, then the rest at least an hour apart —
 * so "any morning next week" offers three mornings, not three half-hours of one.
 */
export function pickOffer(slots: Span[], wish: TimeWish | undefined, zone: string): Span[] {
  const fitting = wish?.partOfDay
    ? slots.filter((s) => partOfDayOf(DateTime.fromISO(s.start, { zone }).hour) === wish.partOfDay)
    : slots;
  if (wish?.at) {
    const at = Date.parse(wish.at);
    return [...fitting]
      .sort((a, b) => Math.abs(Date.parse(a.start) - at) - Math.abs(Date.parse(b.start) - at))
      .slice(0, OFFER_COUNT)
      .sort((a, b) => a.start.localeCompare(b.start));
  }
  const sorted = [...fitting].sort((a, b) => a.start.localeCompare(b.start));
  const picked: Span[] = [];
  const days = new Set<string>();
  for (const slot of sorted) {
    const day = DateTime.fromISO(slot.start, { zone }).toISODate()!;
    if (days.has(day)) continue;
    days.add(day);
    picked.push(slot);
    if (picked.length === OFFER_COUNT) return picked;
  }
  for (const slot of sorted) {
    if (picked.length === OFFER_COUNT) break;
    const apart = picked.every((p) => Math.abs(Date.parse(p.start) - Date.parse(slot.start)) >= 3_600_000);
    if (apart) picked.push(slot);
  }
  return picked.sort((a, b) => a.start.localeCompare(b.start));
}

/** "Tue 8 Dec, 15:00" in the zone. */
export const formatSlot = (slot: Span, zone: string): string =>
  DateTime.fromISO(slot.start, { zone }).setLocale('en-GB').toFormat('ccc d LLL, HH:mm');

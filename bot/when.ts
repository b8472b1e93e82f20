import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { PartOfDay, TimeWish } from './understanding.js';

/**
 * Reads when someone would like to meet, in their zone: "next Tuesday afternoon", "tomorrow at
 * 3", "not before 3pm Thursday", "any morning next week". chrono-node finds the date and time
 * (read with the zone's offset now); the wall-clock result is turned into an instant with Luxon,
 * so a date across a clock change still lands on the right hour.
 */

/** How far ahead a wish without a date looks ("any afternoon"). */
const OPEN_DAYS = 14;
/** Around a specific time, the nearest free times are looked for this far either side. */
const AROUND_DAYS = 2;

// English, and the unambiguous words of the other languages chrono reads below ("mañana" and
// "Morgen" also mean tomorrow, so they are left to chrono).
const PART_OF_DAY: [RegExp, PartOfDay][] = [
  [/\b(mornings?|matin(?:ée)?|vormittags?|mattina)\b/iu, 'morning'],
  [
    /(\bafternoons?\b|\btarde\b|après-midi|apres-midi|\bnachmittags?\b|\bpomeriggio\b|\bmiddag\b)/iu,
    'afternoon',
  ],
  [/\b(evenings?|tonight|noche|soir(?:ée)?|abends?|sera|avond)\b/iu, 'evening'],
];
/** Other languages chrono-node reads, tried when English finds no date or time. */
const OTHER_LOCALES = [chrono.es, chrono.fr, chrono.de, chrono.pt, chrono.it, chrono.nl];
const NOT_BEFORE = /\b(not before|after|from|later than|no earlier than|at the earliest)\b/i;
const NOT_AFTER = /\b(not after|before|until|till|by|no later than|at the latest)\b/i;

export function parseWhen(text: string, zone: string, now: Date): TimeWish | undefined {
  const here = DateTime.fromJSDate(now).setZone(zone);
  const partOfDay = PART_OF_DAY.find(([re]) => re.test(text))?.[1];
  const iso = (d: DateTime) => d.toUTC().toISO()!;
  const withPart = (wish: TimeWish): TimeWish => (partOfDay ? { ...wish, partOfDay } : wish);

  const week = /\b(next|this|coming)\s+week\b/i.exec(text);
  if (week) {
    const thisMonday = here.startOf('week');
    const current = week[1]!.toLowerCase() === 'this';
    const start = current ? here : thisMonday.plus({ weeks: 1 });
    return withPart({ from: iso(start), to: iso(thisMonday.plus({ weeks: current ? 1 : 2 })) });
  }

  const reference = { instant: now, timezone: here.offset };
  let [result] = chrono.parse(text, reference, { forwardDate: true });
  for (const locale of OTHER_LOCALES) {
    if (result) break;
    [result] = locale.parse(text, reference, { forwardDate: true });
  }
  const c = result?.start;
  // chrono reads a bare "afternoon" as this afternoon; "any afternoon" means any day.
  const dated =
    c &&
    ((['day', 'weekday', 'hour'] as const).some((k) => c.isCertain(k)) ||
      /\b(today|tonight|tomorrow|this)\b/i.test(result!.text));
  if (!result || !c || !dated) {
    return partOfDay ? { from: iso(here), to: iso(here.plus({ days: OPEN_DAYS })), partOfDay } : undefined;
  }

  const day = DateTime.fromObject(
    { year: c.get('year')!, month: c.get('month')!, day: c.get('day')! },
    { zone },
  );
  if (!day.isValid) return undefined;
  const hasTime = c.isCertain('hour');
  if (!hasTime) {
    return withPart({ from: iso(DateTime.max(day, here)), to: iso(day.plus({ days: 1 })) });
  }
  let hour = c.get('hour')!;
  // "at 3" means the afternoon: nobody books a meeting at 3 in the night.
  if (!c.isCertain('meridiem') && hour >= 1 && hour <= 7) hour += 12;
  const time = day.set({ hour, minute: c.get('minute') ?? 0 });
  const before = text.slice(0, result.index);
  if (NOT_BEFORE.test(before))
    return withPart({ from: iso(DateTime.max(time, here)), to: iso(day.plus({ days: 1 })) });
  if (NOT_AFTER.test(before)) return withPart({ from: iso(DateTime.max(day, here)), to: iso(time) });
  return {
    from: iso(DateTime.max(time.minus({ days: AROUND_DAYS }), here)),
    to: iso(time.plus({ days: AROUND_DAYS })),
    at: iso(time),
  };
}

/** The part of the day a local hour falls in. */
export function partOfDayOf(hour: number): PartOfDay | undefined {
  if (hour >= 6 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 17) return 'afternoon';
  if (hour >= 17 && hour < 22) return 'evening';
  return undefined;
}

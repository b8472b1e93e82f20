import type ICAL from 'ical.js';
import { timeFromWall, wallOf } from './ical-values.js';
import { DAY, HOUR } from './zone-clock.js';

// ical.js walks a rule from DTSTART, at 4–60 µs per step (more with BYSETPOS). A series started
// years ago would cost milliseconds per request, so iteration starts from a later DTSTART that
// generates the same occurrences (fastForward). RRULE semantics stay with ical.js.

const FIXED_PERIODS: Record<string, number> = {
  SECONDLY: 1000,
  MINUTELY: 60_000,
  HOURLY: HOUR,
  DAILY: DAY,
  WEEKLY: 7 * DAY,
};

function daysInMonth(monthIndex: number): number {
  return new Date(Date.UTC(Math.floor(monthIndex / 12), (monthIndex % 12) + 1, 0)).getUTCDate();
}

/**
 * A start before `targetWall` (or DTSTART itself) from which `rule` yields exactly the
 * occurrences the series has from there on. Rules are periodic in their FREQ × INTERVAL on the wall clock (weeks anchored
 * by WKST, BY-parts re-evaluated each period, missing BY-parts taken from DTSTART's fields), so a
 * start moved by whole periods keeps every field the rule reads. COUNT counts from the real
 * DTSTART and is never moved. The moved start itself is reported as an occurrence by ical.js; it
 * lies before `targetWall`, which callers place before their window, and is skipped.
 */
export function fastForward(rule: ICAL.Recur, startWall: number, targetWall: number): number {
  if (rule.count || targetWall <= startWall) return startWall;
  const interval = rule.interval || 1;
  const unit = FIXED_PERIODS[rule.freq];
  if (unit) {
    const period = unit * interval;
    return startWall + (Math.ceil((targetWall - startWall) / period) - 1) * period;
  }
  if (rule.freq !== 'MONTHLY' && rule.freq !== 'YEARLY') return startWall;
  const step = rule.freq === 'YEARLY' ? interval * 12 : interval;
  const start = new Date(startWall);
  const target = new Date(targetWall);
  const startMonth = start.getUTCFullYear() * 12 + start.getUTCMonth();
  const targetMonth = target.getUTCFullYear() * 12 + target.getUTCMonth();
  const day = start.getUTCDate();
  const timeOfDay = startWall - Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), day);
  for (let k = Math.floor((targetMonth - startMonth) / step); k > 0; k--) {
    const month = startMonth + k * step;
    // The day must exist (the 31st only in long months, 29 February in leap years), and the
    // moved start must fall before the target.
    const moved = Date.UTC(Math.floor(month / 12), month % 12, day) + timeOfDay;
    if (day <= daysInMonth(month) && moved < targetWall) return moved;
  }
  return startWall;
}

const SUB_MONTHLY = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY']);

/**
 * Why ical.js cannot expand a rule, if it cannot: its iterator loops forever when no day passes
 * the rule's day filters (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) or when a daily rule carries an
 * ordinal weekday (BYDAY=1MO, which RFC 5545 allows only for MONTHLY and YEARLY).
 */
export function ruleProblem(rule: ICAL.Recur): string | undefined {
  if (!SUB_MONTHLY.has(rule.freq)) return undefined;
  const byDay = (rule.parts.BYDAY ?? []) as string[];
  if (byDay.some((d) => /\d/.test(String(d)))) return `BYDAY=${byDay.join(',')} needs FREQ=MONTHLY or YEARLY`;
  const monthDays = (rule.parts.BYMONTHDAY ?? []) as number[];
  if (monthDays.length === 0) return undefined;
  const months = ((rule.parts.BYMONTH ?? []) as number[]).map(Number);
  const longest = (month: number) => (month === 2 ? 29 : [4, 6, 9, 11].includes(month) ? 30 : 31);
  const candidates = months.length > 0 ? months : [1];
  const possible = candidates.some((m) => monthDays.some((d) => Math.abs(Number(d)) <= longest(m)));
  return possible
    ? undefined
    : `no date matches BYMONTH=${months.join(',')};BYMONTHDAY=${monthDays.join(',')}`;
}

/**
 * Calls `visit` with the wall time of each occurrence from `startWall` until it returns false,
 * the rule ends, or `maxSteps` occurrences were seen (a guard against endless rules).
 */
export function walkRule(
  rule: ICAL.Recur,
  startWall: number,
  isDate: boolean,
  maxSteps: number,
  visit: (wall: number) => boolean,
): void {
  const iterator = rule.iterator(timeFromWall(startWall, isDate));
  for (let steps = 0; steps < maxSteps; steps++) {
    const next = iterator.next();
    if (!next || !visit(wallOf(next))) return;
  }
}

/**
 * All occurrence walls of a finite rule (COUNT, or UNTIL given as `bound`), or null when there
 * are more than `limit`. Such series are walked once when the calendar is parsed — COUNT has to
 * be walked from DTSTART anyway — and a request then only reads the part inside its window.
 */
export function finiteWalls(
  rule: ICAL.Recur,
  startWall: number,
  isDate: boolean,
  bound: number,
  limit: number,
): Float64Array | null {
  const walls: number[] = [];
  walkRule(rule, startWall, isDate, limit + 1, (wall) => {
    if (wall > bound) return false;
    walls.push(wall);
    return true;
  });
  return walls.length > limit ? null : Float64Array.from(walls);
}

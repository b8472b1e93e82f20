import { firstIndexNotBefore } from '../sorted-search.js';
import type { ParsedCalendar } from './calendar-parse.js';
import { type EventLength, endOf, resolveWall, type WallToUtc } from './ical-values.js';
import type { Interval } from './intervals.js';
import { fastForward, walkRule } from './recurrence.js';
import type { Series } from './series-parse.js';
import { DAY, type ZoneClock } from './zone-clock.js';

// Guards a request against rules that would emit absurd numbers of occurrences (FREQ=MINUTELY).
const MAX_STEPS_PER_RULE = 100_000;

const lowerBound = (sorted: ArrayLike<number>, value: number): number =>
  firstIndexNotBefore(sorted.length, (i) => sorted[i]! < value);

function expandSeries(series: Series, window: Interval, organizer: WallToUtc, out: Interval[]): void {
  // Walls differ from instants by at most a day; the margin also lets long events reach in.
  const fromWall = window.start - DAY - series.maxLength;
  const toWall = window.end + DAY;
  if (series.lastWall < fromWall || series.firstWall > toWall) return;
  const toUtc = series.toUtc ?? organizer;
  const excluded =
    series.excluded.length > 0 ? new Set(series.excluded.map((z) => resolveWall(z, organizer))) : null;
  const emit = (wall: number, start: number, length: EventLength, zone: WallToUtc) => {
    if (excluded?.has(start)) return;
    const end = endOf(wall, start, length, zone);
    if (end > window.start && start < window.end) out.push({ start, end });
  };
  // RFC 5545: DTSTART is always the first occurrence, even when no rule is usable.
  if (series.rules.length === 0 && series.startWall >= fromWall && series.startWall <= toWall) {
    emit(series.startWall, toUtc(series.startWall), series.length, toUtc);
  }
  for (const { rule, until, lastWall, walls } of series.rules) {
    if (lastWall < fromWall) continue;
    const untilUtc = until ? resolveWall(until, organizer) : Number.POSITIVE_INFINITY;
    const visit = (wall: number) => {
      if (wall > toWall) return false;
      if (wall < fromWall) return true;
      const start = toUtc(wall);
      if (start > untilUtc) return false;
      emit(wall, start, series.length, toUtc);
      return true;
    };
    if (walls) {
      for (let i = lowerBound(walls, fromWall); i < walls.length && visit(walls[i]!); i++);
    } else {
      walkRule(rule, fastForward(rule, series.startWall, fromWall), series.isDate, MAX_STEPS_PER_RULE, visit);
    }
  }
  for (const extra of series.rdates) {
    if (extra.start.wall < fromWall || extra.start.wall > toWall) continue;
    const zone = extra.start.toUtc ?? organizer;
    emit(extra.start.wall, zone(extra.start.wall), extra.length, zone);
  }
}

/**
 * Appends to `out` the busy intervals of `calendar` that overlap `window`, reading floating
 * times and all-day dates in the organizer's zone. Work is proportional to what lies in the
 * window: one-offs are found by binary search and recurring series start near the window.
 */
export function expandCalendar(
  calendar: ParsedCalendar,
  window: Interval,
  organizer: ZoneClock,
  out: Interval[],
): void {
  const { fixedStarts, fixedEnds } = calendar;
  for (let i = lowerBound(fixedStarts, window.start - calendar.maxFixedLength); i < fixedStarts.length; i++) {
    const start = fixedStarts[i]!;
    if (start >= window.end) break;
    const end = fixedEnds[i]!;
    if (end > window.start) out.push({ start, end });
  }
  const organizerToUtc: WallToUtc = (wall) => organizer.toUtc(wall);
  const floating = calendar.floating;
  const fromWall = window.start - DAY - calendar.maxFloatingLength;
  const first = firstIndexNotBefore(floating.length, (i) => floating[i]!.startWall < fromWall);
  for (let i = first; i < floating.length && floating[i]!.startWall <= window.end + DAY; i++) {
    const event = floating[i]!;
    const start = organizerToUtc(event.startWall);
    const end = endOf(event.startWall, start, event.length, organizerToUtc);
    if (end > window.start && start < window.end) out.push({ start, end });
  }
  for (const series of calendar.series) expandSeries(series, window, organizerToUtc, out);
}

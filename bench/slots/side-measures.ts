// Measures beside the main comparison: the search alone (sweep vs per-candidate checks over the
// same expanded events), and a stress shape in which every series reaches the window.

import { expandCalendar } from '../../functions/_shared/scheduling/calendar-expand.js';
import { type ParsedCalendar, parseCalendar } from '../../functions/_shared/scheduling/calendar-parse.js';
import { findSlots } from '../../functions/_shared/scheduling/find-slots.js';
import { type Interval, mergeIntervals, padIntervals } from '../../functions/_shared/scheduling/intervals.js';
import { DEFAULT_WEEKLY_HOURS } from '../../functions/_shared/scheduling/rules.js';
import { sweepSlots } from '../../functions/_shared/scheduling/slot-sweep.js';
import { WorkingWeek } from '../../functions/_shared/scheduling/working-hours.js';
import { localDay, zoneClock } from '../../functions/_shared/scheduling/zone-clock.js';
import { generateCalendars } from './generate-calendars.js';
import { repeat, stats } from './measure.js';
import { type NaiveInput, naiveSlots } from './naive-slots.js';

const MIN = 60_000;

export function searchOnly(parsed: ParsedCalendar[], input: NaiveInput, runs: number, naiveRuns: number) {
  const clock = zoneClock(input.zone);
  const window = { start: input.now - 15 * MIN, end: input.now + 16 * 86_400_000 };
  const expanded: Interval[] = [];
  for (const calendar of parsed) expandCalendar(calendar, window, clock, expanded);
  const week = new WorkingWeek(DEFAULT_WEEKLY_HOURS);
  const sweep = () =>
    sweepSlots({
      working: week.intervals(clock, localDay(input.now, clock), localDay(window.end, clock)),
      blocked: padIntervals(mergeIntervals([...expanded, ...input.meetings]), 15 * MIN, 15 * MIN),
      earliest: input.now + input.noticeMin * MIN,
      startsBefore: window.end,
      endsBy: window.end,
      duration: input.durationMin * MIN,
      step: input.stepMin * MIN,
      fullDays: new Set(),
    });
  return {
    busyIntervals: expanded.length,
    sweep: stats(repeat(runs, sweep)),
    naiveCheck: stats(repeat(naiveRuns, () => naiveSlots(input, expanded))),
  };
}

export function stressAllOpenEnded(seed: number, now: number, zone: string, runs: number) {
  const texts = generateCalendars({
    now,
    calendars: 5,
    eventsPerCalendar: 2000,
    recurringShare: 0.2,
    seed,
    allOpenEnded: true,
  });
  const parsed = texts.map(parseCalendar);
  const run = (i: number) =>
    findSlots({
      rules: { timeZone: zone },
      now: new Date(now + i * 7 * MIN).toISOString(),
      calendars: parsed,
    });
  run(0);
  const busy: Interval[] = [];
  const window = { start: now, end: now + 15 * 86_400_000 };
  for (const calendar of parsed) expandCalendar(calendar, window, zoneClock(zone), busy);
  return { busyIntervals: busy.length, timing: stats(repeat(runs, run)) };
}

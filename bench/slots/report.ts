import type { SlotsBenchResult } from '../slots.bench.js';

export function renderMarkdown(r: SlotsBenchResult): string {
  const s = r.scenario;
  return [
    '# Slot search benchmark',
    '',
    `${s.calendars} calendars × ${s.eventsPerCalendar.toLocaleString('en-US')} events (${s.recurringShare * 100}% recurring, ${s.series} series) as`,
    `iCalendar; ${s.windowDays}-day window from ${s.now}, organizer in ${s.organizerZone}, default rules;`,
    `${s.busyIntervalsInWindow} busy intervals in the window, ${s.freeSlots} free slots.`,
    `Same slots from (a) and (b): ${r.sameSlots} (${r.slotsCompared} slots over ${r.searchesCompared} searches).`,
    '',
    '| | p50 ms | p95 ms | runs |',
    '|---|---:|---:|---:|',
    `| (a) engine: expand parsed calendars over the window + search | ${r.p50} | ${r.p95} | ${r.runs} |`,
    `| (b) naive: ical.js from DTSTART + every slot × every event | ${r.naive.p50} | ${r.naive.p95} | ${r.naive.runs} |`,
    `| ratio b / a | ${r.ratio} | ${r.ratioP95} | |`,
    `| search alone, same expanded events: sweep | ${r.searchOnly.sweepP50} | | |`,
    `| search alone, same expanded events: every slot × every event | ${r.searchOnly.naiveCheckP50} | | |`,
    `| stress (not a target): all series open-ended, ${r.stressAllSeriesOpenEnded.busyIntervals} busy intervals | ${r.stressAllSeriesOpenEnded.p50} | ${r.stressAllSeriesOpenEnded.p95} | 10 |`,
    `| parse 5 calendars, once per calendar (walks finite series) | ${r.parse.p50} | | 10 |`,
    `| of which ical.js parsing alone | ${r.parse.icalJsParseOnlyP50} | | 10 |`,
    '',
    `Targets — (a) p95 < ${r.targets.p95BelowMs} ms and b / a ≥ ${r.targets.ratioAtLeast}: ${r.targets.met ? 'met' : 'NOT met'}.`,
    '',
    'Notes: finite series (COUNT, UNTIL; ≤ 1,000 occurrences) are walked once when a calendar is parsed;',
    'open-ended ones are walked per request from a start moved next to the window. The naive baseline',
    'walks every series from DTSTART, as ical.js is usually used. Zone offsets are memoised per hour',
    'for the life of the process, so (a) runs warm after its first request.',
    `Node ${r.machine.node}, ${r.machine.cpus} CPUs shared with other work; load average`,
    `${r.machine.loadBefore.join(' ')} before, ${r.machine.loadAfter.join(' ')} after.`,
    '',
  ].join('\n');
}

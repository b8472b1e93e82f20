// Slot search speed (npm run bench:slots).
//
// 5 calendars × 2,000 events (a fifth recurring), as iCalendar, searched over the default 14-day
// window (New York organizer, default rules, window across the US clock change):
//   (a) the engine: expansion of the already-parsed calendars over the window + slot search;
//   (b) the naive baseline (bench/slots/naive-slots.ts): textbook ical.js expansion from DTSTART,
//       then every candidate slot checked against every expanded event.
// Both must return the same slots (exit code 1 otherwise). Parsing is timed separately
// (calendars are parsed once and reused). Also reported: the search alone over the same expanded
// events, and a stress shape in which all 2,000 series run on into the window.
//
// Writes bench/results/slots.{json,md}. Options (env): SLOTS_BENCH_RUNS (60),
// SLOTS_BENCH_NAIVE_RUNS (8), SLOTS_BENCH_SEED (42).

import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import ICAL from 'ical.js';
import { parseCalendar } from '../functions/_shared/scheduling/calendar-parse.js';
import { findSlots } from '../functions/_shared/scheduling/find-slots.js';
import { generateCalendars } from './slots/generate-calendars.js';
import { repeat, round, stats } from './slots/measure.js';
import { type NaiveInput, naiveExpand, naiveSlots } from './slots/naive-slots.js';
import { renderMarkdown } from './slots/report.js';
import { searchOnly, stressAllOpenEnded } from './slots/side-measures.js';

const RUNS = Number(process.env.SLOTS_BENCH_RUNS ?? 60);
const NAIVE_RUNS = Number(process.env.SLOTS_BENCH_NAIVE_RUNS ?? 8);
const SEED = Number(process.env.SLOTS_BENCH_SEED ?? 42);
const ZONE = 'America/New_York';
// Monday 3 March 2025, 09:00 in New York; US clocks change on Sunday 9 March.
const NOW = Date.UTC(2025, 2, 3, 14);
const MIN = 60_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const load = () => loadavg().map(round);

const loadBefore = load();
const texts = generateCalendars({
  now: NOW,
  calendars: 5,
  eventsPerCalendar: 2000,
  recurringShare: 0.2,
  seed: SEED,
});
const rules = { timeZone: ZONE, maxMeetingsPerDay: 6 };
const meetings = [3, 4, 4, 6, 10, 12].map((d, i) => {
  const start = NOW + d * DAY + (i + 1) * 60 * MIN;
  return { start: iso(start), end: iso(start + 30 * MIN) };
});
// Requests a few minutes apart, as a booking page sees them.
const nowOf = (i: number) => NOW + (i % 5) * 7 * MIN;

let parsed = texts.map(parseCalendar);
const parseTimes = stats(repeat(10, () => (parsed = texts.map(parseCalendar))));
let components = texts.map((t) => new ICAL.Component(ICAL.parse(t)));
const icalParseTimes = stats(
  repeat(10, () => (components = texts.map((t) => new ICAL.Component(ICAL.parse(t))))),
);

const naiveInput = (now: number): NaiveInput => ({
  zone: ZONE,
  now,
  hours: [1, 2, 3, 4, 5].map((d) => [d, 9 * 60, 17 * 60] as [number, number, number]),
  durationMin: 30,
  stepMin: 30,
  bufferBeforeMin: 15,
  bufferAfterMin: 15,
  noticeMin: 240,
  maxDaysAhead: 14,
  maxPerDay: 6,
  meetings: meetings.map((m) => ({ start: Date.parse(m.start), end: Date.parse(m.end) })),
});
const engine = (now: number, calendars = parsed) =>
  findSlots({ rules, now: iso(now), calendars, meetings, contact: { location: 'Berlin, Germany' } });
const naive = (now: number, calendars = components) =>
  naiveSlots(naiveInput(now), naiveExpand(calendars, now - 15 * MIN, now + 16 * DAY, ZONE));

for (let i = 0; i < 5; i++) engine(nowOf(i));
const a = stats(repeat(RUNS, (i) => engine(nowOf(i))));
naive(NOW);
const b = stats(repeat(NAIVE_RUNS, (i) => naive(nowOf(i))));

// Same slots from both: all calendars at every `now` used, then each calendar alone (more slots).
const checks = [
  ...[0, 1, 2, 3, 4].map((i) => ({ now: nowOf(i), only: -1 })),
  ...texts.map((_, c) => ({ now: NOW, only: c })),
];
let agree = true;
let compared = 0;
let freeSlots = 0;
for (const check of checks) {
  const pick = <T>(list: T[]) => (check.only < 0 ? list : [list[check.only]!]);
  const ours = engine(check.now, pick(parsed)).slots.map((s) => Date.parse(s.start));
  const theirs = naive(check.now, pick(components));
  if (check.only < 0) freeSlots = ours.length;
  compared += ours.length;
  if (ours.length !== theirs.length || ours.some((v, k) => v !== theirs[k])) {
    agree = false;
    console.error(
      `Mismatch at ${iso(check.now)}, calendar ${check.only}: ${ours.length} vs ${theirs.length} slots`,
    );
    console.error(
      'only (a):',
      ours
        .filter((v) => !theirs.includes(v))
        .slice(0, 5)
        .map(iso),
    );
    console.error(
      'only (b):',
      theirs
        .filter((v) => !ours.includes(v))
        .slice(0, 5)
        .map(iso),
    );
  }
}

const search = searchOnly(parsed, naiveInput(NOW), RUNS, NAIVE_RUNS * 3);
const stress = stressAllOpenEnded(SEED, NOW, ZONE, 10);

const result = {
  scenario: {
    calendars: 5,
    eventsPerCalendar: 2000,
    recurringShare: 0.2,
    windowDays: 14,
    organizerZone: ZONE,
    now: iso(NOW),
    busyIntervalsInWindow: search.busyIntervals,
    series: parsed.reduce((n, c) => n + c.series.length, 0),
    freeSlots,
    icsBytes: texts.reduce((n, t) => n + t.length, 0),
  },
  p50: round(a.p50),
  p95: round(a.p95),
  runs: a.runs,
  naive: { p50: round(b.p50), p95: round(b.p95), runs: b.runs },
  ratio: round(b.p50 / a.p50),
  ratioP95: round(b.p95 / a.p95),
  sameSlots: agree,
  slotsCompared: compared,
  searchesCompared: checks.length,
  parse: { p50: round(parseTimes.p50), icalJsParseOnlyP50: round(icalParseTimes.p50) },
  searchOnly: {
    sweepP50: round(search.sweep.p50),
    naiveCheckP50: round(search.naiveCheck.p50),
    ratio: round(search.naiveCheck.p50 / search.sweep.p50),
  },
  stressAllSeriesOpenEnded: {
    p50: round(stress.timing.p50),
    p95: round(stress.timing.p95),
    busyIntervals: stress.busyIntervals,
  },
  targets: { p95BelowMs: 25, ratioAtLeast: 10, met: a.p95 < 25 && b.p50 / a.p50 >= 10 && agree },
  machine: { node: process.version, cpus: cpus().length, loadBefore, loadAfter: load() },
};
export type SlotsBenchResult = typeof result;

await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(new URL('./results/slots.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
const md = renderMarkdown(result);
await writeFile(new URL('./results/slots.md', import.meta.url), md);
console.log(md);
if (!agree) process.exitCode = 1;

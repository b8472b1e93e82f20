import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { findSlots } from './find-slots.js';
import type { AvailabilityRulesInput, DateOverride, TimeRange } from './rules.js';

// Instants near each zone's clock changes in 2025, so most windows cross one. Kolkata has none.
const CHANGES: Record<string, number[]> = {
  'America/New_York': [Date.UTC(2025, 2, 9, 7), Date.UTC(2025, 10, 2, 6)],
  'Europe/London': [Date.UTC(2025, 2, 30, 1), Date.UTC(2025, 9, 26, 1)],
  'Asia/Kolkata': [Date.UTC(2025, 5, 1)],
  'Australia/Lord_Howe': [Date.UTC(2025, 3, 5, 15), Date.UTC(2025, 9, 4, 15, 30)],
  'Pacific/Chatham': [Date.UTC(2025, 3, 5, 14), Date.UTC(2025, 8, 27, 14)],
};
const ZONES = Object.keys(CHANGES);
const MIN = 60_000;
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const hhmm = (quarter: number) =>
  quarter === 96
    ? '24:00'
    : `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;

/** Non-overlapping ranges on a 15-minute grid, early hours included (that is where clocks change). */
const dayRanges = fc.uniqueArray(fc.integer({ min: 0, max: 96 }), { maxLength: 6 }).map((bounds) => {
  const sorted = [...bounds].sort((a, b) => a - b);
  const ranges: TimeRange[] = [];
  for (let i = 0; i + 1 < sorted.length; i += 2)
    ranges.push({ start: hhmm(sorted[i]!), end: hhmm(sorted[i + 1]!) });
  return ranges;
});

const scenario = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    contactZone: fc.constantFrom(...ZONES),
    changeIndex: fc.nat(1),
    beforeChange: fc.integer({ min: 0, max: 12 * 24 * 60 }),
    week: fc.tuple(...DAYS.map(() => dayRanges)),
    duration: fc.constantFrom(15, 30, 45, 60, 90),
    step: fc.constantFrom(15, 30, 45, 60),
    before: fc.integer({ min: 0, max: 6 }).map((n) => n * 5),
    after: fc.integer({ min: 0, max: 6 }).map((n) => n * 5),
    notice: fc.integer({ min: 0, max: 24 }).map((n) => n * 30),
    daysAhead: fc.integer({ min: 1, max: 20 }),
    cap: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    overrides: fc.array(
      fc.record({
        day: fc.integer({ min: -1, max: 20 }),
        type: fc.constantFrom('blocked', 'extra', 'replace'),
        hours: dayRanges,
      }),
      { maxLength: 3 },
    ),
    busy: fc.array(
      fc.record({
        at: fc.integer({ min: -24 * 12, max: 22 * 24 * 12 }),
        length: fc.integer({ min: 1, max: 72 }),
      }),
      {
        maxLength: 40,
      },
    ),
    meetings: fc.array(
      fc.record({ at: fc.integer({ min: -24 * 2, max: 22 * 24 * 2 }), hour: fc.boolean() }),
      { maxLength: 8 },
    ),
  })
  .map((s) => {
    const changes = CHANGES[s.zone]!;
    const now = changes[s.changeIndex % changes.length]! - s.beforeChange * MIN;
    const today = DateTime.fromMillis(now, { zone: s.zone }).startOf('day');
    const overrides: DateOverride[] = [];
    const seen = new Set<string>();
    for (const o of s.overrides) {
      const date = today.plus({ days: o.day }).toISODate()!;
      if (seen.has(date)) continue;
      seen.add(date);
      if (o.type === 'blocked') overrides.push({ type: 'blocked', date });
      else if (o.hours.length > 0)
        overrides.push({ type: o.type as 'extra' | 'replace', date, hours: o.hours });
    }
    const rules: AvailabilityRulesInput = {
      timeZone: s.zone,
      weeklyHours: Object.fromEntries(DAYS.map((d, i) => [d, s.week[i]!])),
      dateOverrides: overrides,
      meetingLengths: [s.duration],
      slotIntervalMinutes: s.step,
      bufferBeforeMinutes: s.before,
      bufferAfterMinutes: s.after,
      minimumNoticeMinutes: s.notice,
      maxDaysAhead: s.daysAhead,
      maxMeetingsPerDay: s.cap,
    };
    const iso = (ms: number) => new Date(ms).toISOString();
    // Busy intervals on a 5-minute grid, meetings on a 30-minute grid.
    const busy = s.busy.map((b) => ({
      start: iso(now + b.at * 5 * MIN),
      end: iso(now + (b.at + b.length) * 5 * MIN),
    }));
    const meetings = s.meetings.map((m) => ({
      start: iso(now + m.at * 30 * MIN),
      end: iso(now + m.at * 30 * MIN + (m.hour ? 60 : 30) * MIN),
    }));
    return { ...s, now, rules, busy, meetings, overrides, today };
  });

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Minutes ranges of a local date, worked out here independently of the engine. */
function rangesOn(s: Scenario, date: DateTime): Array<[number, number]> {
  const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const weekly = s.week[date.weekday % 7]!.map((r) => [toMin(r.start), toMin(r.end)] as [number, number]);
  const o = s.overrides.find((x) => x.date === date.toISODate());
  if (!o) return weekly;
  if (o.type === 'blocked') return [];
  const hours = o.hours.map((r) => [toMin(r.start), toMin(r.end)] as [number, number]);
  if (o.type === 'replace') return hours;
  const merged: Array<[number, number]> = [];
  for (const [a, b] of [...weekly, ...hours].sort((x, y) => x[0] - y[0])) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

function search(s: Scenario) {
  return findSlots({
    rules: s.rules,
    now: new Date(s.now).toISOString(),
    busy: s.busy,
    meetings: s.meetings,
    contact: { timeZone: s.contactZone },
  });
}

describe('findSlots properties (random rules, busy time and zones, windows across clock changes)', () => {
  it('offers only free, in-hours, bookable slots of the right length, sorted and unique', {
    timeout: 120_000,
  }, () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = search(s);
        const horizon = s.today.plus({ days: s.daysAhead + 1 }).toMillis();
        const blocking = [...s.busy, ...s.meetings].map((b) => ({
          start: Date.parse(b.start),
          end: Date.parse(b.end),
        }));
        let previous = Number.NEGATIVE_INFINITY;
        for (const slot of result.slots) {
          const start = Date.parse(slot.start);
          const end = Date.parse(slot.end);
          expect(end - start).toBe(s.duration * MIN);
          expect(start).toBeGreaterThan(previous);
          previous = start;
          expect(start).toBeGreaterThanOrEqual(s.now + s.notice * MIN);
          expect(start).toBeLessThan(horizon);
          for (const b of blocking) {
            expect(b.start < end + s.after * MIN && b.end > start - s.before * MIN).toBe(false);
          }
          const local = DateTime.fromMillis(start, { zone: s.zone });
          // A slot never straddles a clock change (its end is exclusive), so local length = real length.
          expect(DateTime.fromMillis(end - 1, { zone: s.zone }).offset).toBe(local.offset);
          const from = local.hour * 60 + local.minute;
          const to = from + s.duration;
          expect(rangesOn(s, local).some(([a, b]) => a <= from && to <= b)).toBe(true);
          if (s.cap !== null) {
            const date = local.toISODate();
            const booked = new Set(
              s.meetings
                .filter((m) => DateTime.fromISO(m.start, { zone: s.zone }).toISODate() === date)
                .map((m) => m.start),
            );
            expect(booked.size).toBeLessThan(s.cap);
          }
          const shownOrganizer = DateTime.fromISO(slot.organizer.start, { setZone: true });
          expect(shownOrganizer.toMillis()).toBe(start);
          expect(shownOrganizer.offset).toBe(local.offset);
          const shownContact = DateTime.fromISO(slot.contact.start, { setZone: true });
          expect(shownContact.toMillis()).toBe(start);
          expect(shownContact.offset).toBe(DateTime.fromMillis(start, { zone: s.contactZone }).offset);
        }
        for (const suggestion of result.suggestions) expect(result.slots).toContain(suggestion);
        expect(result.suggestions.length).toBe(Math.min(3, result.slots.length));
      }),
      { numRuns: 150 },
    );
  });

  it('explain agrees with the search at every quarter hour of the window', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const result = search(s);
        const offered = new Set(result.slots.map((slot) => Date.parse(slot.start)));
        const first = Math.ceil(s.now / (15 * MIN)) * 15 * MIN;
        const last = Date.parse(result.searched.end);
        for (let t = first; t < last; t += 15 * MIN) {
          const explanation = result.explain(new Date(t).toISOString());
          expect(explanation.available).toBe(offered.has(t));
        }
      }),
      { numRuns: 40 },
    );
  });
});

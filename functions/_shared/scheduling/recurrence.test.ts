import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { fastForward, finiteWalls, ruleProblem, walkRule } from './recurrence.js';
import { DAY } from './zone-clock.js';

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** Random RRULEs of the shapes calendars produce, plus awkward ones (31st, BYSETPOS, INTERVAL). */
const ruleText = fc.oneof(
  fc
    .record({
      interval: fc.integer({ min: 1, max: 3 }),
      days: fc.subarray(DAYS, { minLength: 0, maxLength: 4 }),
      wkst: fc.constantFrom('MO', 'SU', 'WE'),
    })
    .map(
      ({ interval, days, wkst }) =>
        `FREQ=WEEKLY;INTERVAL=${interval};WKST=${wkst}${days.length ? `;BYDAY=${days.join(',')}` : ''}`,
    ),
  fc
    .record({
      interval: fc.integer({ min: 1, max: 4 }),
      days: fc.subarray(DAYS.slice(0, 5), { minLength: 0, maxLength: 5 }),
    })
    .map(
      ({ interval, days }) =>
        `FREQ=DAILY;INTERVAL=${interval}${days.length ? `;BYDAY=${days.join(',')}` : ''}`,
    ),
  fc
    .record({
      interval: fc.integer({ min: 1, max: 3 }),
      by: fc.oneof(
        fc.constant(''),
        fc.integer({ min: 1, max: 31 }).map((d) => `;BYMONTHDAY=${d}`),
        fc.constantFrom(';BYMONTHDAY=-1', ';BYMONTHDAY=1,15'),
        fc
          .tuple(fc.constantFrom(1, 2, 3, 4, -1), fc.constantFrom(...DAYS))
          .map(([n, d]) => `;BYDAY=${n}${d}`),
        fc.constantFrom(';BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', ';BYDAY=SA,SU;BYSETPOS=1'),
      ),
    })
    .map(({ interval, by }) => `FREQ=MONTHLY;INTERVAL=${interval}${by}`),
  fc
    .record({
      interval: fc.integer({ min: 1, max: 2 }),
      by: fc.constantFrom('', ';BYMONTH=3;BYDAY=-1SU', ';BYMONTH=11;BYDAY=4TH', ';BYMONTH=1,7'),
    })
    .map(({ interval, by }) => `FREQ=YEARLY;INTERVAL=${interval}${by}`),
);

function walls(rule: ICAL.Recur, startWall: number, from: number, to: number): number[] {
  const out: number[] = [];
  walkRule(rule, startWall, false, 50_000, (wall) => {
    if (wall > to) return false;
    if (wall >= from) out.push(wall);
    return true;
  });
  return out;
}

describe('fastForward', () => {
  it('yields exactly the occurrences a walk from DTSTART yields, from the target on', {
    timeout: 60_000,
  }, () => {
    fc.assert(
      fc.property(
        ruleText,
        // DTSTART between 2016 and 2024, on a minute; the target up to ~9 years later.
        fc.integer({ min: Date.UTC(2016, 0, 1) / 60_000, max: Date.UTC(2024, 11, 31) / 60_000 }),
        fc.integer({ min: 0, max: 3300 }),
        (text, startMinute, daysLater) => {
          const rule = ICAL.Recur.fromString(text);
          const startWall = startMinute * 60_000;
          const target = startWall + daysLater * DAY;
          const moved = fastForward(rule, startWall, target);
          expect(moved).toBeGreaterThanOrEqual(startWall);
          if (moved > startWall) expect(moved).toBeLessThan(target);
          const from = target;
          const to = target + 62 * DAY;
          expect(walls(rule, moved, from, to)).toEqual(walls(rule, startWall, from, to));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('moves a weekly series from 2019 to within a week of the target', () => {
    const rule = ICAL.Recur.fromString('FREQ=WEEKLY;BYDAY=MO');
    const start = Date.UTC(2019, 0, 7, 9);
    const target = Date.UTC(2025, 2, 1);
    const moved = fastForward(rule, start, target);
    expect(target - moved).toBeLessThan(7 * DAY);
    expect(new Date(moved).toISOString()).toBe('2025-02-24T09:00:00.000Z');
  });

  it('never moves a COUNT series, whose numbering starts at DTSTART', () => {
    const rule = ICAL.Recur.fromString('FREQ=DAILY;COUNT=500');
    expect(fastForward(rule, Date.UTC(2024, 0, 1), Date.UTC(2025, 0, 1))).toBe(Date.UTC(2024, 0, 1));
  });

  it('keeps a series on the 31st in months that have one', () => {
    const rule = ICAL.Recur.fromString('FREQ=MONTHLY');
    // A month short of May is April, which has no 31st: March is the latest safe start.
    const moved = fastForward(rule, Date.UTC(2024, 0, 31, 9), Date.UTC(2025, 4, 15));
    expect(new Date(moved).toISOString()).toBe('2025-03-31T09:00:00.000Z');
  });
});

describe('rules ical.js would loop on', () => {
  it('are reported instead of expanded', () => {
    expect(ruleProblem(ICAL.Recur.fromString('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30'))).toMatch(
      /no date matches/,
    );
    expect(ruleProblem(ICAL.Recur.fromString('FREQ=DAILY;BYDAY=1MO'))).toMatch(/MONTHLY or YEARLY/);
    expect(ruleProblem(ICAL.Recur.fromString('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29'))).toBeUndefined();
    expect(ruleProblem(ICAL.Recur.fromString('FREQ=MONTHLY;BYDAY=1MO'))).toBeUndefined();
  });
});

describe('finiteWalls', () => {
  it('lists every occurrence of a COUNT or UNTIL series, so that requests only read their window', () => {
    const weekly = ICAL.Recur.fromString('FREQ=WEEKLY;COUNT=3');
    const start = Date.UTC(2025, 0, 6, 9);
    expect([...(finiteWalls(weekly, start, false, Number.POSITIVE_INFINITY, 100) ?? [])]).toEqual([
      start,
      start + 7 * DAY,
      start + 14 * DAY,
    ]);
    const daily = ICAL.Recur.fromString('FREQ=DAILY');
    expect(finiteWalls(daily, start, false, start + 2 * DAY, 100)).toHaveLength(3);
  });

  it('gives up on series too long to keep', () => {
    const rule = ICAL.Recur.fromString('FREQ=DAILY;COUNT=5000');
    expect(finiteWalls(rule, Date.UTC(2025, 0, 6, 9), false, Number.POSITIVE_INFINITY, 1000)).toBeNull();
  });
});

import ICAL from 'ical.js';
import {
  type EventLength,
  lengthOfDuration,
  timeFromWall,
  utcToUtc,
  type WallToUtc,
  type ZonedWall,
  type ZoneResolver,
  zonedValue,
} from './ical-values.js';
import { finiteWalls, ruleProblem } from './recurrence.js';
import { DAY, HOUR } from './zone-clock.js';

/** Finite series with more occurrences than this are expanded per request instead. */
const PRECOMPUTED_LIMIT = 1000;

export interface SeriesRule {
  /** The RRULE without its UNTIL, which is applied by instant (see `until`). */
  rule: ICAL.Recur;
  until: ZonedWall | null;
  /** Upper bound (wall) on the start of any occurrence; Infinity when open-ended. */
  lastWall: number;
  /** Every occurrence (wall, sorted) of a finite rule, walked once at parse time. */
  walls: Float64Array | null;
}

export interface ExtraDate {
  start: ZonedWall;
  length: EventLength;
}

/** A recurring event that blocks time: its master VEVENT with RRULE/RDATE/EXDATE. */
export interface Series {
  startWall: number;
  isDate: boolean;
  toUtc: WallToUtc | null;
  length: EventLength;
  rules: SeriesRule[];
  rdates: ExtraDate[];
  /** EXDATEs and the RECURRENCE-IDs of instances that were moved or cancelled. */
  excluded: ZonedWall[];
  /** Bounds (wall) on the starts of all occurrences; callers allow a day for zone offsets. */
  firstWall: number;
  lastWall: number;
  /** Longest occurrence, with slack for a day that gains an hour. */
  maxLength: number;
}

function untilOf(until: ICAL.Time, isDate: boolean, toUtc: WallToUtc | null): ZonedWall {
  const wall = Date.UTC(until.year, until.month - 1, until.day, until.hour, until.minute, until.second);
  if (until.zone?.tzid === 'UTC') return { wall, toUtc: utcToUtc };
  // Some producers end timed series with a bare date; they mean "through that day".
  if (until.isDate && !isDate) return { wall: wall + DAY - 1, toUtc };
  return { wall, toUtc };
}

function rulesOf(event: ICAL.Component, start: ZonedWall, isDate: boolean, warnings: string[]) {
  const rules: SeriesRule[] = [];
  const uid = String(event.getFirstPropertyValue('uid') ?? '(no UID)');
  for (const prop of event.getAllProperties('rrule')) {
    const rule = prop.getFirstValue();
    if (!(rule instanceof ICAL.Recur)) continue;
    const problem = ruleProblem(rule);
    if (problem) {
      warnings.push(`Event ${uid}: repeat rule skipped (${problem}); only its listed dates block time`);
      continue;
    }
    const clone = rule.clone();
    const until = clone.until ? untilOf(clone.until, isDate, start.toUtc) : null;
    clone.until = null;
    try {
      clone.iterator(timeFromWall(start.wall, isDate));
    } catch (error) {
      warnings.push(`Event ${uid}: repeat rule skipped (${(error as Error).message})`);
      continue;
    }
    const bound = until ? until.wall + DAY : Number.POSITIVE_INFINITY;
    const walls =
      until || clone.count ? finiteWalls(clone, start.wall, isDate, bound, PRECOMPUTED_LIMIT) : null;
    const lastWall = walls ? (walls[walls.length - 1] ?? start.wall) : bound;
    rules.push({ rule: clone, until, lastWall, walls });
  }
  return rules;
}

function extraDatesOf(event: ICAL.Component, length: EventLength, zones: ZoneResolver): ExtraDate[] {
  const dates: ExtraDate[] = [];
  for (const prop of event.getAllProperties('rdate')) {
    for (const value of prop.getValues()) {
      if (value instanceof ICAL.Period) {
        const start = zonedValue(value.start, prop, zones);
        const own = value.end
          ? { days: 0, ms: Math.max(0, zonedValue(value.end, prop, zones).wall - start.wall) }
          : value.duration
            ? lengthOfDuration(value.duration)
            : length;
        dates.push({ start, length: own });
      } else if (value instanceof ICAL.Time) {
        dates.push({ start: zonedValue(value, prop, zones), length });
      }
    }
  }
  return dates;
}

export function seriesOf(
  event: ICAL.Component,
  start: ZonedWall,
  startTime: ICAL.Time,
  length: EventLength,
  replaced: ZonedWall[],
  zones: ZoneResolver,
  warnings: string[],
): Series {
  const rules = rulesOf(event, start, startTime.isDate, warnings);
  const rdates = extraDatesOf(event, length, zones);
  const excluded = [...replaced];
  for (const prop of event.getAllProperties('exdate')) {
    for (const value of prop.getValues()) {
      if (value instanceof ICAL.Time) excluded.push(zonedValue(value, prop, zones));
    }
  }
  const extraWalls = rdates.map((d) => d.start.wall);
  const lengthMs = (l: EventLength) => l.days * DAY + l.ms;
  return {
    startWall: start.wall,
    isDate: startTime.isDate,
    toUtc: start.toUtc,
    length,
    rules,
    rdates,
    excluded,
    firstWall: Math.min(start.wall, ...extraWalls),
    lastWall: Math.max(start.wall, ...extraWalls, ...rules.map((r) => r.lastWall)),
    maxLength: Math.max(lengthMs(length), ...rdates.map((d) => lengthMs(d.length))) + 2 * HOUR,
  };
}

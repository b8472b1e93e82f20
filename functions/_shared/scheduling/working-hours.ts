import type { Interval } from './intervals.js';
import { localRangesToUtc, type MinuteRange } from './local-ranges.js';
import { type DateOverride, type TimeRange, toMinutes, WEEKDAYS, type WeeklyHours } from './rules.js';
import { isoDateToDay, weekdayOf, type ZoneClock } from './zone-clock.js';

/** A working interval (UTC instants) and the organizer's local date it belongs to. */
export interface WorkingInterval extends Interval {
  day: number;
}

function toMinuteRanges(ranges: readonly TimeRange[]): MinuteRange[] {
  return ranges.map((r) => [toMinutes(r.start), toMinutes(r.end)] as const).sort((a, b) => a[0] - b[0]);
}

function unionOf(ranges: MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

/** Weekly hours and date overrides, keyed for quick lookup by local day number. */
export class WorkingWeek {
  private readonly week: MinuteRange[][];
  private readonly overrides = new Map<number, DateOverride>();

  constructor(weekly: WeeklyHours, overrides: readonly DateOverride[] = []) {
    this.week = WEEKDAYS.map((d) => toMinuteRanges(weekly[d]));
    for (const o of overrides) this.overrides.set(isoDateToDay(o.date), o);
  }

  /** The local ranges of one date: its weekday's hours unless an override says otherwise. */
  rangesOn(day: number): MinuteRange[] {
    const weekly = this.week[weekdayOf(day)]!;
    const override = this.overrides.get(day);
    if (!override) return weekly;
    if (override.type === 'blocked') return [];
    const hours = toMinuteRanges(override.hours);
    return override.type === 'replace' ? hours : unionOf([...weekly, ...hours]);
  }

  /** Working intervals of local dates fromDay…toDay (inclusive), in time order. */
  intervals(clock: ZoneClock, fromDay: number, toDay: number): WorkingInterval[] {
    const out: WorkingInterval[] = [];
    for (let day = fromDay; day <= toDay; day++) {
      for (const interval of localRangesToUtc(clock, day, this.rangesOn(day))) out.push({ ...interval, day });
    }
    return out;
  }
}

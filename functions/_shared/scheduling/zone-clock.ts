import { IANAZone } from 'luxon';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/**
 * Converts between UTC instants and wall-clock times of one zone. A "wall" time is the local
 * date and time written as epoch ms as if it were UTC (so Date's getUTC* read the local fields).
 */
export interface ZoneClock {
  readonly zone: string;
  /** Offset from UTC (ms) in force at a UTC instant. */
  offsetAt(utc: number): number;
  /** The UTC instant of a wall time, resolved as RFC 5545 §3.3.5 says (see toUtcByOffsets). */
  toUtc(wall: number): number;
}

// Offsets only change at transitions, so they are memoised per UTC hour: a slot search asks for
// thousands of conversions and Intl (behind Luxon) costs about a microsecond each.
const CACHE_LIMIT = 200_000;

class IanaClock implements ZoneClock {
  private readonly hours = new Map<number, number>();
  private readonly iana: IANAZone;

  constructor(readonly zone: string) {
    this.iana = IANAZone.create(zone);
  }

  offsetAt(utc: number): number {
    const hour = Math.floor(utc / HOUR);
    let offset = this.hours.get(hour);
    if (offset === undefined) {
      const first = this.iana.offset(hour * HOUR);
      const last = this.iana.offset(hour * HOUR + HOUR - 1);
      // NaN marks an hour that holds a transition: those are computed exactly every time.
      offset = first === last ? first * MINUTE : Number.NaN;
      if (this.hours.size >= CACHE_LIMIT) this.hours.clear();
      this.hours.set(hour, offset);
    }
    return Number.isNaN(offset) ? this.iana.offset(utc) * MINUTE : offset;
  }

  toUtc(wall: number): number {
    return toUtcByOffsets(wall, (utc) => this.offsetAt(utc));
  }
}

/**
 * Wall time → UTC for any offset function. A time that occurs twice (clocks go back) means its
 * first occurrence; a time that does not exist (clocks go forward) is read with the offset in
 * force before the gap — both as RFC 5545 §3.3.5 specifies, and independent of today's date
 * (Luxon's own resolution of repeated times depends on the offset in force "now").
 */
export function toUtcByOffsets(wall: number, offsetAt: (utc: number) => number): number {
  const before = offsetAt(wall - DAY);
  const after = offsetAt(wall + DAY);
  const early = wall - before;
  if (before === after || offsetAt(early) === before) return early;
  const late = wall - after;
  if (offsetAt(late) === after) return late;
  return early;
}

const clocks = new Map<string, ZoneClock>();

// Luxon checks a name by building an Intl formatter (≈ 0.3 ms); rules name the same few zones.
const validZones = new Set<string>();

export function isValidZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  const valid = IANAZone.isValidZone(zone);
  if (valid && validZones.size < 1000) validZones.add(zone);
  return valid;
}

/** What people call a zone in a sentence: its city ("New York" for America/New_York), or UTC. */
export const zoneCity = (zone: string): string =>
  zone === 'UTC' ? 'UTC' : (zone.split('/').pop() ?? zone).replaceAll('_', ' ');

/** One shared clock per zone name; throws on a name that is not an IANA zone. */
export function zoneClock(zone: string): ZoneClock {
  let clock = clocks.get(zone);
  if (!clock) {
    if (!isValidZone(zone)) throw new RangeError(`Unknown time zone "${zone}"`);
    clock = new IanaClock(zone);
    clocks.set(zone, clock);
  }
  return clock;
}

/** Days since 1970-01-01 of the local date at a UTC instant. */
export function localDay(utc: number, clock: ZoneClock): number {
  return Math.floor((utc + clock.offsetAt(utc)) / DAY);
}

/** 0 = Sunday … 6 = Saturday, for a day number from localDay. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export function dayToIsoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

export function isoDateToDay(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function formatOffset(offset: number): string {
  const minutes = Math.round(Math.abs(offset) / MINUTE);
  return `${offset < 0 ? '-' : '+'}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Local ISO time with its offset, e.g. 2025-03-10T09:00:00-04:00. */
export function formatLocal(utc: number, clock: ZoneClock): string {
  const offset = clock.offsetAt(utc);
  return new Date(utc + offset).toISOString().slice(0, 19) + formatOffset(offset);
}

export function formatUtc(utc: number): string {
  return new Date(utc).toISOString();
}

import ICAL from 'ical.js';
import { DAY, isValidZone, zoneClock } from './zone-clock.js';

/** Wall time → UTC instant in one zone. */
export type WallToUtc = (wall: number) => number;

/**
 * A wall time and the zone that gives it an instant. `toUtc` null means the organizer's zone:
 * floating times and all-day dates, which RFC 5545 leaves to the reader's zone.
 */
export interface ZonedWall {
  wall: number;
  toUtc: WallToUtc | null;
}

/** How long an event lasts: `days` are calendar days (23 or 25 hours across a change), `ms` exact. */
export interface EventLength {
  days: number;
  ms: number;
}

/** UTC values need no zone: the wall time is the instant. */
export const utcToUtc: WallToUtc = (wall) => wall;

// Exchange and Outlook name zones the Windows way; they usually send a VTIMEZONE too, which wins.
const WINDOWS_ZONES: Record<string, string> = {
  'Eastern Standard Time': 'America/New_York',
  'Central Standard Time': 'America/Chicago',
  'Mountain Standard Time': 'America/Denver',
  'Pacific Standard Time': 'America/Los_Angeles',
  'GMT Standard Time': 'Europe/London',
  'W. Europe Standard Time': 'Europe/Berlin',
  'Romance Standard Time': 'Europe/Paris',
  'Central Europe Standard Time': 'Europe/Budapest',
  'India Standard Time': 'Asia/Kolkata',
  'China Standard Time': 'Asia/Shanghai',
  'Tokyo Standard Time': 'Asia/Tokyo',
  'Singapore Standard Time': 'Asia/Singapore',
  'AUS Eastern Standard Time': 'Australia/Sydney',
  'E. South America Standard Time': 'America/Sao_Paulo',
  UTC: 'UTC',
};

/** The IANA name behind a TZID, if there is one (plain, Mozilla-prefixed or Windows). */
export function ianaNameOf(tzid: string): string | undefined {
  if (isValidZone(tzid)) return tzid;
  const windows = WINDOWS_ZONES[tzid];
  if (windows) return windows;
  // Older Mozilla clients write "/mozilla.org/20050126_1/America/New_York".
  const parts = tzid.split('/').filter(Boolean);
  for (let take = 3; take >= 2; take--) {
    const tail = parts.slice(-take).join('/');
    if (parts.length >= take && isValidZone(tail)) return tail;
  }
  return undefined;
}

export function wallOf(time: ICAL.Time): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
}

export function timeFromWall(wall: number, isDate: boolean): ICAL.Time {
  const d = new Date(wall);
  return new ICAL.Time(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: isDate ? 0 : d.getUTCHours(),
      minute: isDate ? 0 : d.getUTCMinutes(),
      second: isDate ? 0 : d.getUTCSeconds(),
      isDate,
    },
    ICAL.Timezone.localTimezone,
  );
}

function vtimezoneToUtc(zone: ICAL.Timezone): WallToUtc {
  return (wall) => {
    const time = timeFromWall(wall, false);
    return wall - zone.utcOffset(time) * 1000;
  };
}

/** Resolves zones of one calendar: IANA names through Luxon, other TZIDs through their VTIMEZONE. */
export class ZoneResolver {
  private readonly cache = new Map<string, WallToUtc | null>();

  constructor(private readonly vtimezones: Map<string, ICAL.Timezone>) {}

  /** Where a date or date-time value of `prop` lies: UTC, a zone, or the organizer's zone (null). */
  forValue(time: ICAL.Time, tzid: string | undefined): WallToUtc | null {
    if (time.isDate) return null;
    if (time.zone?.tzid === 'UTC') return utcToUtc;
    if (!tzid) return null;
    let resolved = this.cache.get(tzid);
    if (resolved === undefined) {
      const iana = ianaNameOf(tzid);
      const vtimezone = this.vtimezones.get(tzid);
      // IANA data first: VTIMEZONEs are often cut down to one year's rules by their producers.
      if (iana) {
        const clock = zoneClock(iana);
        resolved = (wall) => clock.toUtc(wall);
      } else if (vtimezone) {
        resolved = vtimezoneToUtc(vtimezone);
      } else {
        resolved = null;
      }
      this.cache.set(tzid, resolved);
    }
    return resolved;
  }
}

export function tzidOf(prop: ICAL.Property): string | undefined {
  const tzid = prop.getParameter('tzid');
  return typeof tzid === 'string' ? tzid : undefined;
}

export function zonedValue(time: ICAL.Time, prop: ICAL.Property, zones: ZoneResolver): ZonedWall {
  return { wall: wallOf(time), toUtc: zones.forValue(time, tzidOf(prop)) };
}

export function resolveWall(value: ZonedWall, organizer: WallToUtc): number {
  return (value.toUtc ?? organizer)(value.wall);
}

export function lengthOfDuration(duration: ICAL.Duration): EventLength {
  if (duration.isNegative) return { days: 0, ms: 0 };
  const days = duration.weeks * 7 + duration.days;
  const ms = ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return { days, ms };
}

/** End instant of an occurrence that starts at `startWall` (wall) / `startUtc` (instant). */
export function endOf(startWall: number, startUtc: number, length: EventLength, toUtc: WallToUtc): number {
  if (length.days === 0) return startUtc + length.ms;
  return toUtc(startWall + length.days * DAY) + length.ms;
}

import ICAL from 'ical.js';
import { AppError } from '../errors.js';
import {
  type EventLength,
  lengthOfDuration,
  type ZonedWall,
  ZoneResolver,
  zonedValue,
} from './ical-values.js';
import { type Series, seriesOf } from './series-parse.js';
import { DAY } from './zone-clock.js';

/** A one-off event whose zone is the organizer's (floating time or all-day date). */
export interface FloatingEvent {
  startWall: number;
  length: EventLength;
}

/**
 * Busy time of one calendar, ready to be expanded for any window and organizer zone. Parse once
 * per calendar and reuse it across requests: parsing costs far more than expanding.
 */
export interface ParsedCalendar {
  readonly kind: 'parsed-calendar';
  /** One-off events with fixed instants, sorted by start. */
  readonly fixedStarts: Float64Array;
  readonly fixedEnds: Float64Array;
  readonly maxFixedLength: number;
  /** One-off floating and all-day events, sorted by wall start. */
  readonly floating: readonly FloatingEvent[];
  readonly maxFloatingLength: number;
  readonly series: readonly Series[];
  /** Things in the file that were skipped, in words the organizer can act on. */
  readonly warnings: readonly string[];
}

/** An unreadable calendar: an AppError, so an HTTP caller answers 400 BAD_FILE with this message. */
export class CalendarParseError extends AppError {
  constructor(message: string) {
    super('BAD_FILE', message);
  }
}

function textOf(event: ICAL.Component, name: string): string {
  const value = event.getFirstPropertyValue(name);
  return typeof value === 'string' ? value.toUpperCase() : '';
}

/** TRANSP:TRANSPARENT ("show as free") and STATUS:CANCELLED events do not block time. */
export function blocksTime(event: ICAL.Component): boolean {
  return textOf(event, 'transp') !== 'TRANSPARENT' && textOf(event, 'status') !== 'CANCELLED';
}

/** DTEND, else DURATION, else RFC 5545's defaults (a day for a date, nothing for a date-time). */
export function lengthOf(event: ICAL.Component, start: ZonedWall, isDate: boolean, zones: ZoneResolver) {
  const endProp = event.getFirstProperty('dtend');
  const endTime = endProp?.getFirstValue();
  if (endProp && endTime instanceof ICAL.Time) {
    const end = zonedValue(endTime, endProp, zones);
    if (isDate) return { days: Math.max(0, Math.round((end.wall - start.wall) / DAY)), ms: 0 };
    // An exact duration (RFC 5545 §3.8.5.3): measured between instants when both have a zone.
    const ms =
      start.toUtc && end.toUtc ? end.toUtc(end.wall) - start.toUtc(start.wall) : end.wall - start.wall;
    return { days: 0, ms: Math.max(0, ms) };
  }
  const duration = event.getFirstPropertyValue('duration');
  if (duration instanceof ICAL.Duration) return lengthOfDuration(duration);
  return isDate ? { days: 1, ms: 0 } : { days: 0, ms: 0 };
}

function readVtimezones(root: ICAL.Component): Map<string, ICAL.Timezone> {
  const zones = new Map<string, ICAL.Timezone>();
  for (const component of root.getAllSubcomponents('vtimezone')) {
    const tzid = component.getFirstPropertyValue('tzid');
    if (typeof tzid === 'string') zones.set(tzid, new ICAL.Timezone(component));
  }
  return zones;
}

function readRoots(ics: string): ICAL.Component[] {
  try {
    const jcal = ICAL.parse(ics);
    const list = (Array.isArray(jcal[0]) ? jcal : [jcal]) as unknown[];
    return list.map((j) => new ICAL.Component(j as unknown[]));
  } catch (error) {
    throw new CalendarParseError(`The calendar could not be read as iCalendar: ${(error as Error).message}`);
  }
}

/** Parses RFC 5545 text into busy time; events that never block (free, cancelled) are dropped. */
export function parseCalendar(ics: string): ParsedCalendar {
  const fixed: Array<{ start: number; end: number }> = [];
  const floating: FloatingEvent[] = [];
  const series: Series[] = [];
  const warnings: string[] = [];
  for (const root of readRoots(ics)) {
    const zones = new ZoneResolver(readVtimezones(root));
    const events = root.getAllSubcomponents('vevent');
    // A moved or cancelled instance (RECURRENCE-ID) replaces its series' occurrence at that time.
    const replaced = new Map<string, ZonedWall[]>();
    for (const event of events) {
      const idProp = event.getFirstProperty('recurrence-id');
      const id = idProp?.getFirstValue();
      if (!idProp || !(id instanceof ICAL.Time)) continue;
      const uid = String(event.getFirstPropertyValue('uid') ?? '');
      const list = replaced.get(uid) ?? [];
      list.push(zonedValue(id, idProp, zones));
      replaced.set(uid, list);
    }
    for (const event of events) {
      const startProp = event.getFirstProperty('dtstart');
      const startTime = startProp?.getFirstValue();
      if (!startProp || !(startTime instanceof ICAL.Time) || !blocksTime(event)) continue;
      const start = zonedValue(startTime, startProp, zones);
      const length = lengthOf(event, start, startTime.isDate, zones);
      const recurs = event.hasProperty('rrule') || event.hasProperty('rdate');
      if (recurs && !event.hasProperty('recurrence-id')) {
        const uid = String(event.getFirstPropertyValue('uid') ?? '');
        series.push(seriesOf(event, start, startTime, length, replaced.get(uid) ?? [], zones, warnings));
      } else if (start.toUtc) {
        const startUtc = start.toUtc(start.wall);
        const end = length.days
          ? start.toUtc(start.wall + length.days * DAY) + length.ms
          : startUtc + length.ms;
        fixed.push({ start: startUtc, end });
      } else {
        floating.push({ startWall: start.wall, length });
      }
    }
  }
  fixed.sort((a, b) => a.start - b.start);
  floating.sort((a, b) => a.startWall - b.startWall);
  return {
    kind: 'parsed-calendar',
    fixedStarts: Float64Array.from(fixed, (e) => e.start),
    fixedEnds: Float64Array.from(fixed, (e) => e.end),
    maxFixedLength: fixed.reduce((max, e) => Math.max(max, e.end - e.start), 0),
    floating,
    maxFloatingLength: floating.reduce((max, e) => Math.max(max, e.length.days * DAY + e.length.ms), 0),
    series,
    warnings,
  };
}

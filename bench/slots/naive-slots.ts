// The baseline the engine is measured against: how slot search is commonly written. Each
// calendar is expanded the textbook ical.js way (ICAL.Event with its exceptions, iterated from
// DTSTART until past the window, zones from the file's VTIMEZONEs), then every candidate slot
// is checked against every expanded event. It is careful — same rules, same results — just not
// fast. The benchmark checks that both return the same slots.

import ICAL from 'ical.js';
import { DateTime } from 'luxon';

export interface NaiveEvent {
  start: number;
  end: number;
}

export interface NaiveInput {
  zone: string;
  now: number;
  /** Weekly hours as [weekday (1 = Monday … 7 = Sunday), start minute, end minute]. */
  hours: Array<[number, number, number]>;
  durationMin: number;
  stepMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  noticeMin: number;
  maxDaysAhead: number;
  maxPerDay: number | null;
  meetings: NaiveEvent[];
}

function toMs(time: ICAL.Time, zone: string): number {
  // Dates and floating times belong to the organizer's zone; ical.js would read them as UTC.
  if (time.isDate || !time.zone || time.zone.tzid === 'floating') {
    return DateTime.fromObject(
      {
        year: time.year,
        month: time.month,
        day: time.day,
        hour: time.hour,
        minute: time.minute,
        second: time.second,
      },
      { zone },
    ).toMillis();
  }
  return time.toUnixTime() * 1000;
}

const blocks = (c: ICAL.Component) =>
  String(c.getFirstPropertyValue('transp') ?? '').toUpperCase() !== 'TRANSPARENT' &&
  String(c.getFirstPropertyValue('status') ?? '').toUpperCase() !== 'CANCELLED';

/** Every event of the calendars that ends after `from` and starts before `to`. */
export function naiveExpand(
  calendars: ICAL.Component[],
  from: number,
  to: number,
  zone: string,
): NaiveEvent[] {
  const out: NaiveEvent[] = [];
  for (const calendar of calendars) {
    const vevents = calendar.getAllSubcomponents('vevent');
    const exceptions = new Map<string, ICAL.Component[]>();
    for (const v of vevents) {
      if (!v.hasProperty('recurrence-id')) continue;
      const uid = String(v.getFirstPropertyValue('uid'));
      exceptions.set(uid, [...(exceptions.get(uid) ?? []), v]);
    }
    const masters = new Set<string>();
    const orphans: ICAL.Component[] = [];
    for (const v of vevents) {
      if (v.hasProperty('recurrence-id')) continue;
      const event = new ICAL.Event(v);
      masters.add(event.uid);
      for (const e of exceptions.get(event.uid) ?? []) event.relateException(e);
      if (!event.isRecurring()) {
        const start = toMs(event.startDate, zone);
        const end = event.endDate ? toMs(event.endDate, zone) : start;
        if (blocks(v) && end > from && start < to) out.push({ start, end });
        continue;
      }
      const seen = new Set<string>();
      const iterator = event.iterator();
      for (let next = iterator.next(); blocks(v) && next; next = iterator.next()) {
        if (toMs(next, zone) >= to + 2 * 86_400_000) break;
        seen.add(next.toString());
        const details = event.getOccurrenceDetails(next);
        const start = toMs(details.startDate, zone);
        const end = toMs(details.endDate, zone);
        if (blocks(details.item.component) && end > from && start < to) out.push({ start, end });
      }
      // Moved instances that match no occurrence seen (or that moved in from outside) still block.
      for (const e of exceptions.get(event.uid) ?? []) {
        if (!seen.has(String(e.getFirstPropertyValue('recurrence-id')))) orphans.push(e);
      }
    }
    for (const [uid, list] of exceptions) {
      if (!masters.has(uid)) orphans.push(...list);
    }
    for (const v of orphans) {
      const event = new ICAL.Event(v);
      const start = toMs(event.startDate, zone);
      const end = toMs(event.endDate, zone);
      if (blocks(v) && end > from && start < to) out.push({ start, end });
    }
  }
  return out;
}

/** Free slot starts: every candidate checked against every event. */
export function naiveSlots(input: NaiveInput, events: NaiveEvent[]): number[] {
  const minute = 60_000;
  const all = [...events, ...input.meetings];
  const today = DateTime.fromMillis(input.now, { zone: input.zone }).startOf('day');
  const horizon = today.plus({ days: input.maxDaysAhead + 1 }).toMillis();
  const earliest = input.now + input.noticeMin * minute;
  const slots: number[] = [];
  for (let d = 0; d <= input.maxDaysAhead; d++) {
    const date = today.plus({ days: d });
    const booked = new Set(
      input.meetings
        .filter((m) => DateTime.fromMillis(m.start, { zone: input.zone }).hasSame(date, 'day'))
        .map((m) => m.start),
    );
    if (input.maxPerDay !== null && booked.size >= input.maxPerDay) continue;
    for (const [weekday, from, to] of input.hours) {
      if (weekday !== date.weekday) continue;
      const rangeEnd = date.set({ hour: Math.floor(to / 60), minute: to % 60 }).toMillis();
      for (let m = from; ; m += input.stepMin) {
        const start = date.set({ hour: Math.floor(m / 60), minute: m % 60 }).toMillis();
        const end = start + input.durationMin * minute;
        if (end > rangeEnd) break;
        if (start < earliest || start >= horizon) continue;
        const padStart = start - input.bufferBeforeMin * minute;
        const padEnd = end + input.bufferAfterMin * minute;
        if (!all.some((e) => e.start < padEnd && e.end > padStart)) slots.push(start);
      }
    }
  }
  return slots;
}

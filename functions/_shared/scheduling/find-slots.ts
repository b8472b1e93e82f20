import { z } from 'zod';
import { expandCalendar } from './calendar-expand.js';
import { type ParsedCalendar, parseCalendar } from './calendar-parse.js';
import { type ContactZoneSource, resolveContactZone } from './contact-zone.js';
import { explainSlot, type SearchState, type SlotExplanation } from './explain-slot.js';
import { type Interval, mergeIntervals, padIntervals } from './intervals.js';
import { startOfLocalDay } from './local-ranges.js';
import { rankSlots } from './rank-slots.js';
import { type AvailabilityRulesInput, parseAvailabilityRules, weeklyHoursSchema } from './rules.js';
import { type FreeSlot, sweepSlots } from './slot-sweep.js';
import { WorkingWeek } from './working-hours.js';
import { formatLocal, formatUtc, localDay, MINUTE, type ZoneClock, zoneClock } from './zone-clock.js';

const instant = z.iso.datetime({ offset: true });
const span = z
  .object({ start: instant, end: instant })
  .refine((s) => Date.parse(s.end) >= Date.parse(s.start), { message: 'End is before start', path: ['end'] });

export const slotQuerySchema = z.object({
  /** The current instant: the engine never reads the clock. */
  now: instant,
  /** One of the organizer's meeting lengths; the first one when absent. */
  durationMinutes: z.int().positive().optional(),
  /** Slots must lie inside it; default from now to the booking horizon. */
  window: span.optional(),
  /** Busy time from calendars given as intervals (any number of calendars, concatenated). */
  busy: z.array(span).default([]),
  /** Meetings already booked and live slot claims: they block time and count toward the daily cap. */
  meetings: z.array(span).default([]),
  claims: z.array(span).default([]),
  contact: z
    .object({
      timeZone: z.string().optional(),
      /** Free text ("Greater Seattle Area"); used when timeZone is absent or not a zone. */
      location: z.string().optional(),
      /** The contact's own weekly hours, if they have rules; else 09:00–18:00 on weekdays. */
      workingHours: weeklyHoursSchema.optional(),
    })
    .default({}),
  /** How many ranked suggestions to return. */
  suggestions: z.int().min(0).max(20).default(3),
});

export interface SlotRequest extends z.input<typeof slotQuerySchema> {
  rules: AvailabilityRulesInput;
  /** Calendars given as iCalendar: parsed once with parseCalendar and reused, or as text. */
  calendars?: ReadonlyArray<ParsedCalendar | string>;
}

export interface Slot {
  /** UTC instants. */
  start: string;
  end: string;
  /** The same times in each party's zone, with offsets (2025-03-10T09:00:00-04:00). */
  organizer: { start: string; end: string };
  contact: { start: string; end: string };
}

export interface SlotSearch {
  organizerZone: string;
  contactZone: string;
  contactZoneSource: ContactZoneSource;
  durationMinutes: number;
  /** The range that was searched (UTC). */
  searched: { start: string; end: string };
  /** Every free slot, sorted by start. */
  slots: Slot[];
  /** The short list to offer first, sorted by start. */
  suggestions: Slot[];
  /** Why a start time (or a slot) is not among `slots` — or that it is available. */
  explain(slot: string | { start: string }): SlotExplanation;
}

const CONTACT_DEFAULT_HOURS = weeklyHoursSchema.parse(
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '18:00' }]])),
);

function toInterval(span: { start: string; end: string }): Interval {
  return { start: Date.parse(span.start), end: Date.parse(span.end) };
}

/** Local dates on which booked meetings and claims already reach the cap. */
function fullDaysOf(booked: readonly Interval[], cap: number | null, clock: ZoneClock): Set<number> {
  const full = new Set<number>();
  if (cap === null) return full;
  const perDay = new Map<number, number>();
  // A claim and the meeting it became share a start: count it once.
  for (const start of new Set(booked.map((b) => b.start))) {
    const day = localDay(start, clock);
    const count = (perDay.get(day) ?? 0) + 1;
    perDay.set(day, count);
    if (count >= cap) full.add(day);
  }
  return full;
}

export function findSlots(request: SlotRequest): SlotSearch {
  const { rules: rulesInput, calendars = [], ...rest } = request;
  const rules = parseAvailabilityRules(rulesInput);
  const query = slotQuerySchema.parse(rest);
  const durationMinutes = query.durationMinutes ?? rules.meetingLengths[0]!;
  if (!rules.meetingLengths.includes(durationMinutes)) {
    throw new z.ZodError([
      {
        code: 'custom',
        path: ['durationMinutes'],
        message: `Meetings here last ${rules.meetingLengths.join(', ')} minutes`,
        input: durationMinutes,
      },
    ]);
  }
  const clock = zoneClock(rules.timeZone);
  const now = Date.parse(query.now);
  const duration = durationMinutes * MINUTE;
  const horizon = startOfLocalDay(clock, localDay(now, clock) + rules.maxDaysAhead + 1);
  const searched = query.window ? toInterval(query.window) : { start: now, end: horizon + duration };
  const noticeEnds = now + rules.minimumNoticeMinutes * MINUTE;
  const earliest = Math.max(noticeEnds, searched.start);
  const before = rules.bufferBeforeMinutes * MINUTE;
  const after = rules.bufferAfterMinutes * MINUTE;

  const raw: Interval[] = [];
  const busyWindow = { start: searched.start - before, end: searched.end + after };
  for (const calendar of calendars) {
    expandCalendar(typeof calendar === 'string' ? parseCalendar(calendar) : calendar, busyWindow, clock, raw);
  }
  const booked = [...query.meetings, ...query.claims].map(toInterval);
  for (const span of query.busy) raw.push(toInterval(span));
  raw.push(...booked);
  const busy = mergeIntervals(raw);
  const blocked = padIntervals(busy, before, after);
  const fullDays = fullDaysOf(booked, rules.maxMeetingsPerDay, clock);
  const week = new WorkingWeek(rules.weeklyHours, rules.dateOverrides);
  const lastStart = Math.min(searched.end, horizon);
  const working =
    earliest < lastStart ? week.intervals(clock, localDay(earliest, clock), localDay(lastStart, clock)) : [];
  const free = sweepSlots({
    working,
    blocked,
    earliest,
    startsBefore: horizon,
    endsBy: searched.end,
    duration,
    step: rules.slotIntervalMinutes * MINUTE,
    fullDays,
  });

  const contact = resolveContactZone(query.contact, rules.timeZone);
  const contactClock = zoneClock(contact.zone);
  const contactWeek = new WorkingWeek(query.contact.workingHours ?? CONTACT_DEFAULT_HOURS);
  const ranked = rankSlots(free, query.suggestions, { contactClock, contactWeek });
  const shown = new Map<FreeSlot, Slot>();
  const toSlot = (s: FreeSlot): Slot => {
    let slot = shown.get(s);
    if (!slot) {
      slot = {
        start: formatUtc(s.start),
        end: formatUtc(s.end),
        organizer: { start: formatLocal(s.start, clock), end: formatLocal(s.end, clock) },
        contact: { start: formatLocal(s.start, contactClock), end: formatLocal(s.end, contactClock) },
      };
      shown.set(s, slot);
    }
    return slot;
  };
  const state: SearchState = {
    rules,
    clock,
    week,
    searched,
    noticeEnds,
    horizon,
    busy,
    blocked,
    fullDays,
    duration,
  };
  return {
    organizerZone: rules.timeZone,
    contactZone: contact.zone,
    contactZoneSource: contact.source,
    durationMinutes,
    searched: { start: formatUtc(searched.start), end: formatUtc(searched.end) },
    slots: free.map(toSlot),
    suggestions: ranked.map(toSlot),
    explain: (slot) => explainSlot(state, typeof slot === 'string' ? slot : slot.start),
  };
}

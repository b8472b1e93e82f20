import type { CalendarProvider } from '../_integrations/calendar/calendar-provider.js';
import { calendarLabel } from '../_integrations/calendar/registry.js';
import { AppError } from '../_shared/errors.js';
import { findSlots, type Slot, type SlotSearch } from '../_shared/scheduling/find-slots.js';
import type { AvailabilityRules } from '../_shared/scheduling/rules.js';
import { DAY } from '../_shared/scheduling/zone-clock.js';
import { type AvailabilityStore, getAvailability } from '../availability/availability.js';
import type { MeetingType } from '../availability/schema.js';
import { gapMs, type LedgerStore, ledgerBusy } from '../booking/ledger.js';
import { UnreadableCalendarError } from '../calendars/connections.js';

/**
 * suggest-slots: the organizer's free times for one meeting type — their rules, minus busy time
 * from every connected calendar, booked meetings and live claims (the booking ledger). The engine
 * (_shared/scheduling) does the math; this gathers its inputs. Booking re-runs the same search
 * for the one slot it is about to claim, so what is offered is what can be booked.
 */

export interface SlotsDeps {
  now(): Date;
  availability: AvailabilityStore;
  ledger: LedgerStore;
  /**
   * Every calendar whose busy time counts: Momentum Meet's own and each connected one. `timeZone`
   * (the organizer's) is the zone all-day and floating events are read in. `fresh`: read each
   * calendar itself, not the busy-time cache (booking's re-check of the one slot).
   */
  calendars(ownerId: string, timeZone: string, options?: { fresh?: boolean }): Promise<CalendarProvider[]>;
  /**
   * The organizer's choice when a calendar cannot be read: withhold every time (the default), or
   * offer times as tentative — around what that calendar last showed — for them to confirm.
   */
  whenUnreadable?(ownerId: string): Promise<UnreadablePolicy>;
}

export type UnreadablePolicy = 'withhold' | 'tentative';

/** What is taken around a range; `unreadable` names calendars that could not be read (tentative mode). */
export interface Taken {
  busy: Span[];
  meetings: Span[];
  unreadable: string[];
}

/** A search whose slots are tentative when `unreadable` names a calendar. */
export type TentativeSearch = SlotSearch & { unreadable: string[] };

export interface BookingSetup {
  rules: AvailabilityRules;
  type: MeetingType;
}

/** The owner's rules and the meeting type (the first active one when no id is given). */
export async function bookingSetup(
  ownerId: string,
  meetingTypeId: string | undefined,
  deps: Pick<SlotsDeps, 'availability' | 'now'>,
  options: { activeOnly?: boolean } = {},
): Promise<BookingSetup> {
  const { rules, meetingTypes } = await getAvailability(
    ownerId,
    {},
    { store: deps.availability, now: deps.now },
  );
  const type = meetingTypeId
    ? meetingTypes.find((t) => t.id === meetingTypeId)
    : (meetingTypes.find((t) => t.active) ?? meetingTypes[0]);
  if (!type || (options.activeOnly && !type.active)) {
    throw new AppError('NOT_FOUND', 'This meeting type is no longer offered — ask for a new link.');
  }
  const lengths = rules.meetingLengths.includes(type.durationMinutes)
    ? rules.meetingLengths
    : [...rules.meetingLengths, type.durationMinutes];
  return { rules: { ...rules, meetingLengths: lengths }, type };
}

type Span = { start: string; end: string };

export interface SlotSearchInput {
  /** UTC ISO; default from now to the booking horizon. */
  from?: string | undefined;
  to?: string | undefined;
  contact?: { timeZone?: string | undefined; location?: string | undefined };
  /** A meeting being moved: its own time and claim do not count as busy. */
  ignore?: { claimId: string; start: string; end: string } | undefined;
  suggestions?: number;
  /** What is taken, read already (takenTime) over a range covering this one: not read again. */
  taken?: Taken | undefined;
}

/** Free slots of `setup` over the range, with the calendars, meetings and claims taken out. */
export async function searchSlots(
  ownerId: string,
  setup: BookingSetup,
  input: SlotSearchInput,
  deps: SlotsDeps,
): Promise<TentativeSearch> {
  const { rules, type } = setup;
  const now = deps.now();
  const horizon = now.getTime() + (rules.maxDaysAhead + 2) * DAY;
  const start = Math.max(now.getTime(), input.from ? Date.parse(input.from) : now.getTime());
  const end = Math.min(horizon, input.to ? Date.parse(input.to) : horizon);
  if (end <= start) return { ...emptySearch(setup, input, now), unreadable: [] };
  const taken = input.taken ?? (await takenTime(ownerId, rules, { start, end }, deps, input.ignore));
  const search = findSlots({
    rules,
    now: now.toISOString(),
    durationMinutes: type.durationMinutes,
    window: { start: new Date(start).toISOString(), end: new Date(end).toISOString() },
    busy: taken.busy,
    meetings: taken.meetings,
    contact: input.contact ?? {},
    suggestions: input.suggestions ?? 3,
  });
  return { ...search, unreadable: taken.unreadable };
}

/**
 * Time that is not free around a range (epoch ms): busy time from every calendar and the
 * ledger's meetings and live claims — `busy` for the engine to keep free, `meetings` for the
 * daily cap. A meeting being moved (`ignore`) does not stand in its own way.
 */
export async function takenTime(
  ownerId: string,
  rules: AvailabilityRules,
  window: { start: number; end: number },
  deps: SlotsDeps,
  ignore?: SlotSearchInput['ignore'],
  options: { fresh?: boolean } = {},
): Promise<Taken> {
  const gap = gapMs(rules);
  const range = { start: window.start - gap, end: window.end + gap };
  const [calendarBusy, booked] = await Promise.all([
    busyFromCalendars(ownerId, rules.timeZone, range, deps, options),
    ledgerBusy(ownerId, range, rules, { store: deps.ledger }, deps.now(), ignore?.claimId),
  ]);
  const notOwn = (b: Span) =>
    !ignore ||
    Date.parse(b.start) !== Date.parse(ignore.start) ||
    Date.parse(b.end) !== Date.parse(ignore.end);
  return {
    busy: [...calendarBusy.busy.filter(notOwn), ...booked.busy],
    meetings: booked.meetings,
    unreadable: calendarBusy.unreadable,
  };
}

function emptySearch({ rules, type }: BookingSetup, input: SlotSearchInput, at: Date): SlotSearch {
  const now = at.toISOString();
  return findSlots({
    rules,
    now,
    durationMinutes: type.durationMinutes,
    window: { start: now, end: now },
    contact: input.contact ?? {},
  });
}

/**
 * Busy time from every calendar over the range. A calendar that cannot be read never counts as
 * free: the search fails with 503 and says which calendar, rather than offering taken times — or,
 * when the organizer chose tentative times, its last known busy time counts and it is named.
 */
async function busyFromCalendars(
  ownerId: string,
  timeZone: string,
  range: { start: number; end: number },
  deps: SlotsDeps,
  options: { fresh?: boolean },
): Promise<{ busy: Span[]; unreadable: string[] }> {
  const span = { start: new Date(range.start).toISOString(), end: new Date(range.end).toISOString() };
  const unreadable: string[] = [];
  let policy: Promise<UnreadablePolicy> | undefined;
  const lists = await Promise.all(
    (await deps.calendars(ownerId, timeZone, options)).map(async (calendar) => {
      try {
        return await calendar.listBusy(span);
      } catch (err) {
        policy ??= deps.whenUnreadable?.(ownerId) ?? Promise.resolve('withhold');
        if ((await policy) === 'tentative') {
          unreadable.push(calendar.name);
          return err instanceof UnreadableCalendarError ? err.lastKnown : [];
        }
        throw new AppError(
          'UNAVAILABLE',
          `The organizer's ${calendarLabel(calendar.name)} calendar cannot be read right now, so no times are offered — try again shortly.`,
        );
      }
    }),
  );
  return { busy: lists.flat(), unreadable };
}

/** The free slots nearest to a wanted start (before or after it), sorted by start. */
export function nearestSlots(search: SlotSearch, wanted: string, count = 3): Slot[] {
  const at = Date.parse(wanted);
  return [...search.slots]
    .sort((a, b) => Math.abs(Date.parse(a.start) - at) - Math.abs(Date.parse(b.start) - at))
    .slice(0, count)
    .sort((a, b) => a.start.localeCompare(b.start));
}

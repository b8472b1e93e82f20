import { IANAZone } from 'luxon';
import { z } from 'zod';

/**
 * The calendar seam: one interface for every calendar an organizer connects — `local` (the
 * default, no credentials: events kept in Cosmos), later CalDAV/iCloud, Google and Microsoft.
 * A provider is built per connection by a factory (registry.ts); use cases only see this
 * interface. Every implementation runs the shared contract suite (contract.test-support.ts).
 */

/** A span of time, both ends UTC ISO (`2025-03-09T06:30:00.000Z`); the end is exclusive. */
export interface TimeRange {
  start: string;
  end: string;
}

export interface CalendarPerson {
  email: string;
  name?: string | undefined;
}

/** A meeting as it goes into an organizer's calendar. */
export interface CalendarEvent {
  /** Our meeting id: the idempotency key — creating twice with the same one yields one event. */
  meetingId: string;
  title: string;
  description: string;
  /** UTC ISO; given with an offset, stored and returned in UTC (`toISOString()` form). */
  start: string;
  end: string;
  /** The organizer's IANA zone: what a provider shows the event in (CalDAV TZID, Google timeZone). */
  timeZone: string;
  /** A place; absent for a video meeting. */
  location?: string | undefined;
  /** The video meeting, when there is one. */
  conference?: { joinUrl: string } | undefined;
  /**
   * Ask the calendar itself for the video meeting (Google Meet through conferenceData, a Teams
   * online meeting through Graph): the stored event's `conference.joinUrl` then carries it.
   * Providers that cannot make one ignore it (the booking flow then uses a video provider).
   */
  conferenceRequest?: 'meet' | 'teams' | undefined;
  organizer: CalendarPerson;
  attendees: CalendarPerson[];
  /** iCalendar SEQUENCE: 0 when created, raised by the caller on each change sent to attendees. */
  sequence: number;
}

/** An event as the provider keeps it. */
export interface StoredCalendarEvent extends CalendarEvent {
  /** The provider's id for it (CalDAV href, Google/Microsoft event id). */
  eventId: string;
  status: 'confirmed' | 'cancelled';
}

export interface CalendarProvider {
  readonly name: string;
  /**
   * The organizer's busy time overlapping the range (an interval touching an edge does not
   * overlap): recurring events already expanded, cancelled ones left out, sorted by start.
   * Intervals may extend past the range or be clipped to it; callers only rely on the overlap.
   */
  listBusy(range: TimeRange): Promise<TimeRange[]>;
  /** Creates the event; with a meeting id seen before, returns that event unchanged instead. */
  createEvent(event: CalendarEvent): Promise<StoredCalendarEvent>;
  /** Replaces the event's details; CalendarEventNotFoundError when it is gone or cancelled. */
  updateEvent(eventId: string, event: CalendarEvent): Promise<StoredCalendarEvent>;
  /** Cancels the event; safe to repeat, and a no-op for an unknown id. */
  deleteEvent(eventId: string): Promise<void>;
  /** The event (cancelled ones too, while the provider keeps them), or undefined. */
  getEvent(eventId: string): Promise<StoredCalendarEvent | undefined>;
  /** Throws with a readable reason when the credentials or server do not work. */
  health(): Promise<void>;
  /**
   * The connection's calendars, for the organizer to choose which ones count as busy and which
   * one meetings go to (the `settings` of the factory). Absent where there is nothing to choose.
   */
  listCalendars?(): Promise<CalendarInfo[]>;
  /**
   * Push (Google watch channels, Graph subscriptions): asks the provider to call `address` when
   * an event in a calendar read for busy time changes, until `expiresAt`. One channel per
   * calendar; the caller keeps them to check notifications (`secret`) and to stop them.
   */
  watch?(request: WatchRequest): Promise<WatchChannel[]>;
  /** Stops a channel made by `watch`; safe to repeat. */
  unwatch?(channel: WatchChannel): Promise<void>;
  /**
   * Without push (CalDAV): a version of each calendar read for busy time (its sync-token, else
   * ctag), cheap to read; any change means its events changed.
   */
  changeTags?(): Promise<Record<string, string>>;
}

export interface WatchRequest {
  /** The public https URL notifications are sent to. */
  address: string;
  /** A random secret the provider sends back with each notification (Google's channel token, Graph's clientState). */
  secret: string;
  /** UTC ISO: when the provider may stop sending (it may choose earlier; the channel says). */
  expiresAt: string;
}

export interface WatchChannel {
  /** Google: the channel id we chose; Microsoft: the subscription id. */
  id: string;
  /** Google's id of the watched resource (needed to stop the channel). */
  resourceId?: string | undefined;
  calendar: string;
  /** UTC ISO, as the provider granted it. */
  expiresAt: string;
}

export interface CalendarInfo {
  /** What the factory's settings name it by (the CalDAV collection URL, the Google calendar id). */
  url: string;
  name: string;
  canWrite: boolean;
}

/** A connection's secrets, decrypted by the caller (CalDAV password, OAuth tokens…). */
export type CalendarCredentials = Readonly<Record<string, string>>;

/**
 * Builds one provider for one connection: the owner it belongs to, its decrypted credentials
 * and the organizer's choice of calendars (neither for `local`). One line each in registry.ts.
 */
/** Which of a connection's calendars are read for busy time and written to. */
export interface CalendarSettings {
  /** The calendars read for busy time (provider ids or URLs); all of the account's when absent. */
  readCalendarUrls?: string[] | undefined;
  /** Where events are written; the account's primary / first writable calendar when absent. */
  writeCalendarUrl?: string | undefined;
  /** The organizer's IANA zone, in which floating times and all-day events are read; default UTC. */
  timeZone?: string | undefined;
  /** OAuth providers call it with refreshed tokens, so the connection keeps them (sealed). */
  onCredentials?: ((next: CalendarCredentials) => Promise<void>) | undefined;
}

export type CalendarProviderFactory = (
  ownerId: string,
  credentials?: CalendarCredentials,
  settings?: CalendarSettings,
) => CalendarProvider;

/**
 * The connection's credentials no longer work (a refused password, a revoked or expired grant):
 * only the person can fix it by reconnecting. Providers throw it (or a subclass) so the
 * connection shows "expired" rather than "failing".
 */
export class CalendarConnectionExpiredError extends Error {
  override readonly name: string = 'CalendarConnectionExpiredError';
}

export class CalendarEventNotFoundError extends Error {
  override readonly name = 'CalendarEventNotFoundError';
  constructor(readonly eventId: string) {
    super(`The calendar event ${eventId} was not found (or was cancelled).`);
  }
}

/** A UTC instant: any ISO date-time with Z or an offset, normalised to `toISOString()` form. */
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const person = z.object({ email: z.email(), name: z.string().optional() });

const calendarEventSchema = z
  .object({
    meetingId: z.string().min(1).max(200),
    title: z.string().min(1),
    description: z.string(),
    start: instant,
    end: instant,
    timeZone: z.string().refine((zone) => IANAZone.isValidZone(zone), 'not an IANA time zone'),
    location: z.string().optional(),
    conference: z.object({ joinUrl: z.url({ protocol: /^https?$/ }) }).optional(),
    conferenceRequest: z.enum(['meet', 'teams']).optional(),
    organizer: person,
    attendees: z.array(person),
    sequence: z.number().int().min(0),
  })
  .refine((e) => e.end > e.start, { message: 'end must be after start', path: ['end'] });

/** Checks an event and puts its times in UTC; throws a ZodError naming the field. */
export const parseCalendarEvent = (event: CalendarEvent): CalendarEvent => calendarEventSchema.parse(event);

export const parseTimeRange = (range: TimeRange): TimeRange =>
  z
    .object({ start: instant, end: instant })
    .refine((r) => r.end >= r.start, { message: 'end must not be before start', path: ['end'] })
    .parse(range);

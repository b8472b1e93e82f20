import type { CalendarEvent, CalendarProvider } from '../_integrations/calendar/calendar-provider.js';
import { calendarLabel } from '../_integrations/calendar/registry.js';
import type { VideoProvider } from '../_integrations/video/video-provider.js';
import { AppError, notFound } from '../_shared/errors.js';
import { DAY, isValidZone, MINUTE } from '../_shared/scheduling/zone-clock.js';
import type { MeetingTypeVideo } from '../availability/schema.js';
import {
  claim,
  confirmClaim,
  type LedgerEntry,
  type LedgerRules,
  releaseClaim,
  SlotTakenError,
} from '../booking/ledger.js';
import type { MeetingStore } from '../booking/meeting-store.js';
import type { Host, MeetingDoc, MeetingEvent } from '../booking/model.js';
import type { MeetingSource } from '../booking/schema.js';
import type { CalendarAuditEntry } from '../calendars/audit.js';
import type { ContactStore } from '../contacts/contact-store.js';
import { contactIdFor, contactKey } from '../contacts/identity.js';
import type { ContactDoc } from '../contacts/model.js';
import { upsertContacts } from '../contacts/upsert.js';
import type { LeadEventStore } from '../leads/lead-events.js';
import { applyLeadEvent, moveLead, type PipelineDeps } from '../leads/pipeline.js';
import type { NotifyMessage } from '../notify/queue.js';
import {
  type BookingSetup,
  bookingSetup,
  nearestSlots,
  type SlotSearchInput,
  type SlotsDeps,
  searchSlots,
  takenTime,
} from '../suggest-slots/slots.js';

/**
 * confirm-meeting: the one claim path every channel books through — the public booking page, the
 * organizer, the bot, an email's suggested time. The slot is re-checked live against the
 * calendars and claimed in the booking ledger before any side effect; then the video room, the
 * calendar event and the meeting are written, the claim is confirmed and both sides are told.
 * Anything that fails after the claim gives the time back, so nothing is half-booked.
 */

export interface ConfirmDeps extends SlotsDeps {
  newId(): string;
  meetings: MeetingStore;
  contacts: ContactStore;
  /**
   * The calendar new meetings are written to: a connected one (its id), else Momentum Meet's own;
   * with the video meeting it can make itself (Google Calendar: Meet).
   */
  calendar(
    ownerId: string,
  ): Promise<{ provider: CalendarProvider; connectionId: string | null; conference?: 'meet' | 'teams' }>;
  /** The calendar a meeting's event was written to. */
  calendarOf(ownerId: string, connectionId: string | null): Promise<CalendarProvider>;
  /** Who makes the organizer's video rooms: a provider, or their calendar itself (Meet). */
  video(ownerId: string, forType?: MeetingTypeVideo): Promise<VideoProvider | 'calendar'>;
  /** A provider by the name a meeting recorded, to give up its room. */
  videoNamed(name: string): VideoProvider;
  host(ownerId: string): Promise<Host>;
  notify(message: NotifyMessage): Promise<void>;
  /** Where the lead moves a booking, cancel or no-show causes are recorded (leads/pipeline.ts). */
  leadEvents: LeadEventStore;
  /** Records each write to the organizer's calendar (the audit log on the Calendars page). */
  audit?(entry: CalendarAuditEntry): Promise<void>;
}

export interface BookingRequest {
  ownerId: string;
  meetingTypeId: string | undefined;
  start: string;
  /** The person booking: the contact the link was made for, or found / created by identity. */
  contact: { id?: string | undefined; name: string; email: string; timeZone?: string | undefined };
  source: MeetingSource;
  by: MeetingEvent['by'];
  note?: string;
  /** Only meeting types the organizer offers publicly may be booked from a link. */
  activeOnly?: boolean;
}

const ledgerRules = (setup: BookingSetup): LedgerRules => setup.rules;
const ledgerDeps = (deps: ConfirmDeps) => ({
  store: deps.ledger,
  bookedMeetings: (ownerId: string, ids: string[]) => deps.meetings.booked(ownerId, ids),
});

/** The nearest free times lie within a few days of the wanted one; the horizon is not searched. */
const ALTERNATIVES_DAYS = 3;

/**
 * Throws SlotTakenError, with the nearest free times as `alternatives`, unless `start` is one of
 * the free slots right now. What is taken is read once, for the check and the alternatives both.
 * Returns the calendars that could not be read (the organizer offers tentative times meanwhile).
 */
async function checkFree(
  ownerId: string,
  setup: BookingSetup,
  start: string,
  contactZone: string | undefined,
  deps: ConfirmDeps,
  ignore?: MeetingDoc,
): Promise<string[]> {
  const at = Date.parse(start);
  const own = ignore && { claimId: ignore.claimId, start: ignore.start, end: ignore.end };
  const around = { start: at - ALTERNATIVES_DAYS * DAY, end: at + ALTERNATIVES_DAYS * DAY };
  // Offered from the busy-time cache, confirmed against the calendars themselves.
  const taken = await takenTime(ownerId, setup.rules, around, deps, own, { fresh: true });
  const search = await searchSlots(
    ownerId,
    setup,
    {
      from: new Date(at).toISOString(),
      to: new Date(at + setup.type.durationMinutes * MINUTE).toISOString(),
      contact: { timeZone: contactZone },
      ignore: own,
      suggestions: 0,
      taken,
    },
    deps,
  );
  if (search.slots.some((s) => Date.parse(s.start) === at)) return taken.unreadable;
  throw await slotTaken(ownerId, setup, start, contactZone, deps, ignore, 'overlap', taken);
}

async function slotTaken(
  ownerId: string,
  setup: BookingSetup,
  start: string,
  contactZone: string | undefined,
  deps: ConfirmDeps,
  ignore?: MeetingDoc,
  reason: 'overlap' | 'day-full' = 'overlap',
  taken?: SlotSearchInput['taken'],
): Promise<SlotTakenError> {
  const at = Date.parse(start);
  const around = await searchSlots(
    ownerId,
    setup,
    {
      from: new Date(at - ALTERNATIVES_DAYS * DAY).toISOString(),
      to: new Date(at + ALTERNATIVES_DAYS * DAY).toISOString(),
      contact: { timeZone: contactZone },
      ignore: ignore && { claimId: ignore.claimId, start: ignore.start, end: ignore.end },
      suggestions: 0,
      taken,
    },
    deps,
  );
  const alternatives = nearestSlots(around, start).map((s) => ({ start: s.start, end: s.end }));
  return new SlotTakenError(reason, alternatives);
}

/** Claims the time, or throws SlotTakenError with alternatives. */
async function claimOrOffer(
  request: {
    ownerId: string;
    claimId: string;
    meetingId: string;
    start: string;
    end: string;
    replaces?: string;
  },
  setup: BookingSetup,
  contactZone: string | undefined,
  deps: ConfirmDeps,
  ignore?: MeetingDoc,
): Promise<LedgerEntry> {
  try {
    return await claim({ ...request, rules: ledgerRules(setup), now: deps.now() }, ledgerDeps(deps));
  } catch (err) {
    if (!(err instanceof SlotTakenError)) throw err;
    throw await slotTaken(request.ownerId, setup, request.start, contactZone, deps, ignore, err.refusal);
  }
}

function calendarEvent(meeting: MeetingDoc): CalendarEvent {
  return {
    meetingId: meeting.id,
    title: meeting.title,
    description: [meeting.meetingType.name, meeting.note].filter(Boolean).join('\n\n'),
    start: meeting.start,
    end: meeting.end,
    timeZone: meeting.organizerZone,
    location: meeting.meetingType.location === 'in-person' ? 'In person' : undefined,
    conference: meeting.joinUrl ? { joinUrl: meeting.joinUrl } : undefined,
    organizer: meeting.organizer,
    attendees: [{ email: meeting.contact.email, name: meeting.contact.name }],
    sequence: meeting.sequence,
  };
}

/**
 * The meeting's video room and its event in the organizer's calendar (each undone by `undo` if a
 * later step fails); the meeting as it then is.
 */
async function furnish(
  meeting: MeetingDoc,
  by: CalendarAuditEntry['by'],
  undo: (() => Promise<unknown>)[],
  deps: ConfirmDeps,
  outcome?: string,
): Promise<MeetingDoc> {
  const { ownerId, id: meetingId, title, start, end, organizer: host } = meeting;
  const { provider: calendar, connectionId, conference } = await deps.calendar(ownerId);
  // A video meeting: the calendar's own (Meet in Google Calendar) when chosen, else the video provider's room.
  const video =
    meeting.meetingType.location === 'video' ? await deps.video(ownerId, meeting.meetingType.video) : null;
  const calendarMakesRoom = video === 'calendar' && conference !== undefined;
  let furnished = meeting;
  if (video && video !== 'calendar') {
    const room = await video.createMeeting({ meetingId, title, start, end, organizer: host });
    undo.push(() => video.deleteMeeting(meetingId, room.providerMeetingId));
    furnished = {
      ...furnished,
      joinUrl: room.joinUrl,
      videoProvider: room.provider,
      videoMeetingId: room.providerMeetingId ?? null,
    };
  }
  const write = { ownerId, meetingId, calendar, connectionId, by };
  const event = await writeCalendar(
    { ...write, action: 'create' },
    () =>
      calendar.createEvent({
        ...calendarEvent(furnished),
        conferenceRequest: calendarMakesRoom ? conference : undefined,
      }),
    deps,
    outcome,
  );
  undo.push(() =>
    audited(
      { ...write, action: 'delete', eventId: event.eventId, by: 'system' },
      () => calendar.deleteEvent(event.eventId),
      deps,
    ),
  );
  return {
    ...furnished,
    calendar: { provider: calendar.name, eventId: event.eventId, connectionId },
    ...(calendarMakesRoom && { joinUrl: event.conference?.joinUrl ?? null, videoProvider: conference }),
  };
}

/**
 * Books a meeting through the one claim path; SlotTakenError (409 with alternatives) when taken.
 * While one of the organizer's calendars cannot be read and they offer tentative times, the time
 * is held and the meeting is "requested": no calendar event or room until they confirm it.
 */
export async function bookMeeting(request: BookingRequest, deps: ConfirmDeps): Promise<MeetingDoc> {
  const { ownerId } = request;
  const setup = await bookingSetup(ownerId, request.meetingTypeId, deps, { activeOnly: request.activeOnly });
  const start = new Date(request.start).toISOString();
  const end = new Date(Date.parse(start) + setup.type.durationMinutes * MINUTE).toISOString();
  const contactZone = request.contact.timeZone;
  const tentative = (await checkFree(ownerId, setup, start, contactZone, deps)).length > 0;

  const meetingId = deps.newId();
  const entry = await claimOrOffer(
    { ownerId, claimId: meetingId, meetingId, start, end },
    setup,
    contactZone,
    deps,
  );
  const undo: (() => Promise<unknown>)[] = [() => releaseClaim(ownerId, entry, ledgerDeps(deps), deps.now())];
  try {
    const [host, contact] = await Promise.all([
      deps.host(ownerId),
      findOrCreateContact(ownerId, request, deps),
    ]);
    const now = deps.now().toISOString();
    const title = `${setup.type.name}: ${host.name} and ${request.contact.name}`;
    let meeting: MeetingDoc = {
      id: meetingId,
      ownerId,
      title,
      start,
      end,
      status: tentative ? 'requested' : 'booked',
      source: request.source,
      contactId: contact.id,
      contact: { name: request.contact.name, email: request.contact.email },
      meetingType: {
        id: setup.type.id,
        name: setup.type.name,
        location: setup.type.location,
        video: setup.type.video,
        durationMinutes: setup.type.durationMinutes,
      },
      organizer: host,
      organizerZone: setup.rules.timeZone,
      contactZone: contactZone ?? setup.rules.timeZone,
      joinUrl: null,
      videoProvider: null,
      videoMeetingId: null,
      calendar: { provider: '', eventId: '', connectionId: null },
      claimId: entry.claimId,
      claimDays: entry.days,
      sequence: 0,
      note: request.note ?? '',
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
      cancelReason: '',
      events: [{ type: 'booked', at: now, by: request.by }],
    };
    if (!tentative) meeting = await furnish(meeting, request.by, undo, deps);
    const saved = await deps.meetings.create(meeting);
    undo.push(() => deps.meetings.save({ ...saved, status: 'cancelled', cancelReason: 'booking failed' }));
    await confirmClaim(ownerId, entry, ledgerRules(setup), ledgerDeps(deps), deps.now());
    await markBooked(
      ownerId,
      contact,
      meetingId,
      request.source === 'organizer' ? undefined : contactZone,
      deps,
    );
    await deps.notify({
      ownerId,
      meetingId,
      notice: tentative ? 'requested' : 'booked',
      sequence: saved.sequence,
    });
    return saved;
  } catch (err) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    if (err instanceof SlotTakenError)
      throw await slotTaken(ownerId, setup, start, contactZone, deps, undefined, err.refusal);
    throw err;
  }
}

interface CalendarWrite {
  ownerId: string;
  meetingId: string;
  action: CalendarAuditEntry['action'];
  calendar: CalendarProvider;
  connectionId: string | null;
  eventId?: string;
  by: CalendarAuditEntry['by'];
}

/** Runs one write to the organizer's calendar and records it, ok or not, in the audit log. */
async function audited<T>(
  write: CalendarWrite,
  run: () => Promise<T>,
  deps: Pick<ConfirmDeps, 'now' | 'audit'>,
): Promise<T> {
  const record = (result: 'ok' | 'error', eventId: string | null, error: string | null) =>
    deps
      .audit?.({
        ownerId: write.ownerId,
        at: deps.now().toISOString(),
        action: write.action,
        calendar: write.calendar.name,
        connectionId: write.connectionId,
        meetingId: write.meetingId,
        eventId,
        by: write.by,
        result,
        error,
      })
      .catch(() => undefined);
  try {
    const value = await run();
    const made = (value as { eventId?: string } | undefined)?.eventId;
    await record('ok', made ?? write.eventId ?? null, null);
    return value;
  } catch (err) {
    await record(
      'error',
      write.eventId ?? null,
      err instanceof Error ? err.message.slice(0, 300) : String(err),
    );
    throw err;
  }
}

/**
 * A calendar write the booking depends on: a failure is a 503 that says what became of the
 * meeting (`outcome`: not booked, by default; still a request, when confirming one).
 */
async function writeCalendar<T extends { eventId: string }>(
  write: CalendarWrite,
  run: () => Promise<T>,
  deps: Pick<ConfirmDeps, 'now' | 'audit'>,
  outcome = 'so it was not booked — try again shortly',
): Promise<T> {
  try {
    return await audited(write, run, deps);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError(
      'UNAVAILABLE',
      `The meeting could not be added to the organizer's ${calendarLabel(write.calendar.name)} calendar, ${outcome}.`,
    );
  }
}

/** The contact the link was made for; else the one with this email (or a new one, source "booking"). */
async function findOrCreateContact(
  ownerId: string,
  request: BookingRequest,
  deps: ConfirmDeps,
): Promise<ContactDoc> {
  if (request.contact.id) {
    const known = await deps.contacts.read(ownerId, request.contact.id);
    if (known) return known;
  }
  const [firstName, ...rest] = request.contact.name.trim().split(/\s+/);
  const draft = {
    firstName: firstName ?? '',
    ...(rest.length && { lastName: rest.join(' ') }),
    email: request.contact.email.trim().toLowerCase(),
    ...(request.contact.timeZone && { timeZone: request.contact.timeZone }),
    tags: [],
    flags: [],
    source: 'booking' as const,
  };
  const id = contactIdFor(contactKey(draft)!);
  const results = await upsertContacts(
    { ownerId, now: deps.now().toISOString(), drafts: new Map([[id, draft]]) },
    deps.contacts,
  );
  const contact = await deps.contacts.read(ownerId, results.get(id)!.contactId);
  if (!contact) throw new AppError('CONFLICT', 'The contact was removed while booking — try again.');
  return contact;
}

/** The meeting stands whatever happens to its lead's bookkeeping; the owner can move the lead by hand. */
const leadNotMoved = (contactId: string) => (err: Error) =>
  console.error(`Lead ${contactId}: pipeline move not recorded: ${err.message}`);

const pipeline = (deps: ConfirmDeps): PipelineDeps => ({
  contacts: deps.contacts,
  events: deps.leadEvents,
  now: deps.now,
});

/**
 * Lead stage "meeting booked" through the stage machine (which also stops the contact's campaign
 * follow-ups), and the zone they booked in when their record has none — one write for both.
 */
async function markBooked(
  ownerId: string,
  contact: ContactDoc,
  meetingId: string,
  timeZone: string | undefined,
  deps: ConfirmDeps,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = attempt === 0 ? contact : await deps.contacts.read(ownerId, contact.id);
    if (!doc) return;
    const now = deps.now();
    const booked = applyLeadEvent(doc, { kind: 'booking', at: now.toISOString() }, now, meetingId);
    // The zone they booked in is the best we know of where they are, unless one is on record.
    const learnZone = !doc.timeZone && timeZone !== undefined && isValidZone(timeZone);
    if (!booked && !learnZone) return;
    const result = await deps.contacts.replace({
      ...(booked?.doc ?? doc),
      ...(learnZone && { timeZone }),
      updatedAt: now.toISOString(),
    });
    if (result.status === 'ok' && booked)
      await deps.leadEvents.record(booked.entry).catch(leadNotMoved(doc.id));
    if (result.status !== 'changed') return;
  }
}

async function loadMeeting(ownerId: string, id: string, deps: ConfirmDeps): Promise<MeetingDoc> {
  const meeting = await deps.meetings.find(ownerId, id);
  if (!meeting) throw notFound('That meeting');
  return meeting;
}

/**
 * The organizer confirms a requested meeting (booked while a calendar could not be read): its room
 * and calendar event are made now and both sides get the confirmation with the invitation.
 * Confirming twice changes nothing; a calendar that still cannot be written is a 503.
 */
export async function confirmRequestedMeeting(
  ownerId: string,
  meetingId: string,
  deps: ConfirmDeps,
): Promise<MeetingDoc> {
  const meeting = await loadMeeting(ownerId, meetingId, deps);
  if (meeting.status === 'booked') return meeting;
  if (meeting.status !== 'requested')
    throw new AppError('CONFLICT', 'Only a requested meeting can be confirmed.');
  if (Date.parse(meeting.end) <= deps.now().getTime())
    throw new AppError('CONFLICT', 'This request is for a time that has passed — decline it instead.');
  const undo: (() => Promise<unknown>)[] = [];
  try {
    const at = deps.now().toISOString();
    const sequence = meeting.sequence + 1;
    const furnished = await furnish(
      { ...meeting, sequence },
      'organizer',
      undo,
      deps,
      'so it is still a request — confirm it again once the calendar works, or decline it',
    );
    const saved = await deps.meetings.save({
      ...furnished,
      status: 'booked',
      updatedAt: at,
      events: [...meeting.events, { type: 'confirmed', at, by: 'organizer' }],
    });
    await deps.notify({ ownerId, meetingId, notice: 'booked', sequence });
    return saved;
  } catch (err) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw err;
  }
}

/**
 * Moves a booked meeting: the new time is claimed first (its own old time does not stand in the
 * way), then the calendar event and the meeting change, and the old time is given back.
 */
export async function rescheduleMeeting(
  ownerId: string,
  meetingId: string,
  newStart: string,
  by: MeetingEvent['by'],
  deps: ConfirmDeps,
): Promise<MeetingDoc> {
  const meeting = await loadMeeting(ownerId, meetingId, deps);
  if (meeting.status === 'requested')
    throw new AppError(
      'CONFLICT',
      'This meeting still waits for the organizer to confirm it, so it cannot be moved yet.',
    );
  if (meeting.status !== 'booked')
    throw new AppError('CONFLICT', 'This meeting was cancelled, so it cannot be moved.');
  const now = deps.now();
  if (Date.parse(meeting.end) <= now.getTime())
    throw new AppError('CONFLICT', 'This meeting is over, so it cannot be moved.');
  const setup = await bookingSetup(ownerId, meeting.meetingType.id, deps);
  const start = new Date(newStart).toISOString();
  if (start === meeting.start) return meeting;
  const end = new Date(Date.parse(start) + meeting.meetingType.durationMinutes * MINUTE).toISOString();
  await checkFree(ownerId, setup, start, meeting.contactZone, deps, meeting);
  const sequence = meeting.sequence + 1;
  const entry = await claimOrOffer(
    {
      ownerId,
      claimId: `${meeting.id}#${sequence}`,
      meetingId: meeting.id,
      start,
      end,
      replaces: meeting.claimId,
    },
    setup,
    meeting.contactZone,
    deps,
    meeting,
  );
  const rules = ledgerRules(setup);
  try {
    const at = now.toISOString();
    const moved: MeetingDoc = {
      ...meeting,
      start,
      end,
      sequence,
      claimId: entry.claimId,
      claimDays: entry.days,
      updatedAt: at,
      events: [...meeting.events, { type: 'rescheduled', at, by, from: meeting.start }],
    };
    const calendar = await deps.calendarOf(ownerId, meeting.calendar.connectionId);
    await writeCalendar(
      {
        ownerId,
        meetingId,
        action: 'update',
        calendar,
        connectionId: meeting.calendar.connectionId,
        eventId: meeting.calendar.eventId,
        by,
      },
      () => calendar.updateEvent(meeting.calendar.eventId, calendarEvent(moved)),
      deps,
    );
    const saved = await deps.meetings.save(moved);
    await confirmClaim(ownerId, entry, rules, ledgerDeps(deps), now);
    await releaseClaim(ownerId, { claimId: meeting.claimId, days: meeting.claimDays }, ledgerDeps(deps), now);
    await deps.notify({ ownerId, meetingId, notice: 'rescheduled', sequence });
    return saved;
  } catch (err) {
    await releaseClaim(ownerId, entry, ledgerDeps(deps), now).catch(() => undefined);
    throw err;
  }
}

/** Cancels a meeting; repeating it changes nothing. The time is free again at once. */
export async function cancelMeeting(
  ownerId: string,
  meetingId: string,
  reason: string,
  by: MeetingEvent['by'],
  deps: ConfirmDeps,
): Promise<MeetingDoc> {
  const meeting = await loadMeeting(ownerId, meetingId, deps);
  if (meeting.status === 'cancelled') return meeting;
  if (meeting.status !== 'booked' && meeting.status !== 'requested')
    throw new AppError('CONFLICT', 'Only a booked meeting can be cancelled.');
  const now = deps.now();
  const at = now.toISOString();
  const sequence = meeting.sequence + 1;
  const saved = await deps.meetings.save({
    ...meeting,
    status: 'cancelled',
    sequence,
    cancelledAt: at,
    cancelReason: reason,
    updatedAt: at,
    events: [...meeting.events, { type: 'cancelled', at, by }],
  });
  await Promise.all([
    // A request that was never confirmed has no event to remove.
    meeting.calendar.eventId &&
      deps.calendarOf(ownerId, meeting.calendar.connectionId).then((calendar) =>
        audited(
          {
            ownerId,
            meetingId,
            action: 'delete',
            calendar,
            connectionId: meeting.calendar.connectionId,
            eventId: meeting.calendar.eventId,
            by,
          },
          () => calendar.deleteEvent(meeting.calendar.eventId),
          deps,
        ),
      ),
    // A calendar-made room (Meet) goes with its event; a video provider's room is given up.
    meeting.joinUrl &&
    meeting.videoProvider &&
    meeting.videoProvider !== 'meet' &&
    meeting.videoProvider !== 'teams'
      ? deps.videoNamed(meeting.videoProvider).deleteMeeting(meeting.id, meeting.videoMeetingId ?? undefined)
      : undefined,
    releaseClaim(ownerId, { claimId: meeting.claimId, days: meeting.claimDays }, ledgerDeps(deps), now),
  ]);
  await deps.notify({ ownerId, meetingId, notice: 'cancelled', sequence });
  if (!(await stillMeeting(ownerId, meeting, now, deps)))
    await moveLead(ownerId, meeting.contactId, { kind: 'cancellation', at }, pipeline(deps), meetingId).catch(
      leadNotMoved(meeting.contactId),
    );
  return saved;
}

/** Whether the contact has another meeting still to come: then a cancellation leaves the lead at "meeting booked". */
async function stillMeeting(
  ownerId: string,
  cancelled: MeetingDoc,
  now: Date,
  deps: ConfirmDeps,
): Promise<boolean> {
  const { docs } = await deps.meetings.page(ownerId, 'upcoming', now, undefined, 20, cancelled.contactId);
  return docs.some(
    (m) =>
      m.id !== cancelled.id &&
      m.contactId === cancelled.contactId &&
      (m.status === 'booked' || m.status === 'requested') &&
      Date.parse(m.end) > now.getTime(),
  );
}

/** The contact did not turn up: only for a booked meeting that has started. */
export async function markNoShow(ownerId: string, meetingId: string, deps: ConfirmDeps): Promise<MeetingDoc> {
  const meeting = await loadMeeting(ownerId, meetingId, deps);
  if (meeting.status === 'no-show') return meeting;
  if (meeting.status !== 'booked' || Date.parse(meeting.start) > deps.now().getTime()) {
    throw new AppError('CONFLICT', 'Only a meeting that has started can be marked as a no-show.');
  }
  const at = deps.now().toISOString();
  const saved = await deps.meetings.save({
    ...meeting,
    status: 'no-show',
    updatedAt: at,
    events: [...meeting.events, { type: 'no-show', at, by: 'organizer' }],
  });
  await moveLead(ownerId, meeting.contactId, { kind: 'no-show', at }, pipeline(deps), meetingId).catch(
    leadNotMoved(meeting.contactId),
  );
  return saved;
}

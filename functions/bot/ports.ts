import { type BotPorts, type Lead, SayError, type Session } from '../../bot/ports.js';
import { AppError } from '../_shared/errors.js';
import type { Slot } from '../_shared/scheduling/find-slots.js';
import { bookingDeps, hostOf } from '../booking/deps.js';
import { SlotTakenError } from '../booking/ledger.js';
import { readBookingToken } from '../booking/tokens.js';
import { bookMeeting, type ConfirmDeps } from '../confirm-meeting/confirm.js';
import { contactIdFor, contactKey } from '../contacts/identity.js';
import type { ContactDraft } from '../contacts/model.js';
import { upsertContact } from '../contacts/upsert.js';
import { bookingSetup, searchSlots } from '../suggest-slots/slots.js';

/**
 * The bot's ports over the booking use cases: the same setup, slot search and claim path the
 * booking page uses (nothing of them is re-implemented here), and the one contact upsert. An
 * AppError meant for people (a calendar that cannot be read, a meeting type no longer offered, a
 * link expired) becomes what the bot says.
 */

const span = (s: Slot | { start: string; end: string }) => ({ start: s.start, end: s.end });

export function botPorts(deps: () => ConfirmDeps = bookingDeps, now = () => new Date()): BotPorts {
  const setupOf = (session: Session, d: ConfirmDeps) =>
    bookingSetup(session.ownerId, session.meetingTypeId, d, { activeOnly: true });
  return {
    now,
    openSession: (token) =>
      sayable(async () => {
        const claim = readBookingToken(token, now());
        return {
          ownerId: claim.o,
          meetingTypeId: claim.t,
          ...(claim.c && { contactId: claim.c }),
          ...(claim.n && { name: claim.n }),
          ...(claim.e && { email: claim.e }),
          ...(claim.z && { timeZone: claim.z }),
        };
      }),
    intro: (session) =>
      sayable(async () => {
        const [{ rules, type }, host] = await Promise.all([
          setupOf(session, deps()),
          hostOf(session.ownerId),
        ]);
        return {
          host: host.name,
          meetingType: type.name,
          durationMinutes: type.durationMinutes,
          organizerZone: rules.timeZone,
        };
      }),
    freeSlots: (session, range, zone) =>
      sayable(async () => {
        const d = deps();
        const search = await searchSlots(
          session.ownerId,
          await setupOf(session, d),
          { from: range.from, to: range.to, contact: { timeZone: zone }, suggestions: 3 },
          d,
        );
        return { slots: search.slots.map(span), suggestions: search.suggestions.map(span) };
      }),
    saveLead: (session, lead, zone) =>
      sayable(async () => {
        const d = deps();
        const draft = leadDraft(lead, zone);
        const id = contactIdFor(contactKey(draft)!);
        const result = await upsertContact(session.ownerId, id, draft, now().toISOString(), d.contacts);
        return result.contactId;
      }),
    book: (session, { contactId, lead, start, zone }) =>
      sayable(async () => {
        try {
          const meeting = await bookMeeting(
            {
              ownerId: session.ownerId,
              meetingTypeId: session.meetingTypeId,
              start,
              contact: { id: contactId, name: lead.name ?? '', email: lead.email ?? '', timeZone: zone },
              source: 'bot',
              by: 'contact',
              ...(lead.need && { note: lead.need }),
              activeOnly: true,
            },
            deps(),
          );
          return {
            booked: { id: meeting.id, start: meeting.start, end: meeting.end, joinUrl: meeting.joinUrl },
          };
        } catch (err) {
          if (err instanceof SlotTakenError) {
            return { taken: ((err.extra?.alternatives ?? []) as { start: string; end: string }[]).map(span) };
          }
          throw err;
        }
      }),
  };
}

/** The lead as a contact draft: source "bot" (the SPA's "Chat bot"), their need kept as a note. */
export function leadDraft(lead: Lead, zone: string): ContactDraft {
  const [firstName, ...rest] = (lead.name ?? '').trim().split(/\s+/);
  return {
    ...(firstName && { firstName }),
    ...(rest.length > 0 && { lastName: rest.join(' ') }),
    ...(lead.email && { email: lead.email }),
    ...(lead.company && { company: lead.company }),
    ...(lead.phone && { phone: lead.phone }),
    ...(lead.need && { notes: `From the chat: ${lead.need}` }),
    timeZone: zone,
    tags: [],
    flags: [],
    source: 'bot',
  };
}

async function sayable<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AppError && (err.status < 500 || err.code === 'UNAVAILABLE')) {
      throw new SayError(err.message);
    }
    throw err;
  }
}

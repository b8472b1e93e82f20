import type { AssistantContact, AssistantMeeting, AssistantPorts } from '../../bot/assistant-ports.js';
import { AppError, notFound } from '../_shared/errors.js';
import { getAvailability } from '../availability/availability.js';
import { bookingDeps } from '../booking/deps.js';
import { SlotTakenError } from '../booking/ledger.js';
import type { MeetingDoc } from '../booking/model.js';
import { bookMeeting, type ConfirmDeps, rescheduleMeeting } from '../confirm-meeting/confirm.js';
import { type ContactDoc, displayName } from '../contacts/model.js';
import { localDate } from '../leads/leads.js';
import { ownerZone, queryLeads } from '../leads/store.js';
import { bookingSetup, searchSlots } from '../suggest-slots/slots.js';

/**
 * The assistant's ports over the API's own use cases, for one signed-in owner: the contacts
 * search of the Contacts page, the slot search of the booking page, the organizer's booking of
 * POST /api/meetings, the move of POST /api/meetings/{id}/reschedule, and the leads query of the
 * pipeline (stage "contacted"). Every call names the owner the route took from the principal.
 */

const span = (s: { start: string; end: string }) => ({ start: s.start, end: s.end });
const PAGE = 50;

const toContact = (doc: ContactDoc): AssistantContact => ({
  id: doc.id,
  name: displayName(doc),
  ...(doc.email && { email: doc.email }),
  ...(doc.company && { company: doc.company }),
});

const toMeeting = (doc: MeetingDoc): AssistantMeeting => ({
  id: doc.id,
  // Said from the organizer's side: "Intro call with Jane Doe" (the stored title names both people).
  title: `${doc.meetingType.name} with ${doc.contact.name}`,
  start: doc.start,
  end: doc.end,
  contactId: doc.contactId,
  contactName: doc.contact.name,
});

const takenOf = (err: SlotTakenError) =>
  ((err.extra?.alternatives ?? []) as { start: string; end: string }[]).map(span);

export function assistantPorts(
  deps: () => ConfirmDeps = bookingDeps,
  now = () => new Date(),
): AssistantPorts {
  return {
    now,
    zoneOf: ownerZone,
    async findContacts(ownerId, query, limit) {
      const { docs } = await deps().contacts.list(ownerId, {
        search: query.slice(0, 200),
        sort: 'name',
        dir: 'asc',
        limit,
      });
      return docs.map(toContact);
    },
    async freeSlots(ownerId, search) {
      const d = deps();
      const { meetingTypes } = await getAvailability(ownerId, {}, { store: d.availability, now: d.now });
      // The type of the asked length (an active one first), else the one the booking page offers first.
      const sized = [...meetingTypes]
        .sort((a, b) => Number(b.active) - Number(a.active))
        .find((t) => t.durationMinutes === search.durationMinutes);
      const setup = await bookingSetup(ownerId, sized?.id, d);
      const found = await searchSlots(
        ownerId,
        setup,
        { from: search.from, to: search.to, suggestions: 3 },
        d,
      );
      return {
        slots: found.slots.map(span),
        meetingTypeId: setup.type.id,
        meetingType: setup.type.name,
        durationMinutes: setup.type.durationMinutes,
      };
    },
    async book(ownerId, booking) {
      const d = deps();
      const contact = await d.contacts.read(ownerId, booking.contactId);
      if (!contact) throw notFound('Contact');
      if (!contact.email) throw new AppError('VALIDATION', `${displayName(contact)} has no email address.`);
      try {
        const meeting = await bookMeeting(
          {
            ownerId,
            meetingTypeId: booking.meetingTypeId,
            start: booking.start,
            contact: {
              id: contact.id,
              name: displayName(contact),
              email: contact.email,
              timeZone: contact.timeZone,
            },
            source: 'organizer',
            by: 'organizer',
          },
          d,
        );
        return { booked: toMeeting(meeting) };
      } catch (err) {
        if (err instanceof SlotTakenError) return { taken: takenOf(err) };
        throw err;
      }
    },
    async meetings(ownerId, range) {
      const page = await deps().meetings.page(ownerId, 'upcoming', new Date(range.from), undefined, PAGE);
      return page.docs.filter((m) => m.status === 'booked' && m.start < range.to).map(toMeeting);
    },
    async moveSlots(ownerId, meetingId, range) {
      const d = deps();
      const meeting = await d.meetings.find(ownerId, meetingId);
      if (!meeting) throw notFound('That meeting');
      const setup = await bookingSetup(ownerId, meeting.meetingType.id, d);
      const found = await searchSlots(
        ownerId,
        setup,
        {
          from: range.from,
          to: range.to,
          contact: { timeZone: meeting.contactZone },
          ignore: { claimId: meeting.claimId, start: meeting.start, end: meeting.end },
        },
        d,
      );
      return found.slots.map(span);
    },
    async reschedule(ownerId, meetingId, start) {
      try {
        return { moved: toMeeting(await rescheduleMeeting(ownerId, meetingId, start, 'organizer', deps())) };
      } catch (err) {
        if (err instanceof SlotTakenError) return { taken: takenOf(err) };
        throw err;
      }
    },
    async notReplied(ownerId, limit) {
      const today = localDate(now(), await ownerZone(ownerId));
      const [page, total] = await Promise.all([
        queryLeads(ownerId, { stage: 'contacted', limit }, today),
        deps().contacts.count(ownerId, { status: 'contacted' }),
      ]);
      return { contacts: page.docs.map(toContact), total };
    },
  };
}

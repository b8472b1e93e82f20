import { AppError, notFound } from '../_shared/errors.js';
import { json, param, parseJson, parseQuery, withPublic, withUser } from '../_shared/http.js';
import { registerHttp } from '../_shared/registry.js';
import type { Slot } from '../_shared/scheduling/find-slots.js';
import { bookingDeps, hostOf } from '../booking/deps.js';
import { bookingPageUrl } from '../booking/links.js';
import { cosmosMeetingStore } from '../booking/meeting-store.js';
import {
  BookingLinkInput,
  type BookingPageDto,
  type OrganizerSlots,
  OrganizerSlotsQuery,
  type PublicSlots,
  PublicSlotsQuery,
} from '../booking/schema.js';
import { bookingToken, readBookingToken, readManageToken } from '../booking/tokens.js';
import { displayName } from '../contacts/model.js';
import { limitedToken } from './rate-limit.js';
import { bookingSetup, type SlotSearchInput, searchSlots, type TentativeSearch } from './slots.js';

const span = (s: Slot) => ({ start: s.start, end: s.end });
const publicSlots = (search: TentativeSearch): PublicSlots => ({
  tentative: search.unreadable.length > 0,
  organizerZone: search.organizerZone,
  durationMinutes: search.durationMinutes,
  slots: search.slots.map(span),
  suggestions: search.suggestions.map(span),
});

/** Free times as the public pages get them: UTC spans, ranked for the visitor's zone. */
async function publicSearch(
  ownerId: string,
  meetingTypeId: string,
  query: { from?: string | undefined; to?: string | undefined },
  zone: string | undefined,
  options: { activeOnly?: boolean; ignore?: SlotSearchInput['ignore'] },
): Promise<PublicSlots> {
  const deps = bookingDeps();
  const setup = await bookingSetup(ownerId, meetingTypeId, deps, { activeOnly: options.activeOnly });
  const search = await searchSlots(
    ownerId,
    setup,
    { from: query.from, to: query.to, contact: { timeZone: zone }, ignore: options.ignore },
    deps,
  );
  return publicSlots(search);
}

/** The organizer's free times for a meeting type, with both parties' local times (GET /api/slots). */
registerHttp('slots', {
  route: 'slots',
  methods: ['GET'],
  handler: withUser(async ({ req, user }) => {
    const query = parseQuery(OrganizerSlotsQuery, req);
    const deps = bookingDeps();
    const setup = await bookingSetup(user.userId, query.meetingType, deps);
    const contact = query.contactId ? await deps.contacts.read(user.userId, query.contactId) : undefined;
    if (query.contactId && !contact) throw notFound('Contact');
    const search = await searchSlots(
      user.userId,
      setup,
      {
        from: query.from,
        to: query.to,
        contact: { timeZone: contact?.timeZone, location: contact?.location },
      },
      deps,
    );
    const slot = (s: Slot) => ({ ...span(s), organizer: s.organizer, contact: s.contact });
    const body: OrganizerSlots = {
      unreadable: search.unreadable,
      organizerZone: search.organizerZone,
      contactZone: search.contactZone,
      durationMinutes: search.durationMinutes,
      meetingType: { id: setup.type.id, name: setup.type.name },
      slots: search.slots.map(slot),
      suggestions: search.suggestions.map(slot),
    };
    return json(200, body);
  }),
});

/** A contact's own booking link (signed, 30 days): "Copy booking link" on the contact page. */
registerHttp('booking-link', {
  route: 'contacts/{id}/booking-link',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const input = await parseJson(BookingLinkInput, req);
    const deps = bookingDeps();
    const contact = await deps.contacts.read(user.userId, param(req, 'id'));
    if (!contact) throw notFound('Contact');
    const setup = await bookingSetup(user.userId, input.meetingTypeId, deps);
    const { token, expiresAt } = bookingToken(
      {
        ownerId: user.userId,
        contactId: contact.id,
        meetingTypeId: setup.type.id,
        name: [contact.firstName, contact.lastName].filter(Boolean).join(' ') || displayName(contact),
        email: contact.email ?? '',
        timeZone: contact.timeZone,
      },
      new Date(),
    );
    return json(200, { url: bookingPageUrl(token), expiresAt });
  }),
});

/** What the public booking page shows before any time is picked. */
registerHttp('public-booking-page', {
  route: 'public/booking/{token}',
  methods: ['GET'],
  access: 'signed-token',
  handler: withPublic(async (req) => {
    const token = await limitedToken(req);
    const claim = readBookingToken(token, new Date());
    const deps = bookingDeps();
    const [{ rules, type }, host] = await Promise.all([
      bookingSetup(claim.o, claim.t, deps, { activeOnly: true }),
      hostOf(claim.o),
    ]);
    const body: BookingPageDto = {
      organizer: { name: host.name },
      meetingType: {
        id: type.id,
        name: type.name,
        durationMinutes: type.durationMinutes,
        description: type.description,
        location: type.location,
      },
      contact: { name: claim.n, email: claim.e, timeZone: claim.z ?? null },
      organizerZone: rules.timeZone,
      expiresAt: new Date(claim.exp * 1000).toISOString(),
    };
    return json(200, body);
  }),
});

/** Free times for a booking link, in UTC (the page shows them in the visitor's zone). */
registerHttp('public-booking-slots', {
  route: 'public/booking/{token}/slots',
  methods: ['GET'],
  access: 'signed-token',
  handler: withPublic(async (req) => {
    const token = await limitedToken(req);
    const claim = readBookingToken(token, new Date());
    const query = parseQuery(PublicSlotsQuery, req);
    return json(
      200,
      await publicSearch(claim.o, claim.t, query, query.timeZone ?? claim.z, { activeOnly: true }),
    );
  }),
});

/** Free times to move a booked meeting to, from its manage link (its own time is not in the way). */
registerHttp('public-meeting-slots', {
  route: 'public/meetings/{token}/slots',
  methods: ['GET'],
  access: 'signed-token',
  handler: withPublic(async (req) => {
    const token = await limitedToken(req);
    const claim = readManageToken(token, new Date());
    const query = parseQuery(PublicSlotsQuery, req);
    const meeting = await cosmosMeetingStore.find(claim.o, claim.m);
    if (!meeting) throw notFound('That meeting');
    if (meeting.status !== 'booked') throw new AppError('CONFLICT', 'This meeting was cancelled.');
    return json(
      200,
      await publicSearch(claim.o, meeting.meetingType.id, query, query.timeZone ?? meeting.contactZone, {
        ignore: { claimId: meeting.claimId, start: meeting.start, end: meeting.end },
      }),
    );
  }),
});

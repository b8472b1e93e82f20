import type { HttpRequest } from '@azure/functions';
import { AppError, notFound } from '../_shared/errors.js';
import { json, param, parseJson, withPublic, withUser } from '../_shared/http.js';
import { registerHttp, registerTimer } from '../_shared/registry.js';
import { bookingDeps } from '../booking/deps.js';
import { meetingIcs } from '../booking/ics.js';
import { sweepExpiredHolds } from '../booking/ledger.js';
import { manageUrl, toPublicMeeting } from '../booking/links.js';
import { toMeetingDto } from '../booking/model.js';
import {
  CancelInput,
  OrganizerBookingInput,
  PublicBookingInput,
  RescheduleInput,
} from '../booking/schema.js';
import { readBookingToken, readManageToken } from '../booking/tokens.js';
import { displayName } from '../contacts/model.js';
import { limitedToken } from '../suggest-slots/rate-limit.js';
import {
  bookMeeting,
  cancelMeeting,
  confirmRequestedMeeting,
  markNoShow,
  rescheduleMeeting,
} from './confirm.js';

/** The contact books from their link: POST /api/public/booking/{token}. */
registerHttp('public-booking-confirm', {
  route: 'public/booking/{token}',
  methods: ['POST'],
  access: 'signed-token',
  handler: withPublic(async (req) => {
    const token = await limitedToken(req);
    const claim = readBookingToken(token, new Date());
    const input = await parseJson(PublicBookingInput, req);
    const meeting = await bookMeeting(
      {
        ownerId: claim.o,
        meetingTypeId: claim.t,
        start: input.start,
        contact: { id: claim.c, name: input.name, email: input.email, timeZone: input.timeZone },
        source: 'booking-page',
        by: 'contact',
        note: input.note,
        activeOnly: true,
      },
      bookingDeps(),
    );
    return json(201, { meeting: toPublicMeeting(meeting) });
  }),
});

/** The organizer books for a contact: POST /api/meetings. */
registerHttp('meetings-create', {
  route: 'meetings',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const input = await parseJson(OrganizerBookingInput, req);
    const deps = bookingDeps();
    const contact = await deps.contacts.read(user.userId, input.contactId);
    if (!contact) throw notFound('Contact');
    if (!contact.email) {
      throw new AppError(
        'VALIDATION',
        `${displayName(contact)} has no email address to send the invitation to.`,
        [{ path: 'contactId', message: 'the contact needs an email address' }],
      );
    }
    const meeting = await bookMeeting(
      {
        ownerId: user.userId,
        meetingTypeId: input.meetingTypeId,
        start: input.start,
        contact: {
          id: contact.id,
          name: displayName(contact),
          email: contact.email,
          timeZone: contact.timeZone,
        },
        source: 'organizer',
        by: 'organizer',
      },
      deps,
    );
    return json(201, toMeetingDto(meeting));
  }),
});

/** The organizer cancels (or declines), moves, confirms a request or marks a no-show: POST /api/meetings/{id}/{action}. */
registerHttp('meetings-action', {
  route: 'meetings/{id}/{action}',
  methods: ['POST'],
  handler: withUser(async ({ req, user }) => {
    const id = param(req, 'id');
    const deps = bookingDeps();
    const action = param(req, 'action');
    if (action === 'cancel') {
      const { reason } = await parseJson(CancelInput, req);
      return json(200, toMeetingDto(await cancelMeeting(user.userId, id, reason, 'organizer', deps)));
    }
    if (action === 'reschedule') {
      const { start } = await parseJson(RescheduleInput, req);
      return json(200, toMeetingDto(await rescheduleMeeting(user.userId, id, start, 'organizer', deps)));
    }
    if (action === 'no-show') return json(200, toMeetingDto(await markNoShow(user.userId, id, deps)));
    if (action === 'confirm')
      return json(200, toMeetingDto(await confirmRequestedMeeting(user.userId, id, deps)));
    throw notFound('That action');
  }),
});

async function meetingOfLink(req: HttpRequest) {
  const token = await limitedToken(req);
  const claim = readManageToken(token, new Date());
  const meeting = await bookingDeps().meetings.find(claim.o, claim.m);
  if (!meeting) throw notFound('That meeting');
  return meeting;
}

/** The attendee's manage page: the meeting from the signed link in their emails. */
registerHttp('public-meeting', {
  route: 'public/meetings/{token}',
  methods: ['GET'],
  access: 'signed-token',
  handler: withPublic(async (req) => json(200, toPublicMeeting(await meetingOfLink(req)))),
});

/** The invitation as a file ("Add to calendar"). */
registerHttp('public-meeting-ics', {
  route: 'public/meetings/{token}/ics',
  methods: ['GET'],
  access: 'signed-token',
  handler: withPublic(async (req) => {
    const meeting = await meetingOfLink(req);
    return {
      status: 200,
      body: meetingIcs(meeting, 'PUBLISH', { manageUrl: manageUrl(meeting) }),
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'attachment; filename="meeting.ics"',
        'cache-control': 'no-store',
      },
    };
  }),
});

/** The attendee cancels or moves the meeting from their link (a POST: a GET never changes anything). */
registerHttp('public-meeting-action', {
  route: 'public/meetings/{token}/{action}',
  methods: ['POST'],
  access: 'signed-token',
  handler: withPublic(async (req) => {
    const meeting = await meetingOfLink(req);
    const deps = bookingDeps();
    const action = param(req, 'action');
    if (action === 'cancel') {
      const { reason } = await parseJson(CancelInput, req);
      return json(
        200,
        toPublicMeeting(await cancelMeeting(meeting.ownerId, meeting.id, reason, 'contact', deps)),
      );
    }
    if (action === 'reschedule') {
      const { start } = await parseJson(RescheduleInput, req);
      return json(
        200,
        toPublicMeeting(await rescheduleMeeting(meeting.ownerId, meeting.id, start, 'contact', deps)),
      );
    }
    throw notFound('That action');
  }),
});

/** Every minute: claims whose request died give their time back (or stand, if the meeting was written). */
registerTimer('booking-claims-sweep', {
  schedule: '0 * * * * *',
  handler: async (_timer, ctx) => {
    const deps = bookingDeps();
    const settled = await sweepExpiredHolds(
      { store: deps.ledger, bookedMeetings: (ownerId, ids) => deps.meetings.booked(ownerId, ids) },
      new Date(),
    );
    if (settled) ctx.log(`Settled expired booking claims on ${settled} day(s)`);
  },
});

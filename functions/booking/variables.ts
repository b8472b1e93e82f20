import { DateTime } from 'luxon';
import { AppError } from '../_shared/errors.js';
import { zoneCity } from '../_shared/scheduling/zone-clock.js';
import { escapeHtml } from '../_shared/text/html.js';
import type { ContactFields } from '../contacts/schema.js';
import { type BookingSetup, bookingSetup, type SlotsDeps, searchSlots } from '../suggest-slots/slots.js';
import { type RenderContext, registerVariable } from '../templates/variables.js';
import { bookingPageUrl } from './links.js';
import { bookingToken } from './tokens.js';

/**
 * {{bookingLink}} and {{suggestedTimes}} for outreach emails, computed when each email is rendered:
 * a contact's own signed booking link, and the three best free times for them in their zone with
 * the organizer's beside it, each a link that opens the booking page with that time chosen (a GET
 * never books — mail scanners open every link — the contact still presses Confirm).
 *
 * The sending capability puts `booking` in the render extras (bookingExtras); without it (a
 * preview of the sample contact) the variables show their examples.
 */

export interface BookingExtras {
  ownerId: string;
  contactId: string;
  now: Date;
  /** The owner's default meeting type and rules, read once per batch of emails. */
  setup(): Promise<BookingSetup>;
  deps: SlotsDeps;
}

/** Render extras for one batch of one owner's emails; the setup is read once for all of them. */
export function bookingExtrasFor(
  ownerId: string,
  deps: SlotsDeps,
): (contactId: string) => { booking: BookingExtras } {
  let setup: Promise<BookingSetup> | undefined;
  const now = deps.now();
  const shared = () => {
    setup ??= bookingSetup(ownerId, undefined, deps, { activeOnly: true });
    return setup;
  };
  return (contactId) => ({ booking: { ownerId, contactId, now, setup: shared, deps } });
}

const extrasOf = (ctx: RenderContext): BookingExtras | undefined =>
  ctx.extras.booking as BookingExtras | undefined;

const nameOf = (contact: ContactFields) =>
  [contact.firstName, contact.lastName].filter(Boolean).join(' ') || contact.email || '';

async function linkFor(ctx: RenderContext, booking: BookingExtras): Promise<string> {
  const setup = await booking.setup();
  const { token } = bookingToken(
    {
      ownerId: booking.ownerId,
      contactId: booking.contactId,
      meetingTypeId: setup.type.id,
      name: nameOf(ctx.contact),
      email: ctx.contact.email ?? '',
      timeZone: ctx.contact.timeZone,
    },
    booking.now,
  );
  return bookingPageUrl(token);
}

const SAMPLE_LINK = 'https://app.momentum-meet.com/book/…';

registerVariable({
  name: 'bookingLink',
  label: 'Booking link',
  description: "The contact's own link to book a time with you (valid 30 days).",
  example: SAMPLE_LINK,
  resolve: async (ctx) => {
    const booking = extrasOf(ctx);
    return booking ? orMissing(() => linkFor(ctx, booking)) : SAMPLE_LINK;
  },
});

const SAMPLE_TIMES =
  '<ul><li><a href="#">Tue 10 Mar, 14:00 (Lisbon) · 10:00 New York</a></li><li><a href="#">Wed 11 Mar, 10:30 (Lisbon) · 06:30 New York</a></li><li><a href="#">Thu 12 Mar, 15:00 (Lisbon) · 11:00 New York</a></li></ul>';

registerVariable({
  name: 'suggestedTimes',
  label: 'Suggested times',
  description:
    'Three good free times for the contact, in their time zone with yours beside it — each a link to your booking page with that time chosen.',
  example: SAMPLE_TIMES,
  html: true,
  resolve: async (ctx) => {
    const booking = extrasOf(ctx);
    if (!booking) {
      return SAMPLE_TIMES;
    }
    return orMissing(() => suggestedTimes(ctx, booking));
  },
});

/**
 * A booking variable the owner's setup cannot fill (no meeting type offered, a calendar that
 * cannot be read) is missing, so the template's fallback is used and the email still goes.
 */
async function orMissing(value: () => Promise<string | undefined>): Promise<string | undefined> {
  try {
    return await value();
  } catch (err) {
    if (err instanceof AppError) return undefined;
    throw err;
  }
}

async function suggestedTimes(ctx: RenderContext, booking: BookingExtras): Promise<string | undefined> {
  const setup = await booking.setup();
  const search = await searchSlots(
    booking.ownerId,
    setup,
    { contact: { timeZone: ctx.contact.timeZone, location: ctx.contact.location } },
    { ...booking.deps, now: () => booking.now },
  );
  if (!search.suggestions.length) return undefined;
  const link = await linkFor(ctx, booking);
  const items = search.suggestions.map((slot) => {
    const theirs = DateTime.fromISO(slot.start, { zone: search.contactZone });
    const mine = DateTime.fromISO(slot.start, { zone: search.organizerZone });
    const label =
      search.contactZone === search.organizerZone
        ? `${theirs.toFormat('ccc d LLL, HH:mm')} (${zoneCity(search.contactZone)})`
        : `${theirs.toFormat('ccc d LLL, HH:mm')} (${zoneCity(search.contactZone)}) · ${mine.toFormat('HH:mm')} ${zoneCity(search.organizerZone)}`;
    const url = `${link}?slot=${encodeURIComponent(slot.start)}`;
    return `<li><a href="${escapeHtml(url)}">${escapeHtml(label)}</a></li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

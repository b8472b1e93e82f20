import { AppError } from '../_shared/errors.js';
import { signToken, verifyToken } from '../_shared/signed-token.js';

/**
 * The public links of booking, signed (HMAC, rotatable keys — _shared/signed-token.ts) so no
 * lookup table is needed: the link carries what it grants.
 */

/** A booking link: this contact may book this meeting type with this owner until `exp`. */
export interface BookingClaim extends Record<string, unknown> {
  k: 'book';
  o: string;
  /** Contact id. */
  c: string;
  /** Meeting type id. */
  t: string;
  /** Name and email prefilled on the page. */
  n: string;
  e: string;
  /** The contact's zone when known. */
  z?: string;
  exp: number;
}

/** A manage link (in the confirmation emails): view, reschedule or cancel this meeting. */
export interface ManageClaim extends Record<string, unknown> {
  k: 'meet';
  o: string;
  m: string;
  exp: number;
}

export const BOOKING_LINK_DAYS = 30;
/** A manage link works until a month after the meeting. */
const MANAGE_AFTER_MS = 30 * 86_400_000;

export function bookingToken(
  claim: {
    ownerId: string;
    contactId: string;
    meetingTypeId: string;
    name: string;
    email: string;
    timeZone?: string | undefined;
  },
  now: Date,
): { token: string; expiresAt: string } {
  const exp = Math.floor(now.getTime() / 1000) + BOOKING_LINK_DAYS * 86_400;
  const payload: BookingClaim = {
    k: 'book',
    o: claim.ownerId,
    c: claim.contactId,
    t: claim.meetingTypeId,
    n: claim.name,
    e: claim.email,
    ...(claim.timeZone && { z: claim.timeZone }),
    exp,
  };
  return { token: signToken(payload), expiresAt: new Date(exp * 1000).toISOString() };
}

const str = (v: unknown) => typeof v === 'string';

export function readBookingToken(token: string, now: Date): BookingClaim {
  const claim = verifyToken<BookingClaim>(token, now);
  if (
    claim.k !== 'book' ||
    !str(claim.o) ||
    !str(claim.c) ||
    !str(claim.t) ||
    !str(claim.n) ||
    !str(claim.e)
  ) {
    throw new AppError('UNAUTHENTICATED', 'This link is not a booking link.');
  }
  return claim;
}

export function manageToken(ownerId: string, meetingId: string, meetingEnd: string): string {
  const payload: ManageClaim = {
    k: 'meet',
    o: ownerId,
    m: meetingId,
    exp: Math.floor((Date.parse(meetingEnd) + MANAGE_AFTER_MS) / 1000),
  };
  return signToken(payload);
}

export function readManageToken(token: string, now: Date): ManageClaim {
  const claim = verifyToken<ManageClaim>(token, now);
  if (claim.k !== 'meet' || !str(claim.o) || !str(claim.m)) {
    throw new AppError('UNAUTHENTICATED', 'This link is not a meeting link.');
  }
  return claim;
}

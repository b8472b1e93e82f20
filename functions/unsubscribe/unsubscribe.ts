import { AppError } from '../_shared/errors.js';
import { signToken, verifyToken } from '../_shared/signed-token.js';
import { type SuppressionStore, suppress } from '../suppressions/suppressions.js';

/** What an unsubscribe link grants: this address stops getting this owner's mail. */
interface UnsubscribeClaim extends Record<string, unknown> {
  k: 'unsub';
  o: string;
  e: string;
  m?: string;
}

/** The link put in every outreach email (never expires: people unsubscribe from old mail too). */
export function unsubscribeToken(ownerId: string, email: string, messageId?: string): string {
  return signToken({ k: 'unsub', o: ownerId, e: email, ...(messageId && { m: messageId }) });
}

export function readUnsubscribeToken(token: string, now: Date): UnsubscribeClaim {
  const claim = verifyToken<UnsubscribeClaim>(token, now);
  // A valid token for something else (a booking link) is not an unsubscribe link.
  if (claim.k !== 'unsub' || typeof claim.o !== 'string' || typeof claim.e !== 'string') {
    throw new AppError('UNAUTHENTICATED', 'This link is not an unsubscribe link.');
  }
  return claim;
}

/** Unsubscribes the address the token names; doing it twice is the same as once. */
export async function unsubscribe(token: string, store: SuppressionStore, now: Date) {
  const claim = readUnsubscribeToken(token, now);
  await suppress(store, claim.o, { email: claim.e, reason: 'unsubscribed', source: 'unsubscribe link' }, now);
  return claim;
}

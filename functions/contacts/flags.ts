import { isInternationalNumber } from '../_shared/reference/calling-codes.js';
import type { ContactFields, ContactFlag } from './schema.js';

/**
 * The markers a contact's data earns: no email to write to, or a phone number we could not put in
 * international form (kept as typed, so it may lack its country code). Recomputed on every write.
 */
export function contactFlags(contact: Pick<ContactFields, 'email' | 'phone'>): ContactFlag[] {
  const flags: ContactFlag[] = [];
  if (!contact.email) flags.push('no-email');
  if (contact.phone && !isInternationalNumber(contact.phone)) flags.push('phone-unverified');
  return flags;
}

import { hash } from 'node:crypto';
import { fold } from '../_shared/text/fold.js';
import type { ContactFields } from '../contacts/schema.js';
import { normaliseLinkedIn } from './fields/linkedin.js';

type KeyFields = Pick<ContactFields, 'email' | 'linkedinUrl' | 'firstName' | 'lastName' | 'company'>;

// "Acme", "ACME Inc." and "Acme, Inc" are one employer when matching people by name.
const LEGAL_SUFFIX =
  /\s+(inc|llc|ltd|limited|gmbh|ag|sa|sas|sarl|srl|spa|bv|nv|plc|corp|corporation|co|kg|ab|as|oy)$/;

/**
 * Who a contact is, for de-duplication: its email, else its LinkedIn profile, else name + company.
 * Null when none is present (such a row is rejected). Stable across spellings of the same value.
 */
export function contactKey(contact: KeyFields): string | null {
  const email = contact.email?.trim().toLowerCase();
  if (email) return `e:${email}`;
  const linkedin = contact.linkedinUrl ? normaliseLinkedIn(contact.linkedinUrl) : null;
  if (linkedin) return `l:${linkedin.key}`;
  const name = fold(`${contact.firstName ?? ''} ${contact.lastName ?? ''}`);
  if (!name) return null;
  return `n:${name}|${fold(contact.company).replace(LEGAL_SUFFIX, '')}`;
}

/** The Cosmos id for a key: sha256, base64url (never / \ ? #), 32 characters = 192 bits. */
export const contactIdFor = (key: string): string => hash('sha256', key, 'base64url').slice(0, 32);

import { hash } from 'node:crypto';
import { fold } from '../_shared/text/fold.js';
import { normaliseLinkedIn } from './fields/linkedin.js';
import type { ContactFields } from './schema.js';

type IdentityFields = Pick<
  ContactFields,
  'email' | 'linkedinUrl' | 'firstName' | 'lastName' | 'company' | 'phone'
>;

// "Acme", "ACME Inc." and "Acme, Inc" are one employer when matching people by name.
const LEGAL_SUFFIX =
  /\s+(inc|llc|ltd|limited|gmbh|ag|sa|sas|sarl|srl|spa|bv|nv|plc|corp|corporation|co|kg|ab|as|oy)$/;

const emailKey = (c: IdentityFields): string | null => {
  const email = c.email?.trim().toLowerCase();
  return email ? `e:${email}` : null;
};
const linkedinKey = (c: IdentityFields): string | null => {
  const profile = c.linkedinUrl ? normaliseLinkedIn(c.linkedinUrl) : null;
  return profile ? `l:${profile.key}` : null;
};
const nameKey = (c: IdentityFields): string | null => {
  const name = fold(`${c.firstName ?? ''} ${c.lastName ?? ''}`);
  return name ? `n:${name}|${fold(c.company).replace(LEGAL_SUFFIX, '')}` : null;
};
/** Only numbers normalised to E.164 identify anyone; a number kept as typed does not. */
const phoneKey = (c: IdentityFields): string | null =>
  c.phone && /^\+\d{8,15}$/.test(c.phone) ? `p:${c.phone}` : null;

/**
 * Who a contact is, for its id: its email, else its LinkedIn profile, else name + company. Null
 * when none is present (such a row is rejected). Stable across spellings of the same value. A
 * phone never names a contact — one switchboard number is shared by a whole company.
 */
export function contactKey(contact: IdentityFields): string | null {
  return emailKey(contact) ?? linkedinKey(contact) ?? nameKey(contact);
}

/**
 * Every identity the contact can be found by, strongest first: email, LinkedIn profile, name +
 * company, E.164 phone. A contact stored under one of them is found by any other.
 */
export function identityKeys(contact: IdentityFields): string[] {
  return [emailKey(contact), linkedinKey(contact), nameKey(contact), phoneKey(contact)].filter(
    (k): k is string => k !== null,
  );
}

/** The Cosmos id for a key: sha256, base64url (never / \ ? #), 32 characters = 192 bits. */
export const contactIdFor = (key: string): string => hash('sha256', key, 'base64url').slice(0, 32);

/** The hashed identities a record is looked up by (a row, a booking, a bot lead): all of them. */
export const identityIds = (contact: IdentityFields): string[] => identityKeys(contact).map(contactIdFor);

/**
 * The hashed identities stored on a contact, which the store finds it by. A contact with an email
 * is found by its email and LinkedIn profile only: its name + company and its phone are shared with
 * colleagues and namesakes (a lookup by one returned hundreds of contacts that could never match),
 * and nobody with another email is them anyway. A contact without an email — a LinkedIn export's —
 * is found by every identity, so the row that brings its email finds it by name + company.
 */
export const storedIdentityIds = (contact: IdentityFields): string[] =>
  (contact.email ? [emailKey(contact), linkedinKey(contact)] : identityKeys(contact))
    .filter((k): k is string => k !== null)
    .map(contactIdFor);

/**
 * Two records that share an identity are one person unless they disagree on a stronger one: two
 * different emails, or two different LinkedIn profiles, are two people. When all they share is a
 * phone number (a switchboard), different names are two people too.
 */
export function sameContact(a: IdentityFields, b: IdentityFields): boolean {
  const ka = identityKeys(a);
  const kb = identityKeys(b);
  const shared = ka.filter((k) => kb.includes(k));
  if (shared.length === 0) return false;
  const differ = (key: (c: IdentityFields) => string | null) => {
    const x = key(a);
    const y = key(b);
    return x !== null && y !== null && x !== y;
  };
  if (differ(emailKey) || differ(linkedinKey)) return false;
  if (shared.every((k) => k.startsWith('p:')) && differ(nameKey)) return false;
  return true;
}

/** Which identity two records share first, by strength (lower is stronger); Infinity when none. */
export function matchStrength(a: IdentityFields, b: IdentityFields): number {
  const kb = new Set(identityKeys(b));
  const order = ['e:', 'l:', 'n:', 'p:'];
  const shared = identityKeys(a).filter((k) => kb.has(k));
  return shared.length
    ? Math.min(...shared.map((k) => order.indexOf(k.slice(0, 2))))
    : Number.POSITIVE_INFINITY;
}

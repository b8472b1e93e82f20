import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { knownCallingCode } from '../../_shared/reference/calling-codes.js';
import { countryCode, countryOfEmail, isCountryCode } from '../../_shared/reference/countries.js';
import { placeOf } from '../../_shared/reference/places.js';
import type { ContactFields } from '../schema.js';

/** Only "+", digits and the separators people type; "(0)" trunk prefixes go the slow way. */
const INTERNATIONAL = /^\+[\d\s().\-/]+$/;

/**
 * E.164 ("+4915112345678") when the number parses, with the country from the row or the import's
 * default. A number that does not parse is kept as typed: it is still useful to a person reading
 * the contact, and rejecting the whole row over a phone format would lose the contact.
 */
export function normalisePhone(raw: string, country: CountryCode | undefined): string {
  const text = raw.trim();
  // Already international: E.164 is the digits (libphonenumber costs ~3 µs a number; this ~0.2 µs).
  if (INTERNATIONAL.test(text) && !text.includes('(0)')) {
    const digits = text.replace(/\D/g, '');
    if (digits.length >= 8 && digits.length <= 15 && knownCallingCode(digits)) return `+${digits}`;
  }
  const key = `${country ?? ''} ${text}`; // text is trimmed: '' + ' ' never collides with a code
  let normalised = cache.get(key);
  if (normalised === undefined) {
    normalised = parse(text, country);
    if (cache.size === CACHE_SIZE) cache.clear();
    cache.set(key, normalised);
  }
  return normalised;
}

// Lists repeat numbers (one switchboard for everyone at a company, a team's shared line), and a
// national number costs libphonenumber 8–27 µs against ~0.1 µs for a lookup. Cleared when full,
// so memory stays bounded and a long list of unique numbers pays one lookup each, nothing more.
const CACHE_SIZE = 10_000;
const cache = new Map<string, string>();

function parse(text: string, country: CountryCode | undefined): string {
  const parsed = parsePhoneNumberFromString(text, country);
  if (parsed?.isValid()) return parsed.ext ? `${parsed.number};ext=${parsed.ext}` : parsed.number;
  return text.replace(/\s+/g, ' ');
}

/**
 * The country a national-format number ("030 1234567") is dialled in: the contact's country, else
 * the place its location or city names (the scheduling engine's table), else the email's
 * country-code domain, else the fallback (an import's default).
 */
export function phoneCountry(
  contact: Pick<ContactFields, 'country' | 'location' | 'city' | 'email'>,
  fallback: string | undefined,
): CountryCode | undefined {
  const fromContact =
    countryCode(contact.country) ??
    countryCode(contact.location) ??
    (contact.location ? placeOf(contact.location)?.country : undefined) ??
    (contact.city ? (placeOf(contact.city)?.country ?? countryCode(contact.city)) : undefined) ??
    countryOfEmail(contact.email);
  if (fromContact) return fromContact;
  const code = fallback?.toUpperCase();
  return code && isCountryCode(code) ? code : undefined;
}

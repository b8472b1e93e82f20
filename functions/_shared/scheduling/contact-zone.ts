import { placeOf } from '../reference/places.js';
import { isValidZone } from './zone-clock.js';

/**
 * The IANA zone a free-text location points to ("Greater Seattle Area", "Berlin, Germany",
 * "Cambridge, MA"), or undefined when it names no known place or only a country that spans
 * several zones (United States, Canada, Australia).
 */
export const inferTimeZone = (location: string): string | undefined => placeOf(location)?.zone;

export type ContactZoneSource = 'explicit' | 'location' | 'organizer';

export interface ContactZoneInput {
  timeZone?: string | undefined;
  location?: string | undefined;
}

/** The contact's zone: as given if valid, else from their location, else the organizer's. */
export function resolveContactZone(
  contact: ContactZoneInput,
  organizerZone: string,
): { zone: string; source: ContactZoneSource } {
  if (contact.timeZone && isValidZone(contact.timeZone))
    return { zone: contact.timeZone, source: 'explicit' };
  const inferred = contact.location ? inferTimeZone(contact.location) : undefined;
  if (inferred) return { zone: inferred, source: 'location' };
  return { zone: organizerZone, source: 'organizer' };
}

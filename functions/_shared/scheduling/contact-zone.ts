import { isValidZone } from './zone-clock.js';
import { CITIES, COUNTRIES, REGIONS, STATE_CODES } from './zone-table.js';

interface Entry {
  key: string;
  zone: string;
}

function compile(table: string, separator: RegExp): Entry[] {
  const entries: Entry[] = [];
  for (const line of table.trim().split('\n')) {
    const [zone, names] = line.split(': ') as [string, string];
    for (const key of names.split(separator)) entries.push({ key: key.trim(), zone });
  }
  // Longest first, so "washington dc" wins over "washington" and "new york state" over "york".
  return entries.sort((a, b) => b.key.length - a.key.length);
}

const regions = compile(REGIONS, /,/);
const cities = compile(CITIES, /,/);
const countries = compile(COUNTRIES, /,/);
const stateCodes = new Map(compile(STATE_CODES, / /).map((e) => [e.key, e.zone]));

function normalise(text: string): string {
  const plain = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ');
  return ` ${plain.trim()} `;
}

function find(entries: Entry[], text: string): string | undefined {
  return entries.find((e) => text.includes(` ${e.key} `))?.zone;
}

/**
 * The IANA zone a free-text location points to ("Greater Seattle Area", "Berlin, Germany",
 * "Cambridge, MA"), or undefined when it names no known place or only a country that spans
 * several zones (United States, Canada, Australia).
 */
export function inferTimeZone(location: string): string | undefined {
  const text = normalise(location);
  const code = /,\s*([A-Z]{2})\s*(?:[,(]|$)/.exec(location.trim())?.[1];
  return (
    find(regions, text) ??
    (code ? stateCodes.get(code) : undefined) ??
    find(cities, text) ??
    find(countries, text)
  );
}

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

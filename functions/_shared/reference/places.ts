import type { CountryCode } from 'libphonenumber-js';
import { foldAccents } from '../text/fold.js';
import { CITIES, COUNTRIES, REGIONS, STATE_CODES } from './place-table.js';

/** Where a place is: its IANA zone and ISO country. */
export interface Place {
  zone: string;
  country: CountryCode;
}

interface Entry extends Place {
  key: string;
}

function compile(table: string, separator: RegExp): Entry[] {
  const entries: Entry[] = [];
  for (const line of table.trim().split('\n')) {
    const [head, names] = line.split(': ') as [string, string];
    const [zone, country] = head.split(' ') as [string, CountryCode];
    for (const key of names.split(separator)) entries.push({ key: key.trim(), zone, country });
  }
  // Longest first, so "washington dc" wins over "washington" and "new york state" over "york".
  return entries.sort((a, b) => b.key.length - a.key.length);
}

const regions = compile(REGIONS, /,/);
const cities = compile(CITIES, /,/);
const countries = compile(COUNTRIES, /,/);
const stateCodes = new Map(compile(STATE_CODES, / /).map((e) => [e.key, e]));

/** The table's country names with their ISO codes, for readers of country columns. */
export const COUNTRY_NAMES: ReadonlyArray<readonly [string, CountryCode]> = countries.map((e) => [
  e.key,
  e.country,
]);

// Whole words only, in ASCII: the table's names are ASCII, and " york " must not match "yorkshire".
const normalise = (text: string): string =>
  ` ${foldAccents(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

const find = (entries: Entry[], text: string): Entry | undefined =>
  entries.find((e) => text.includes(` ${e.key} `));

function lookUp(location: string): Place | undefined {
  const text = normalise(location);
  const code = /,\s*([A-Z]{2})\s*(?:[,(]|$)/.exec(location.trim())?.[1];
  const entry =
    find(regions, text) ??
    (code ? stateCodes.get(code) : undefined) ??
    find(cities, text) ??
    find(countries, text);
  return entry && { zone: entry.zone, country: entry.country };
}

// Imports repeat the same few cities on every row, and a lookup scans a few hundred names.
const cache = new Map<string, Place | null>();

/**
 * The place a free-text location names ("Greater Seattle Area", "Berlin, Germany", "Cambridge, MA"):
 * a state or province first, then a US state code after a comma, a city, a country. Undefined when
 * it names no known place or only a country that spans several zones (United States, Canada, Australia).
 */
export function placeOf(location: string): Place | undefined {
  let place = cache.get(location);
  if (place === undefined) {
    place = lookUp(location) ?? null;
    if (cache.size < 10_000) cache.set(location, place);
  }
  return place ?? undefined;
}

import { type CountryCode, getCountries } from 'libphonenumber-js';
import { fold } from '../text/fold.js';
import { COUNTRY_NAMES } from './places.js';

const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'sv', 'pl'];

// Spellings neither the place table nor Intl gives: ISO alpha-3 codes seen in CRM exports,
// abbreviations, and the nations of the United Kingdom (regions, in the place table).
const ALIASES: Record<string, CountryCode> = {
  usa: 'US',
  'u s': 'US',
  'u s a': 'US',
  america: 'US',
  'united states of america': 'US',
  'u k': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  gbr: 'GB',
  deu: 'DE',
  fra: 'FR',
  esp: 'ES',
  ita: 'IT',
  nld: 'NL',
  bel: 'BE',
  che: 'CH',
  aut: 'AT',
  can: 'CA',
  aus: 'AU',
  ind: 'IN',
  irl: 'IE',
  swe: 'SE',
  nor: 'NO',
  dnk: 'DK',
  fin: 'FI',
  pol: 'PL',
  prt: 'PT',
  bra: 'BR',
  mex: 'MX',
  jpn: 'JP',
  chn: 'CN',
  sgp: 'SG',
  isr: 'IL',
  zaf: 'ZA',
  nzl: 'NZ',
  are: 'AE',
  'ivory coast': 'CI',
  'viet nam': 'VN',
};

let names: Map<string, CountryCode> | undefined;

function countryNames(): Map<string, CountryCode> {
  if (names) return names;
  names = new Map(Object.entries(ALIASES) as [string, CountryCode][]);
  for (const [name, code] of COUNTRY_NAMES) if (!names.has(name)) names.set(name, code);
  for (const language of LANGUAGES) {
    const display = new Intl.DisplayNames([language], { type: 'region' });
    for (const code of getCountries()) {
      const name = display.of(code);
      if (name && name !== code && !names.has(fold(name))) names.set(fold(name), code);
    }
  }
  for (const code of getCountries()) if (!names.has(code.toLowerCase())) names.set(code.toLowerCase(), code);
  return names;
}

// Exports repeat the same few countries on every row: remember each answer.
const cache = new Map<string, CountryCode | null>();

/** ISO code of "Germany", "Deutschland", "DE", "DEU", or of a location ending in one ("Berlin, Germany"). */
export function countryCode(text: string | undefined): CountryCode | undefined {
  if (!text) return undefined;
  let code = cache.get(text);
  if (code === undefined) {
    const all = countryNames();
    const last = text.slice(text.lastIndexOf(',') + 1);
    code = all.get(fold(text)) ?? all.get(fold(last)) ?? null;
    if (cache.size < 10_000) cache.set(text, code);
  }
  return code ?? undefined;
}

export const isCountryCode = (code: string): code is CountryCode =>
  (getCountries() as string[]).includes(code);

// Country-code domains that are sold as generic names (.io for tech, .co for companies, .tv, .ai,
// .me …): a domain there says nothing about where a person is.
const GENERIC_CCTLDS = new Set([
  'ac',
  'ai',
  'am',
  'cc',
  'co',
  'fm',
  'gg',
  'io',
  'la',
  'ly',
  'me',
  'nu',
  'sh',
  'so',
  'to',
  'tv',
  'vc',
  'ws',
]);

/** The country of an email's country-code domain ("anna@firma.se" → SE, ".co.uk" → GB); not .com/.io/.co. */
export function countryOfEmail(email: string | undefined): CountryCode | undefined {
  if (!email?.includes('@')) return undefined;
  const tld = email.slice(email.lastIndexOf('.') + 1).toLowerCase();
  if (tld.length !== 2 || GENERIC_CCTLDS.has(tld)) return undefined;
  const code = tld === 'uk' ? 'GB' : tld.toUpperCase();
  return isCountryCode(code) ? code : undefined;
}

import { type CountryCode, getCountries } from 'libphonenumber-js';

const LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'sv', 'pl'];

// Names Intl does not give: ISO alpha-3 codes seen in CRM exports and everyday aliases.
const ALIASES: Record<string, CountryCode> = {
  usa: 'US',
  'u s': 'US',
  'u s a': 'US',
  america: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'u k': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  'northern ireland': 'GB',
  britain: 'GB',
  'great britain': 'GB',
  gbr: 'GB',
  holland: 'NL',
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
  uae: 'AE',
  'south korea': 'KR',
  korea: 'KR',
  russia: 'RU',
  'czech republic': 'CZ',
  turkey: 'TR',
  turkiye: 'TR',
  'ivory coast': 'CI',
  'viet nam': 'VN',
};

const normalise = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

let names: Map<string, CountryCode> | undefined;

function countryNames(): Map<string, CountryCode> {
  if (names) return names;
  names = new Map(Object.entries(ALIASES) as [string, CountryCode][]);
  for (const language of LANGUAGES) {
    const display = new Intl.DisplayNames([language], { type: 'region' });
    for (const code of getCountries()) {
      const name = display.of(code);
      if (name && name !== code && !names.has(normalise(name))) names.set(normalise(name), code);
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
    code = all.get(normalise(text)) ?? all.get(normalise(last)) ?? null;
    if (cache.size < 10_000) cache.set(text, code);
  }
  return code ?? undefined;
}

export const isCountryCode = (code: string): code is CountryCode =>
  (getCountries() as string[]).includes(code);

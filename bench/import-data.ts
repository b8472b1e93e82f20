import { once } from 'node:events';
import { createWriteStream, existsSync, writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import * as XLSX from 'xlsx';

/** Synthetic but realistic contact lists for bench/import.bench.ts: same seed, same file. */
export const HEADERS = [
  'First Name',
  'Last Name',
  'Email',
  'Company',
  'Job Title',
  'Phone',
  'City',
  'Country',
  'LinkedIn URL',
  'Tags',
  'Notes',
];

const FIRST = [
  'Anna',
  'Jürgen',
  'Marc',
  'Priya',
  'John',
  'Sophie',
  'Lucas',
  'Mia',
  'Noah',
  'Zoë',
  'Kenji',
  'Fatima',
  'Olga',
  'Pedro',
];
const LAST = [
  'Schmidt',
  'Müller',
  'Dubois',
  'Raman',
  'Smith',
  'Laurent',
  'García',
  'Rossi',
  'Novak',
  'Jansen',
  'Tanaka',
  'Ødegaard',
];
const COMPANIES = [
  'Acme Inc',
  'Globex GmbH',
  'Initech SAS',
  'Umbrella Corp',
  'Hooli',
  'Stark Industries',
  'Wayne Enterprises',
  'Soylent BV',
];
const TITLES = [
  'CEO',
  'CTO',
  'Head of Sales',
  'VP Engineering',
  'Account Executive',
  'Founder',
  'Marketing Manager',
  '',
];
const PLACES: ReadonlyArray<[string, string, (n: number) => string]> = [
  ['Berlin', 'Germany', (n) => `030 ${1000000 + (n % 8999999)}`],
  ['Paris', 'France', (n) => `06 ${String(10000000 + (n % 89999999)).replace(/(\d\d)(?=\d)/g, '$1 ')}`],
  ['San Francisco', 'United States', (n) => `(415) 555-${String(n % 10000).padStart(4, '0')}`],
  ['London', 'United Kingdom', (n) => `020 7946 ${String(n % 10000).padStart(4, '0')}`],
  ['München', 'Deutschland', (n) => `+49 89 ${2000000 + (n % 7999999)}`],
];
const DOMAINS = ['gmail.com', 'acme.io', 'globex.de', 'example.org'];
const NOTES = [
  '',
  '',
  '',
  'Met at the Berlin fair',
  'Follow up in Q3, prefers "morning" calls',
  'Intro via Anna;\nwants a demo',
];

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Row i of the list: ~5% repeat an earlier contact (email in another case), ~3% carry a bad email. */
export function* contactRows(count: number, seed = 42): Generator<string[]> {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  for (let i = 0; i < count; i++) {
    const roll = rnd();
    const n = roll < 0.05 && i > 10 ? Math.floor(rnd() * i) : i;
    const first = FIRST[n % FIRST.length]!;
    const last = LAST[Math.floor(n / FIRST.length) % LAST.length]!;
    const [city, country, phone] = PLACES[n % PLACES.length]!;
    let email = `${first}.${last}.${n}@${DOMAINS[n % DOMAINS.length]}`
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .replace('Ø', 'O')
      .toLowerCase();
    if (roll < 0.05) email = email.toUpperCase();
    else if (roll < 0.08) email = pick([email.replace('@', ''), email.replace('.', ' '), `${email}@`]);
    const phoneText =
      rnd() < 0.35
        ? ''
        : rnd() < 0.5
          ? `+${['49 151', '33 6', '1 415', '44 20'][n % 4]} ${String(2000000 + n).slice(0, 7)}`
          : phone(n);
    yield [
      first,
      last,
      email,
      pick(COMPANIES),
      pick(TITLES),
      phoneText,
      city,
      country,
      rnd() < 0.6 ? `https://www.linkedin.com/in/${first}-${last}-${n}`.toLowerCase() : '',
      rnd() < 0.4 ? pick(['vip', 'vip;berlin', 'fair-2024', 'partner, warm']) : '',
      pick(NOTES),
    ];
  }
}

export async function writeCsv(path: string, rows: number): Promise<void> {
  if (existsSync(path)) return;
  const out = createWriteStream(path);
  let buffer: string[][] = [HEADERS];
  for (const row of contactRows(rows)) {
    buffer.push(row);
    if (buffer.length === 5000) {
      if (!out.write(stringify(buffer))) await once(out, 'drain');
      buffer = [];
    }
  }
  out.end(stringify(buffer));
  await once(out, 'finish');
}

export function writeXlsx(path: string, rows: number): void {
  if (existsSync(path)) return;
  const sheet = XLSX.utils.aoa_to_sheet([HEADERS, ...contactRows(rows)]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'Contacts');
  writeFileSync(
    path,
    XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true, bookSST: true }),
  );
}

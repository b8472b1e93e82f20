import { foldAccents, foldWords } from '../_shared/text/fold.js';
import {
  AMBIGUOUS_NAME_HEADERS,
  HEADER_SYNONYMS,
  LINKEDIN_ONLY_HEADERS,
  NON_VALUE_WORDS,
  QUALIFIER_WORDS,
} from './mapping-synonyms.js';
import type { ColumnMapping, ImportField, ImportFormat } from './schema.js';

/** Lowercase, accents and punctuation gone, single spaces: "E-Mail-Adresse" → "e mail adresse". */
export const normaliseHeader = (header: string): string =>
  foldWords(foldAccents(header).replace(/\(.*?\)|\[.*?\]/g, ' '));

const compact = (normalised: string): string => normalised.replaceAll(' ', '');

const EXACT = new Map<string, ImportField>();
for (const [field, names] of Object.entries(HEADER_SYNONYMS) as [ImportField, string[]][]) {
  for (const name of names) {
    const key = normaliseHeader(name);
    if (!EXACT.has(key)) EXACT.set(key, field);
    if (!EXACT.has(compact(key))) EXACT.set(compact(key), field);
  }
}
const AMBIGUOUS = new Set(AMBIGUOUS_NAME_HEADERS.map(normaliseHeader));

// Last resort, in priority order: "Company Phone" is a phone, "Company Name" a company.
const CONTAINS: ReadonlyArray<[ImportField, RegExp]> = [
  ['email', /\b(e ?mail|mail|courriel|correo)\b/],
  ['phone', /\b(phone|telephone|tel|mobile|cell|telefon|telefono|handy|mobil)\b/],
  ['linkedinUrl', /linked ?in/],
  ['firstName', /first ?name|given ?name|vorname|prenom/],
  ['lastName', /last ?name|surname|nach ?name|family ?name/],
  ['company', /\b(company|organi[sz]ation|firma|employer|unternehmen|societe|entreprise|empresa|azienda)\b/],
  ['title', /job ?title|\b(position|title|role)\b/],
  ['city', /\b(city|stadt|ville|ciudad)\b/],
  ['country', /\b(country|land|pays|pais)\b/],
  ['timeZone', /time ?zone|zeitzone/],
  ['tags', /\b(tags?|labels?|categories)\b/],
  ['notes', /\b(notes?|comments?|remarks)\b/],
  ['location', /\b(address|location|region|state)\b/],
];

type Guess = ImportField | 'ambiguous-name' | null;

function exactGuess(normalised: string, format: ImportFormat | undefined): Guess {
  if (AMBIGUOUS.has(normalised)) return 'ambiguous-name';
  if (format === 'linkedin' && LINKEDIN_ONLY_HEADERS[normalised])
    return LINKEDIN_ONLY_HEADERS[normalised] ?? null;
  return EXACT.get(normalised) ?? EXACT.get(compact(normalised)) ?? null;
}

function relaxedGuess(normalised: string): ImportField | null {
  const words = normalised.split(' ');
  if (words.some((w) => NON_VALUE_WORDS.has(w))) return null;
  const core = words.filter((w) => !QUALIFIER_WORDS.has(w)).join(' ');
  const exact = core ? (EXACT.get(core) ?? EXACT.get(compact(core))) : undefined;
  if (exact) return exact;
  return CONTAINS.find(([, pattern]) => pattern.test(normalised))?.[0] ?? null;
}

/**
 * Suggests a field per column from header names. Each field goes to one column (the first that names
 * it exactly, else the first that names it loosely); the user confirms or edits it in the preview.
 */
export function autoMap(headers: readonly string[], format?: ImportFormat): ColumnMapping {
  const normalised = headers.map(normaliseHeader);
  const mapping: ColumnMapping = headers.map(() => null);
  const taken = new Set<ImportField>();
  const assign = (column: number, field: ImportField | null): void => {
    if (field && !taken.has(field) && mapping[column] === null) {
      mapping[column] = field;
      taken.add(field);
    }
  };
  const exact = normalised.map((name) => (name ? exactGuess(name, format) : null));
  exact.forEach((guess, column) => {
    if (guess !== 'ambiguous-name') assign(column, guess);
  });
  normalised.forEach((name, column) => {
    if (name && exact[column] === null) assign(column, relaxedGuess(name));
  });
  exact.forEach((guess, column) => {
    if (guess !== 'ambiguous-name') return;
    if (taken.has('firstName') && !taken.has('lastName')) assign(column, 'lastName');
    else if (taken.has('lastName') && !taken.has('firstName')) assign(column, 'firstName');
    else if (!taken.has('firstName')) assign(column, 'fullName');
  });
  return mapping;
}

/** How many columns a header row names: used to find the header below notes or a title. */
export const recognisedColumns = (cells: readonly string[]): number =>
  autoMap(cells).filter((field) => field !== null).length;

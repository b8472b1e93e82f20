// Most cells have no runs of spaces or odd whitespace: test first, replace only when needed.
const UNTIDY = /\s\s|[\t\n\r\f\v\u00a0\u2000-\u200b\u3000]/;

/** Collapses inner whitespace: "  Jane   Doe " → "Jane Doe". */
export const tidy = (text: string): string => {
  const trimmed = text.trim();
  return UNTIDY.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
};

/**
 * Splits a full name: "Doe, Jane" → Jane / Doe; "Jane van der Berg" → Jane / van der Berg (the
 * given name is the first word, since surname particles are common and given-name ones are not).
 */
export function splitFullName(fullName: string): { firstName?: string; lastName?: string } {
  const text = tidy(fullName);
  if (text === '') return {};
  const comma = text.indexOf(',');
  if (comma > 0) {
    const last = text.slice(0, comma).trim();
    const first = text.slice(comma + 1).trim();
    return { ...(first && { firstName: first }), ...(last && { lastName: last }) };
  }
  const space = text.indexOf(' ');
  if (space < 0) return { firstName: text };
  return { firstName: text.slice(0, space), lastName: text.slice(space + 1) };
}

// Mailboxes that name a role, not a person: no name is guessed from these.
const ROLE_MAILBOXES = new Set([
  'info',
  'contact',
  'hello',
  'hi',
  'sales',
  'support',
  'admin',
  'office',
  'team',
  'mail',
  'noreply',
  'no',
  'reply',
  'jobs',
  'careers',
  'hr',
  'marketing',
  'billing',
  'accounts',
  'service',
  'kontakt',
  'help',
  'press',
]);

/**
 * Guesses a name from the local part when it clearly has two parts: "jane.doe@" → Jane Doe,
 * "jean-luc_picard@" → Jean-Luc Picard. A single token ("jdoe", "jane") is not guessed: it is as
 * likely initials or a nickname, and a wrong name in a personal email is worse than none.
 */
export function nameFromEmail(email: string): { firstName: string; lastName: string } | null {
  const local = email.slice(0, email.indexOf('@')).split('+')[0] ?? '';
  const parts = local
    .split(/[._]/)
    .map((p) => p.replace(/\d+/g, ''))
    .filter((p) => p.length > 1);
  if (parts.length < 2 || parts.some((p) => ROLE_MAILBOXES.has(p))) return null;
  if (parts.some((p) => !/^[\p{L}-]+$/u.test(p))) return null;
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  return { firstName: capitalise(first), lastName: capitalise(last) };
}

const capitalise = (word: string): string =>
  word
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('-');

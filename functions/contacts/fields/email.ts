import { z } from 'zod';

// The same pattern z.email() applies in contacts/schema.ts, so every address kept here passes it.
const EMAIL = z.regexes.email;
const MAX_LENGTH = 254;

export type EmailResult = { email: string; others: string[] } | { error: string } | null;

/**
 * Trims, lowercases and validates. Also accepts the forms exports produce: "mailto:jane@x.com",
 * "Jane Doe <jane@x.com>", and several addresses in one cell (the first is the contact's; the rest
 * are returned so they can go to the notes rather than be lost).
 */
export function normaliseEmail(raw: string): EmailResult {
  let text = raw.trim();
  if (text === '') return null;
  if (!SPECIAL.test(text)) {
    const email = clean(text);
    return email.length <= MAX_LENGTH && EMAIL.test(email) ? { email, others: [] } : invalid(raw);
  }
  const angle = text.match(/<([^<>]+)>\s*$/);
  if (angle) text = angle[1]!;
  const parts = text.includes(',') || text.includes(';') || /\s/.test(text) ? text.split(/[\s,;]+/) : [text];
  const addresses = parts.map(clean).filter((p) => p !== '');
  const first = addresses[0];
  if (first === undefined) return null;
  if (first.length > MAX_LENGTH || !EMAIL.test(first)) return invalid(raw);
  return { email: first, others: addresses.slice(1).filter((a) => EMAIL.test(a)) };
}

// Cells needing more than trim + lowercase: "Name <a@b>", several addresses, inner spaces.
const SPECIAL = /[<,;\s]/;

const invalid = (raw: string) => ({ error: `Email "${raw.trim()}" is not a valid address` });

function clean(part: string): string {
  const lower = part.toLowerCase();
  return lower.startsWith('mailto:') ? lower.slice(7) : lower;
}

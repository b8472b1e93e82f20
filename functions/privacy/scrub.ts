/**
 * What identifies a contact in stored text, and how a document is freed of it. Pure: no I/O, so
 * the rules are tested on their own (scrub.test.ts) and the erase applies them to every container.
 */

export const ERASED = '[erased]';

export interface Identifiers {
  /** The contact's id and the ids of documents about them (meetings, messages) already deleted. */
  ids: Set<string>;
  /** Email, full name, phone as stored and as digits, LinkedIn URL: matched case-insensitively. */
  texts: string[];
}

/** The strings that name the person: email, full name, phone (as stored and as bare digits), LinkedIn. */
export function identifierTexts(contact: {
  email?: string | null | undefined;
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  phone?: string | null | undefined;
  linkedinUrl?: string | null | undefined;
}): string[] {
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ').trim();
  const phoneDigits = contact.phone?.replace(/\D/g, '') ?? '';
  const texts = [
    contact.email?.trim(),
    // A first name alone ("Ada") is shared by others; the full name is what identifies them.
    name.includes(' ') ? name : undefined,
    contact.phone?.trim(),
    phoneDigits.length >= 7 ? phoneDigits : undefined,
    contact.linkedinUrl
      ?.trim()
      .replace(/^https?:\/\/(www\.)?/i, '')
      .replace(/\/$/, ''),
  ];
  return [...new Set(texts.filter((t): t is string => !!t && t.length >= 4).map((t) => t.toLowerCase()))];
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A phone number matches however it was typed: "+44 7700 900123", "(447) 700-900123". */
const phonePattern = (digits: string) => `\\+?${digits.split('').join('[\\s().\\-]*')}`;

export function matcher(texts: string[]): RegExp | null {
  const parts = texts.map((t) => (/^\+?\d+$/.test(t) ? phonePattern(t.replace('+', '')) : escapeRegExp(t)));
  return parts.length ? new RegExp(parts.join('|'), 'gi') : null;
}

/** Whether any string anywhere in the value names the person. */
export function mentions(value: unknown, pattern: RegExp | null): boolean {
  if (!pattern) return false;
  if (typeof value === 'string') {
    pattern.lastIndex = 0;
    return pattern.test(value);
  }
  if (Array.isArray(value)) return value.some((v) => mentions(v, pattern));
  if (value && typeof value === 'object') return Object.values(value).some((v) => mentions(v, pattern));
  return false;
}

/** Fields that tie a document or an array entry to a person or to a document about them. */
const REFERENCE_KEYS = ['id', 'contactId', 'meetingId', 'messageId'];

/** Whether an object refers by id to the contact or to a document about them. */
export function refersTo(value: unknown, ids: Set<string>): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (REFERENCE_KEYS.some((k) => typeof record[k] === 'string' && ids.has(record[k] as string))) return true;
  const contact = record.contact as Record<string, unknown> | undefined;
  return typeof contact?.id === 'string' && ids.has(contact.id);
}

/**
 * A copy of the value without the person: array entries that refer to them are dropped (a ledger's
 * hold for their meeting, an id in a list), and their email, name and phone inside any other text
 * become "[erased]". Returns the same object when nothing changed.
 */
export function scrub<T>(value: T, who: Identifiers, pattern: RegExp | null): T {
  if (typeof value === 'string') {
    if (!pattern) return value;
    if (who.ids.has(value)) return ERASED as T;
    const replaced = value.replace(pattern, ERASED);
    return (replaced === value ? value : replaced) as T;
  }
  if (Array.isArray(value)) {
    let changed = false;
    const out: unknown[] = [];
    for (const v of value) {
      if (refersTo(v, who.ids) || (typeof v === 'string' && who.ids.has(v))) {
        changed = true;
        continue;
      }
      const s = scrub(v, who, pattern);
      if (s !== v) changed = true;
      out.push(s);
    }
    return (changed ? out : value) as T;
  }
  if (value && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // Cosmos system fields and the partition key are never rewritten.
      const s = k.startsWith('_') || k === 'id' || k === 'ownerId' ? v : scrub(v, who, pattern);
      if (s !== v) changed = true;
      out[k] = s;
    }
    return (changed ? out : value) as T;
  }
  return value;
}

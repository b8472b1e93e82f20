import type { ContactSource, ContactStatus } from '../../../../functions/contacts/schema';
import type { ContactFilter } from '../../lib/api';
import { SOURCES, STATUSES } from './labels';

/** The contacts list's filters as they stand in the URL (`/contacts?search=…&status=…`). */
export interface ContactSearch {
  search?: string | undefined;
  status?: ContactStatus | undefined;
  source?: ContactSource | undefined;
  tag?: string | undefined;
}

// The router parses `?search=123` as a number: take it back as the text it was.
const text = (value: unknown): string | undefined => {
  const raw = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  return raw.trim() || undefined;
};

/**
 * Keeps what the list can use from a shared or hand-edited URL. Every key is returned, unusable
 * ones as undefined: the router lays this over the raw query string, so a key left out would keep
 * its raw value (`?status=asleep`).
 */
export function validateContactSearch(raw: Record<string, unknown>): ContactSearch {
  return {
    search: text(raw.search),
    status: STATUSES.find((s) => s === raw.status),
    source: SOURCES.find((s) => s === raw.source),
    tag: text(raw.tag),
  };
}

/** The filters that are set, and nothing else (other query-string keys stay out of the request). */
export const contactFilter = ({ search, status, source, tag }: ContactSearch): ContactFilter => ({
  ...(search ? { search } : {}),
  ...(status ? { status } : {}),
  ...(source ? { source } : {}),
  ...(tag ? { tag } : {}),
});

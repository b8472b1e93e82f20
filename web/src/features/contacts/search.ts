import type {
  ContactSort,
  ContactSource,
  ContactStatus,
  SortDirection,
} from '../../../../functions/contacts/schema';
import type { ContactFilter, ContactOrder } from '../../lib/api';
import { FILTER_SOURCES, STATUSES } from './labels';

/** The contacts list's filters and order as they stand in the URL (`/contacts?search=…&sort=name`). */
export interface ContactSearch {
  search?: string | undefined;
  status?: ContactStatus | undefined;
  source?: ContactSource | undefined;
  tag?: string | undefined;
  sort?: ContactSort | undefined;
  dir?: SortDirection | undefined;
}

export const SORTS: readonly ContactSort[] = ['name', 'company', 'createdAt', 'updatedAt'];
const DIRECTIONS: readonly SortDirection[] = ['asc', 'desc'];

/** The API's order when none is asked for: newest first. */
export const DEFAULT_ORDER = { sort: 'createdAt', dir: 'desc' } as const satisfies Required<ContactOrder>;

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
  const sort = SORTS.find((s) => s === raw.sort);
  return {
    search: text(raw.search),
    status: STATUSES.find((s) => s === raw.status),
    source: FILTER_SOURCES.find((s) => s === raw.source),
    tag: text(raw.tag),
    sort,
    // A direction alone means nothing: it goes with a column.
    dir: sort ? DIRECTIONS.find((d) => d === raw.dir) : undefined,
  };
}

/** The filters that are set, and nothing else (other query-string keys stay out of the request). */
export const contactFilter = ({ search, status, source, tag }: ContactSearch): ContactFilter => ({
  ...(search ? { search } : {}),
  ...(status ? { status } : {}),
  ...(source ? { source } : {}),
  ...(tag ? { tag } : {}),
});

/** The order the URL asks for, or nothing (the API's default: newest first). */
export const contactOrder = ({ sort, dir }: ContactSearch): ContactOrder =>
  sort ? { sort, dir: dir ?? defaultDirection(sort) } : {};

/** Names read A→Z first; dates newest first. */
export const defaultDirection = (sort: ContactSort): SortDirection =>
  sort === 'name' || sort === 'company' ? 'asc' : 'desc';

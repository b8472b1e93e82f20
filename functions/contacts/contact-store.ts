import type { ContactDoc } from './model.js';
import type { ContactFilter, ContactSort, ParsedContactListQuery, SortDirection } from './schema.js';

export interface ContactOrder {
  sort: ContactSort;
  dir: SortDirection;
}

/**
 * The contact storage every use case takes as an argument: Cosmos in production
 * (cosmos-contact-store.ts), an in-memory fake in unit tests. Every method names the owner; a
 * document of another owner is never returned. Writes derive the search fields (withDerived).
 */
export interface ContactStore {
  /** One page in the asked order, and how many contacts match the filter in all. */
  list(
    ownerId: string,
    query: ParsedContactListQuery,
  ): Promise<{ docs: ContactDoc[]; continuationToken: string | null; total: number }>;
  /** Every matching contact, page by page (exports and bulk actions over a filter). */
  pages(
    ownerId: string,
    filter: ContactFilter,
    order: ContactOrder,
    pageSize: number,
  ): AsyncIterable<ContactDoc[]>;
  count(ownerId: string, filter: ContactFilter): Promise<number>;
  /**
   * Matching contacts with an id after `afterId`, in id order: a bulk action walks its target
   * this way, so contacts it changes (and that stop matching) never shift what comes next.
   */
  pageAfter(
    ownerId: string,
    filter: ContactFilter,
    afterId: string | null,
    limit: number,
  ): Promise<ContactDoc[]>;
  /** The owner's contacts with these ids (missing ones are left out). */
  readMany(ownerId: string, ids: string[]): Promise<ContactDoc[]>;
  read(ownerId: string, id: string): Promise<ContactDoc | undefined>;
  /** Replaces the document if its `_etag` still matches: 'changed' on a concurrent write, 'gone' if deleted. */
  replace(doc: ContactDoc): Promise<{ status: 'ok'; doc: ContactDoc } | { status: 'changed' | 'gone' }>;
  /** False when there was nothing to delete. */
  delete(ownerId: string, id: string): Promise<boolean>;
  /** Per document: 201 created, 409 exists. */
  createMany(ownerId: string, docs: ContactDoc[]): Promise<number[]>;
  /** Per document: 200 replaced, 412 changed meanwhile, 404 deleted meanwhile. */
  replaceMany(ownerId: string, docs: ContactDoc[]): Promise<number[]>;
  /** The owner's contacts that carry any of these identity hashes (or have one as their id). */
  findByIdentities(ownerId: string, identityIds: string[]): Promise<ContactDoc[]>;
}

import type { ContactDoc } from './model.js';

/** Contacts saved before a derived field existed (sortName, sortCompany, identities), a page at a time. */
export interface BackfillStore {
  /** Up to `limit` contacts of any owner that lack a derived field. */
  outdated(limit: number): Promise<ContactDoc[]>;
  /** Writes each back through the store (which derives its fields); a concurrent edit wins. */
  rewrite(docs: ContactDoc[]): Promise<number>;
}

const PAGE = 500;

/**
 * Brings contacts written by an older version up to date, so sorting by name or company and
 * finding a contact by any identity see every contact. Idempotent, a page per run (the timer
 * runs it until nothing is left); a contact edited meanwhile was derived by that edit.
 */
export async function backfillDerivedFields(store: BackfillStore): Promise<number> {
  const docs = await store.outdated(PAGE);
  return docs.length ? store.rewrite(docs) : 0;
}

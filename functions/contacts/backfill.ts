import type { ContactDoc } from './model.js';

/** Contacts saved before a derived field existed (sortName, sortCompany, identities), a page at a time. */
export interface BackfillStore {
  /** Up to `limit` contacts of any owner that lack a derived field. */
  outdated(limit: number): Promise<ContactDoc[]>;
  /** Writes each back through the store (which derives its fields); a concurrent edit wins. */
  rewrite(docs: ContactDoc[]): Promise<number>;
  /** Whether a run already found nothing left (then the timer costs nothing), and recording it. */
  isDone(): Promise<boolean>;
  markDone(at: Date): Promise<void>;
}

const PAGE = 500;

/**
 * Brings contacts written by an older version up to date, so sorting by name or company and
 * finding a contact by any identity see every contact. Idempotent, a page per run (the timer
 * runs it until nothing is left); a contact edited meanwhile was derived by that edit.
 */
export async function backfillDerivedFields(store: BackfillStore, now: Date): Promise<number> {
  if (await store.isDone()) return 0;
  const docs = await store.outdated(PAGE);
  if (!docs.length) {
    // Every contact written from now on is derived on write: the scan need never run again.
    await store.markDone(now);
    return 0;
  }
  return store.rewrite(docs);
}

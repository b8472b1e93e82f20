import { AppError } from '../_shared/errors.js';
import type { ContactStore } from './contact-store.js';
import { identityIds, matchStrength, sameContact } from './identity.js';
import { mergeContact, mergeDrafts } from './merge.js';
import { type ContactDoc, type ContactDraft, newContactDoc } from './model.js';

export interface UpsertInput {
  ownerId: string;
  now: string;
  /** Drafts by the id a new contact gets (contactIdFor of its contactKey); distinct people. */
  drafts: Map<string, ContactDraft>;
  /** The import writing these drafts: stamped on what it creates or changes, for exact replay counts. */
  importId?: string;
}

/** What became of one draft: the contact it created or merged into, and that contact as it was. */
export type UpsertResult =
  | { outcome: 'created'; contactId: string }
  | { outcome: 'merged'; contactId: string; changed: boolean; before: ContactDoc };

const MAX_ATTEMPTS = 5;

/**
 * The one way contacts are created: each draft is looked up by every identity it has (email,
 * LinkedIn profile, name + company, E.164 phone) and merged into the contact it names — fill
 * empty fields, keep existing values, unite tags — or created when nobody matches. Import, the
 * booking page and the bot all call this, so one person stays one contact.
 *
 * Safe under races: creates use the draft's deterministic id (409 → look again), merges replace
 * with the stored `_etag` (412 → re-read and merge again).
 */
export async function upsertContacts(
  input: UpsertInput,
  store: ContactStore,
): Promise<Map<string, UpsertResult>> {
  const { ownerId, now, drafts, importId } = input;
  const results = new Map<string, UpsertResult>();
  let pending = [...drafts.keys()];
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt === MAX_ATTEMPTS) {
      throw new AppError(
        'CONFLICT',
        `${pending.length} contact(s) kept changing while they were being saved — try again in a moment.`,
      );
    }
    const wanted = [...new Set(pending.flatMap((id) => [id, ...identityIds(drafts.get(id)!)]))];
    const stored = await store.findByIdentities(ownerId, wanted);
    const { creates, merges } = matchDrafts(pending, drafts, stored);
    pending = [];

    const fresh = creates.map((id) => newContactDoc(id, ownerId, now, drafts.get(id)!, importId));
    const created = fresh.length ? await store.createMany(ownerId, fresh) : [];
    fresh.forEach((doc, i) => {
      const status = created[i];
      if (status === 201 || status === 200) results.set(doc.id, { outcome: 'created', contactId: doc.id });
      else if (status === 409) pending.push(doc.id);
      else throw writeFailed(status);
    });

    const replacements: { doc: ContactDoc; draftIds: string[] }[] = [];
    for (const { doc, draftIds } of merges) {
      const { merged, changed } = mergeContact(doc, mergeDrafts(draftIds.map((id) => drafts.get(id)!)));
      for (const id of draftIds)
        results.set(id, { outcome: 'merged', contactId: doc.id, changed, before: doc });
      if (changed) {
        replacements.push({
          doc: { ...merged, updatedAt: now, ...(importId && { updatedByImport: importId }) },
          draftIds,
        });
      }
    }
    const replaced = replacements.length
      ? await store.replaceMany(
          ownerId,
          replacements.map((r) => r.doc),
        )
      : [];
    replacements.forEach(({ draftIds }, i) => {
      const status = replaced[i];
      if (status === 412 || status === 404) {
        // Changed or deleted meanwhile: look again and merge into what is there now.
        for (const id of draftIds) results.delete(id);
        pending.push(...draftIds);
      } else if (status !== 200 && status !== 201) throw writeFailed(status);
    });
  }
  return results;
}

/** Creates one contact, or merges into the one it already is (the booking page and the bot). */
export async function upsertContact(
  ownerId: string,
  id: string,
  draft: ContactDraft,
  now: string,
  store: ContactStore,
): Promise<UpsertResult> {
  const results = await upsertContacts({ ownerId, now, drafts: new Map([[id, draft]]) }, store);
  return results.get(id)!;
}

/**
 * Pairs each draft with the stored contact it is, if any: the one sharing its strongest identity
 * without contradicting it (see sameContact). Drafts matching one contact are merged together.
 * Also tells an import's forecast what a commit would create and merge.
 */
export function matchDrafts(pending: string[], drafts: Map<string, ContactDraft>, stored: ContactDoc[]) {
  const byIdentity = new Map<string, ContactDoc[]>();
  for (const doc of stored) {
    for (const key of new Set([doc.id, ...(doc.identities ?? [])])) {
      const list = byIdentity.get(key);
      if (list) list.push(doc);
      else byIdentity.set(key, [doc]);
    }
  }
  const creates: string[] = [];
  const merges = new Map<string, { doc: ContactDoc; draftIds: string[] }>();
  for (const id of pending) {
    const draft = drafts.get(id)!;
    const candidates = new Set([
      ...(byIdentity.get(id) ?? []),
      ...identityIds(draft).flatMap((k) => byIdentity.get(k) ?? []),
    ]);
    let best: ContactDoc | undefined;
    let bestStrength = Number.POSITIVE_INFINITY;
    for (const doc of candidates) {
      // A stored contact's own id is the hash of its first identity: the same person by definition.
      const strength = doc.id === id ? -1 : sameContact(draft, doc) ? matchStrength(draft, doc) : Number.NaN;
      if (strength < bestStrength) {
        best = doc;
        bestStrength = strength;
      }
    }
    if (!best) creates.push(id);
    else {
      const entry = merges.get(best.id);
      if (entry) entry.draftIds.push(id);
      else merges.set(best.id, { doc: best, draftIds: [id] });
    }
  }
  return { creates, merges: [...merges.values()] };
}

const writeFailed = (status: number | undefined) =>
  new AppError('UNAVAILABLE', `Saving contacts failed (status ${status}) — try again in a moment.`);

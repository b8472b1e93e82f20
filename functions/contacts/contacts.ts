import { AppError, notFound } from '../_shared/errors.js';
import type { ContactStore } from './contact-store.js';
import { normaliseContactFields } from './fields/normalise.js';
import { contactFlags } from './flags.js';
import { contactIdFor, contactKey, identityIds, matchStrength, sameContact } from './identity.js';
import { type ContactDoc, type ContactDraft, displayName, newContactDoc, toContactDto } from './model.js';
import type {
  ContactCreate,
  ContactDto,
  ContactPage,
  ContactPatch,
  ContactStatus,
  ParsedContactListQuery,
  TrashedContactDto,
} from './schema.js';
import { fromTrashed, type TrashedDoc, type TrashStore, toTrashed } from './trash-store.js';

/** What the contact use cases need; function.ts passes the Cosmos stores, tests fakes. */
export interface ContactsDeps {
  store: ContactStore;
  trash: TrashStore;
  now(): Date;
  /** Records a status set by hand as a pipeline move (leads/); `ref` names the bulk job. */
  statusSet?(
    ownerId: string,
    contactId: string,
    from: ContactStatus,
    to: ContactStatus,
    at: string,
    ref?: string,
  ): Promise<void>;
}

export async function listContacts(
  ownerId: string,
  q: ParsedContactListQuery,
  deps: ContactsDeps,
): Promise<ContactPage> {
  const { docs, continuationToken, total } = await deps.store.list(ownerId, q);
  return { items: docs.map(toContactDto), continuationToken, total };
}

export async function getContact(ownerId: string, id: string, deps: ContactsDeps): Promise<ContactDto> {
  const doc = await deps.store.read(ownerId, id);
  if (!doc) throw notFound('Contact');
  return toContactDto(doc);
}

/** The field a person would recognise as the one two records share, strongest first. */
const MATCHED_FIELD = ['email', 'linkedinUrl', 'firstName', 'phone'] as const;

/**
 * Adds a contact by hand, validated and normalised as an import row is. Someone already in the
 * contacts (same email, LinkedIn profile, name + company, or phone) is refused with DUPLICATE
 * naming them, so the person can open that contact instead of making a second one.
 */
export async function createContact(
  ownerId: string,
  input: ContactCreate,
  deps: ContactsDeps,
): Promise<ContactDto> {
  const { status, ...typed } = input;
  const fields = Object.fromEntries(
    Object.entries(normaliseContactFields(typed)).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<ContactDraft>;
  const draft: ContactDraft = {
    ...fields,
    tags: fields.tags ?? [],
    flags: contactFlags(fields),
    source: 'manual',
  };
  const key = contactKey(draft);
  if (!key) {
    throw new AppError('VALIDATION', 'Give an email, a name or a LinkedIn URL.', [
      { path: 'email', message: 'an email, a name or a LinkedIn URL is needed' },
    ]);
  }
  const id = contactIdFor(key);
  for (let attempt = 0; attempt < 2; attempt++) {
    const existing = (await deps.store.findByIdentities(ownerId, [id, ...identityIds(draft)])).find(
      (doc) => doc.id === id || sameContact(draft, doc),
    );
    if (existing)
      throw duplicateOf(existing, MATCHED_FIELD[Math.max(0, matchStrength(draft, existing))] ?? 'email');
    const now = deps.now().toISOString();
    const doc = { ...newContactDoc(id, ownerId, now, draft), ...(status && { status }) };
    const [created] = await deps.store.createMany(ownerId, [doc]);
    if (created === 201 || created === 200) return toContactDto((await deps.store.read(ownerId, id)) ?? doc);
    // 409: added by someone else a moment ago; the next look finds it.
  }
  throw new AppError('CONFLICT', 'This contact was just added elsewhere — reload the list.');
}

function duplicateOf(doc: ContactDoc, path: string): AppError {
  const name = displayName(doc);
  const message = `${name} is already in your contacts.`;
  return new AppError('DUPLICATE', message, [{ path, message, id: doc.id }]);
}

const MAX_ATTEMPTS = 5;

/** Applies a patch with optimistic concurrency: a concurrent write is re-read and the patch re-applied. */
export async function patchContact(
  ownerId: string,
  id: string,
  patch: ContactPatch,
  deps: ContactsDeps,
): Promise<ContactDto> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const doc = await deps.store.read(ownerId, id);
    if (!doc) throw notFound('Contact');
    const normalised = normaliseContactFields(patch, doc);
    const now = deps.now();
    const result = await deps.store.replace(applyPatch(doc, normalised, now));
    if (result.status === 'ok') {
      if (result.doc.status !== doc.status)
        await deps.statusSet?.(ownerId, id, doc.status, result.doc.status, now.toISOString());
      return toContactDto(result.doc);
    }
    if (result.status === 'gone') throw notFound('Contact');
  }
  throw new AppError('CONFLICT', 'This contact is being changed elsewhere — reload it and try again.');
}

function applyPatch(doc: ContactDoc, patch: ContactPatch, now: Date): ContactDoc {
  const next: Record<string, unknown> = { ...doc, updatedAt: now.toISOString() };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  if (!next.tags) next.tags = [];
  // A stage set by hand: events older than this never overwrite it (leads/stages.ts).
  if (patch.status && patch.status !== doc.status)
    next.lead = { ...doc.lead, since: now.toISOString(), by: 'manual' };
  return next as unknown as ContactDoc;
}

/** Moves the contact to the trash, where it can be restored for 30 days. */
export async function deleteContact(ownerId: string, id: string, deps: ContactsDeps): Promise<void> {
  const doc = await deps.store.read(ownerId, id);
  if (!doc) throw notFound('Contact');
  await deps.trash.put(ownerId, [toTrashed(doc, deps.now())]);
  await deps.store.delete(ownerId, id);
}

/** Brings a trashed contact back as it was; DUPLICATE when the same person was added since. */
export async function restoreContact(ownerId: string, id: string, deps: ContactsDeps): Promise<ContactDto> {
  const trashed = await deps.trash.read(ownerId, id);
  if (!trashed) throw notFound('Deleted contact');
  const [restored] = await restoreMany(ownerId, [trashed], deps);
  if (!restored) {
    const current = await deps.store.read(ownerId, id);
    throw duplicateOf(current ?? fromTrashed(trashed), 'email');
  }
  return restored;
}

/** Restores what it can; a contact whose id is taken again (re-imported since) stays in the trash. */
export async function restoreMany(
  ownerId: string,
  docs: TrashedDoc[],
  deps: ContactsDeps,
): Promise<ContactDto[]> {
  const contacts = docs.map(fromTrashed);
  const statuses = contacts.length ? await deps.store.createMany(ownerId, contacts) : [];
  const back = contacts.filter((_, i) => statuses[i] === 201 || statuses[i] === 200);
  await deps.trash.remove(
    ownerId,
    back.map((c) => c.id),
  );
  return back.map(toContactDto);
}

const TRASH_PAGE = 200;

export async function listTrash(ownerId: string, deps: ContactsDeps): Promise<TrashedContactDto[]> {
  const docs = await deps.trash.list(ownerId, TRASH_PAGE);
  return docs.map((d) => ({ ...toContactDto(fromTrashed(d)), deletedAt: d.deletedAt, purgeAt: d.purgeAt }));
}

/** Empties what has been in the trash for 30 days (Azure's TTL does the same; the local server has none). */
export async function purgeTrash(deps: ContactsDeps): Promise<number> {
  const expired = await deps.trash.expired(deps.now().toISOString());
  for (const { id, ownerId } of expired) await deps.trash.remove(ownerId, [id]);
  return expired.length;
}

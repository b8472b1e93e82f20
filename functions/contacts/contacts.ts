import { AppError, notFound } from '../_shared/errors.js';
import type { ContactStore } from './contact-store.js';
import { type ContactDoc, toContactDto } from './model.js';
import type { ContactDto, ContactPage, ContactPatch, ParsedContactListQuery } from './schema.js';

/** What the contact use cases need; function.ts passes the Cosmos store, tests a fake. */
export interface ContactsDeps {
  store: ContactStore;
  now(): Date;
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
    const result = await deps.store.replace(applyPatch(doc, patch, deps.now()));
    if (result.status === 'ok') return toContactDto(result.doc);
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
  return next as unknown as ContactDoc;
}

export async function deleteContact(ownerId: string, id: string, deps: ContactsDeps): Promise<void> {
  if (!(await deps.store.delete(ownerId, id))) throw notFound('Contact');
}

import { getContainer } from '../_shared/cosmos/client.js';
import { CONTAINERS, type ContainerName } from '../_shared/cosmos/containers.js';
import { AppError, notFound } from '../_shared/errors.js';
import { recordAudit } from '../audit/audit.js';
import { bookingDeps } from '../booking/deps.js';
import type { MeetingDoc } from '../booking/model.js';
import { cancelMeeting } from '../confirm-meeting/confirm.js';
import { createCosmosContactStore } from '../contacts/cosmos-contact-store.js';
import { identityIds } from '../contacts/identity.js';
import type { ContactDoc } from '../contacts/model.js';
import { cosmosTrashStore } from '../contacts/trash-store.js';
import { channelSuppressionId, suppressionId } from '../suppressions/suppressions.js';
import { type BlobChange, scrubOwnerBlobs } from './blobs.js';
import { contactDocs, conversationStatePages, deleteDoc, ownerPages, type StoredDoc } from './owner-docs.js';
import {
  ERASED,
  escapeRegExp,
  type Identifiers,
  identifierTexts,
  matcher,
  mentions,
  refersTo,
  scrub,
} from './scrub.js';

/** What an erase did, container by container and file by file: shown to the user, kept on the record. */
export interface ErasureReceipt {
  contactId: string;
  erasedAt: string;
  removed: { container: string; count: number; deleted: number; anonymised: number }[];
  blobs: BlobChange[];
  /** Meetings still to come that were cancelled on the organizer's calendar first. */
  meetingsCancelled: number;
}

/**
 * The erasure record, in `suppressions` beside the hashed entries it leaves. Written first, with
 * what identifies the person, so an erase that stops half-way is finished by running it again;
 * once done, only hashes and the receipt remain.
 */
export interface ErasureDoc {
  id: string;
  ownerId: string;
  kind: 'erasure';
  status: 'erasing' | 'erased';
  /** Hashes of the person's identities (email, LinkedIn, name + company, phone): what the import checks. */
  identityIds: string[];
  pending: { texts: string[]; email: string | null; phone: string | null } | null;
  receipt: ErasureReceipt | null;
  createdAt: string;
}

export const erasureId = (contactId: string) => `erasure-${contactId}`;

/**
 * Documents about the person (an email to them, a chat with them, a notification for them) are
 * deleted when they mention them at all; elsewhere (an import's preview, a report row) the
 * mention is replaced by "[erased]" and the document kept.
 */
const DELETE_ON_MENTION = new Set<ContainerName>([
  'outbox',
  'messages',
  'meetings',
  'notifications',
  'calendar-events',
  'conversations',
  'lead-events',
]);
/** Handled by point operations or not about contacts; swept in this order so meeting ids are known first. */
const SKIP = new Set<ContainerName>(['contacts', 'contact-trash', 'suppressions']);
const FIRST: ContainerName[] = ['meetings', 'messages', 'notifications'];

export interface EraseOptions {
  confirm: string;
  actor: string;
  now: Date;
}

export async function eraseContact(
  ownerId: string,
  contactId: string,
  opts: EraseOptions,
): Promise<ErasureReceipt> {
  const suppressions = await getContainer('suppressions');
  const { resource: existing } = await suppressions.item(erasureId(contactId), ownerId).read<ErasureDoc>();
  const record = existing?.ownerId === ownerId ? existing : undefined;
  if (record?.status === 'erased' && record.receipt) return record.receipt;

  const contacts = createCosmosContactStore();
  const contact: ContactDoc | undefined =
    (await contacts.read(ownerId, contactId)) ?? (await cosmosTrashStore.read(ownerId, contactId));
  if (!record && !contact) throw notFound('Contact');

  const pending = record?.pending ?? {
    texts: identifierTexts(contact!),
    email: contact!.email ?? null,
    phone: contact!.phone ?? null,
  };
  const confirm = opts.confirm.trim().toLowerCase();
  if (!confirm || !pending.texts.includes(confirm)) {
    throw new AppError('VALIDATION', "Type the contact's email or full name to confirm the erase.", [
      { path: 'confirm', message: "must be the contact's email or full name" },
    ]);
  }

  // 1. The intent, before anything is removed.
  let doc: ErasureDoc = record ?? {
    id: erasureId(contactId),
    ownerId,
    kind: 'erasure',
    status: 'erasing',
    identityIds: [...new Set([...(contact!.identities ?? []), ...identityIds(contact!)])],
    pending,
    receipt: null,
    createdAt: opts.now.toISOString(),
  };
  if (!record) await suppressions.items.create(doc);

  // 2. Never contacted again: hashed entries only, whatever was suppressed before.
  const at = opts.now.toISOString();
  const hashed = (id: string, channel?: 'sms' | 'whatsapp') => ({
    id,
    ownerId,
    // A code in place of the address, so the list shows one row per erased person, none naming them.
    email: `(erased contact ${id.slice(0, 8)})`,
    ...(channel && { channel }),
    reason: 'erased',
    source: 'erasure',
    createdAt: at,
  });
  if (pending.email) await suppressions.items.upsert(hashed(suppressionId(pending.email)));
  if (pending.phone && /^\+\d{8,15}$/.test(pending.phone)) {
    await suppressions.items.upsert(hashed(channelSuppressionId('sms', pending.phone), 'sms'));
    await suppressions.items.upsert(hashed(channelSuppressionId('whatsapp', pending.phone), 'whatsapp'));
  }

  // 3. Meetings still to come are cancelled on the organizer's side (calendar event removed, time
  // freed, video room given up) without a word to the contact: they asked to be forgotten, and a
  // cancellation email would process their address again. Past meetings are simply removed below.
  let cancelled = 0;
  const upcoming = (await contactDocs('meetings', ownerId, contactId)) as unknown as MeetingDoc[];
  const confirmDeps = { ...bookingDeps(), notify: async () => undefined };
  for (const m of upcoming) {
    if ((m.status !== 'booked' && m.status !== 'requested') || m.start <= at) continue;
    try {
      await cancelMeeting(ownerId, m.id, 'Contact erased at their request', 'organizer', confirmDeps);
      cancelled++;
    } catch (err) {
      // The erase goes on: the organizer sees the failed calendar write in the audit log.
      console.warn(`Meeting ${m.id} not cancelled before the erase: ${(err as Error).message}`);
    }
  }

  // 4. The contact, live or in the trash.
  const removed = new Map<string, { deleted: number; anonymised: number }>();
  const tally = (name: string, kind: 'deleted' | 'anonymised') => {
    const t = removed.get(name) ?? { deleted: 0, anonymised: 0 };
    t[kind]++;
    removed.set(name, t);
  };
  if (await contacts.delete(ownerId, contactId)) tally('contacts', 'deleted');
  if (await cosmosTrashStore.read(ownerId, contactId)) {
    await cosmosTrashStore.remove(ownerId, [contactId]);
    tally('contact-trash', 'deleted');
  }

  // 5. Every other container of the owner's, then the bot's conversation state.
  const who: Identifiers = { ids: new Set([contactId]), texts: pending.texts };
  const pattern = matcher(pending.texts);
  const order = [...FIRST, ...CONTAINERS.filter((c) => !FIRST.includes(c) && !SKIP.has(c))];
  for (const name of order) {
    await sweep(name, ownerPages(name, ownerId), who, pattern, tally);
  }
  await sweep('conversations', conversationStatePages(), who, pattern, tally, ownerId);
  await scrubOtherContactsNotes(ownerId, pending.texts, pattern, tally);

  // 6. Files: imports, rejected rows, daily reports.
  const blobs = pattern ? await scrubOwnerBlobs(ownerId, pattern) : [];

  // 7. Done: the record keeps hashes and the receipt, nothing that names the person.
  const receipt: ErasureReceipt = {
    contactId,
    erasedAt: at,
    removed: ['contacts', 'contact-trash', ...order].map((container) => {
      const t = removed.get(container) ?? { deleted: 0, anonymised: 0 };
      return { container, count: t.deleted + t.anonymised, ...t };
    }),
    blobs,
    meetingsCancelled: cancelled,
  };
  doc = { ...doc, status: 'erased', pending: null, receipt };
  await suppressions.items.upsert(doc);
  await recordAudit({
    ownerId,
    actor: opts.actor,
    action: 'contact.erase',
    target: contactId,
    outcome: 'ok',
    detail: {
      documents: receipt.removed.reduce((n, r) => n + r.count, 0),
      files: blobs.length,
      meetingsCancelled: cancelled,
    },
    at: opts.now,
  });
  return receipt;
}

/**
 * One container: documents about the person go, others lose the mention. Changes are collected
 * before they are applied, so paging is never disturbed by the deletes.
 */
async function sweep(
  name: ContainerName,
  pages: AsyncGenerator<StoredDoc[]>,
  who: Identifiers,
  pattern: RegExp | null,
  tally: (name: string, kind: 'deleted' | 'anonymised') => void,
  /** For cross-partition state documents: only those of this owner's conversations. */
  stateOf?: string,
): Promise<void> {
  // The audit log keeps its entries about the erase (they name the contact by id only).
  const ids = name === 'audit' ? new Set<string>() : who.ids;
  const toDelete: StoredDoc[] = [];
  const toReplace: StoredDoc[] = [];
  for await (const page of pages) {
    for (const doc of page) {
      if (stateOf && !mentions(doc, new RegExp(escapeRegExp(stateOf)))) continue;
      const mentioned = mentions(doc, pattern);
      if (refersTo(doc, ids) || (mentioned && DELETE_ON_MENTION.has(name))) {
        toDelete.push(doc);
        if (name === 'meetings' || name === 'messages' || name === 'notifications') who.ids.add(doc.id);
        continue;
      }
      const cleaned = scrub(doc, { ids, texts: who.texts }, pattern);
      if (cleaned !== doc) toReplace.push(cleaned);
    }
  }
  const container = await getContainer(name);
  for (const doc of toDelete) {
    await deleteDoc(container, doc);
    tally(name, 'deleted');
  }
  for (const doc of toReplace) {
    await container.item(doc.id, doc.ownerId).replace(doc);
    tally(name, 'anonymised');
  }
}

/**
 * Other contacts are not read whole (an owner may hold 100k): only their notes, where someone may
 * have written "introduced by <name>", are searched, in Cosmos. Their other fields are their own
 * (a shared switchboard number stays theirs).
 */
async function scrubOtherContactsNotes(
  ownerId: string,
  texts: string[],
  pattern: RegExp | null,
  tally: (name: string, kind: 'deleted' | 'anonymised') => void,
): Promise<void> {
  const words = texts.filter((t) => !/^\+?\d+$/.test(t));
  if (!pattern || words.length === 0) return;
  const container = await getContainer('contacts');
  const { resources } = await container.items
    .query<StoredDoc & { notes?: string }>(
      {
        query: `SELECT * FROM c WHERE c.ownerId = @o AND IS_STRING(c.notes) AND (${words
          .map((_, i) => `CONTAINS(LOWER(c.notes), @t${i})`)
          .join(' OR ')})`,
        parameters: [{ name: '@o', value: ownerId }, ...words.map((t, i) => ({ name: `@t${i}`, value: t }))],
      },
      { partitionKey: ownerId },
    )
    .fetchAll();
  for (const doc of resources) {
    const notes = doc.notes!.replace(pattern, ERASED);
    if (notes === doc.notes) continue;
    await container.item(doc.id, ownerId).replace({ ...doc, notes });
    tally('contacts', 'anonymised');
  }
}

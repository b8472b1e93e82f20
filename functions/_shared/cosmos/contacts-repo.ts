import type { Container, JSONObject, OperationInput, SqlParameter } from '@azure/cosmos';
import { contactFlags } from '../../contacts/flags.js';
import {
  CONTACT_FIELD_KEYS,
  type ContactDto,
  type ContactFields,
  type ContactFlag,
  type ContactListQuery,
  type ContactPage,
  type ContactPatch,
  type ContactSource,
  type ContactStatus,
} from '../../contacts/schema.js';
import { AppError, notFound } from '../errors.js';
import { cosmosStatus, getContainer } from './client.js';

/** A contact as stored: the DTO fields plus owner, derived search fields and provenance. */
export interface ContactDoc extends ContactFields {
  id: string;
  ownerId: string;
  status: ContactStatus;
  source: ContactSource;
  flags: ContactFlag[];
  tags: string[];
  /** Lower-cased name, email, company and title: what the search box matches. */
  searchText: string;
  tagKeys: string[];
  /** The import that created this contact, and the last one that changed it (for exact resume counts). */
  createdByImport?: string;
  updatedByImport?: string;
  createdAt: string;
  updatedAt: string;
  _etag?: string;
}

/** Recomputes the fields derived from what a person sees; call before every write. */
export function withDerived(doc: ContactDoc): ContactDoc {
  const searchText = [doc.firstName, doc.lastName, doc.email, doc.company, doc.title]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return { ...doc, searchText, tagKeys: doc.tags.map((t) => t.toLowerCase()), flags: contactFlags(doc) };
}

export function toContactDto(doc: ContactDoc): ContactDto {
  const dto: ContactDto = {
    id: doc.id,
    status: doc.status,
    source: doc.source,
    flags: doc.flags,
    tags: doc.tags,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
  for (const key of CONTACT_FIELD_KEYS) {
    if (key !== 'tags' && doc[key] !== undefined) (dto as Record<string, unknown>)[key] = doc[key];
  }
  return dto;
}

export async function listContacts(ownerId: string, q: ContactListQuery): Promise<ContactPage> {
  const container = await getContainer('contacts');
  // The ownerId filter is in the WHERE clause as well as the partition option: the local API
  // server ignores the option, and owner isolation must never depend on it.
  const where = ['c.ownerId = @owner'];
  const parameters: SqlParameter[] = [{ name: '@owner', value: ownerId }];
  if (q.search) {
    where.push('CONTAINS(c.searchText, @search)');
    parameters.push({ name: '@search', value: q.search.toLowerCase() });
  }
  if (q.tag) {
    where.push('ARRAY_CONTAINS(c.tagKeys, @tag)');
    parameters.push({ name: '@tag', value: q.tag.toLowerCase() });
  }
  if (q.source) {
    where.push('c.source = @source');
    parameters.push({ name: '@source', value: q.source });
  }
  if (q.status) {
    where.push('c.status = @status');
    parameters.push({ name: '@status', value: q.status });
  }
  const query = `SELECT * FROM c WHERE ${where.join(' AND ')} ORDER BY c.createdAt DESC`;
  let page: { resources: ContactDoc[]; continuationToken?: string };
  try {
    page = await container.items
      .query<ContactDoc>(
        { query, parameters },
        { partitionKey: ownerId, maxItemCount: q.limit, continuationToken: q.continuationToken },
      )
      .fetchNext();
  } catch (err) {
    if (q.continuationToken && cosmosStatus(err) === 400) {
      throw new AppError('VALIDATION', 'The page link has expired — start again from the first page.', [
        { path: 'continuationToken', message: 'not a valid continuation token' },
      ]);
    }
    throw err;
  }
  return {
    items: page.resources.filter((d) => d.ownerId === ownerId).map(toContactDto),
    continuationToken: page.continuationToken ?? null,
  };
}

async function readDoc(container: Container, ownerId: string, id: string): Promise<ContactDoc | undefined> {
  const { resource } = await container.item(id, ownerId).read<ContactDoc>();
  return resource && resource.ownerId === ownerId ? resource : undefined;
}

export async function getContact(ownerId: string, id: string): Promise<ContactDto> {
  const doc = await readDoc(await getContainer('contacts'), ownerId, id);
  if (!doc) throw notFound('Contact');
  return toContactDto(doc);
}

/** Applies a patch with optimistic concurrency: a concurrent write is re-read and the patch re-applied. */
export async function updateContact(
  ownerId: string,
  id: string,
  patch: ContactPatch,
  now: Date,
): Promise<ContactDto> {
  const container = await getContainer('contacts');
  for (let attempt = 0; attempt < 5; attempt++) {
    const doc = await readDoc(container, ownerId, id);
    if (!doc) throw notFound('Contact');
    const next: Record<string, unknown> = { ...doc, updatedAt: now.toISOString() };
    for (const [key, value] of Object.entries(patch)) {
      if (value === null) delete next[key];
      else if (value !== undefined) next[key] = value;
    }
    if (!next.tags) next.tags = [];
    const updated = withDerived(next as unknown as ContactDoc);
    try {
      const { resource } = await container
        .item(id, ownerId)
        .replace<ContactDoc>(updated, { accessCondition: { type: 'IfMatch', condition: doc._etag! } });
      return toContactDto(resource!);
    } catch (err) {
      if (cosmosStatus(err) !== 412) throw err;
    }
  }
  throw new AppError('CONFLICT', 'This contact is being changed elsewhere — reload it and try again.');
}

export async function deleteContact(ownerId: string, id: string): Promise<void> {
  const container = await getContainer('contacts');
  if (!(await readDoc(container, ownerId, id))) throw notFound('Contact');
  try {
    await container.item(id, ownerId).delete();
  } catch (err) {
    if (cosmosStatus(err) !== 404) throw err;
  }
}

/** Bulk calls take at most 100 operations on the local API server; Azure batches the same way. */
const BULK_LIMIT = 100;

export interface BulkWriteResult {
  /** Per input document: the HTTP status of its operation (201/200 ok, 409 exists, 412 changed). */
  statuses: number[];
  operations: number;
}

/** Writes many contacts of one owner in bulk calls; never throws for per-document conflicts. */
export async function bulkWriteContacts(
  ownerId: string,
  docs: ContactDoc[],
  mode: 'create' | 'replace',
): Promise<BulkWriteResult> {
  const container = await getContainer('contacts');
  const statuses: number[] = [];
  for (let i = 0; i < docs.length; i += BULK_LIMIT) {
    const ops: OperationInput[] = docs.slice(i, i + BULK_LIMIT).map((doc) => {
      if (doc.ownerId !== ownerId) throw new Error('bulkWriteContacts: document of another owner');
      const { _etag, ...body } = withDerived(doc);
      return mode === 'create'
        ? { operationType: 'Create', partitionKey: ownerId, resourceBody: body as unknown as JSONObject }
        : {
            operationType: 'Replace',
            partitionKey: ownerId,
            id: doc.id,
            resourceBody: body as unknown as JSONObject,
            ...(_etag ? { ifMatch: _etag } : {}),
          };
    });
    // bulk(), not executeBulkOperations(): the latter waits 1 s for every partially filled
    // batch (the SDK's intervalForPartialBatchInMs), which made a 10k-row import take 100 s.
    const results = await container.items.bulk(ops, { continueOnError: true });
    for (const r of results) statuses.push(r.statusCode);
  }
  return { statuses, operations: docs.length };
}

/**
 * Ids per lookup query: one import chunk (500) in one query. On the local API server each query
 * scans the container, so fewer, larger queries make a 100k re-import ~5× faster; on Azure the
 * id index answers either way and the request stays far below the 256 KB query limit.
 */
const IDS_PER_QUERY = 1000;

/** Reads the given ids of one owner with one query per 1,000 ids. */
export async function readContactsByIds(
  ownerId: string,
  ids: string[],
): Promise<{ docs: Map<string, ContactDoc>; operations: number }> {
  const container = await getContainer('contacts');
  const docs = new Map<string, ContactDoc>();
  let operations = 0;
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const batch = ids.slice(i, i + IDS_PER_QUERY);
    const { resources } = await container.items
      .query<ContactDoc>(
        {
          query: 'SELECT * FROM c WHERE c.ownerId = @owner AND ARRAY_CONTAINS(@ids, c.id)',
          parameters: [
            { name: '@owner', value: ownerId },
            { name: '@ids', value: batch },
          ],
        },
        { partitionKey: ownerId },
      )
      .fetchAll();
    operations++;
    for (const doc of resources) if (doc.ownerId === ownerId) docs.set(doc.id, doc);
  }
  return { docs, operations };
}

import { fold, foldAccents } from '../_shared/text/fold.js';
import { contactFlags } from './flags.js';
import { storedIdentityIds } from './identity.js';
import {
  CONTACT_FIELD_KEYS,
  type ContactDto,
  type ContactFields,
  type ContactFlag,
  type ContactSource,
  type ContactStatus,
} from './schema.js';

/** A contact as stored: the DTO fields plus owner, derived search fields and provenance. */
export interface ContactDoc extends ContactFields {
  id: string;
  ownerId: string;
  status: ContactStatus;
  source: ContactSource;
  flags: ContactFlag[];
  tags: string[];
  /** Name, email, company, title and place folded (no accents, lower case): what the search box matches. */
  searchText: string;
  /** Folded display name and company, what the list sorts by (no company sorts last). */
  sortName?: string;
  sortCompany?: string;
  tagKeys: string[];
  /** Hashes of every identity (email, LinkedIn, name + company, phone): how the contact is found. */
  identities?: string[];
  /** The import that created this contact, and the last one that changed it (for exact resume counts). */
  createdByImport?: string;
  updatedByImport?: string;
  /** The last bulk action that changed it (for exact counts when a bulk job resumes). */
  changedByJob?: string;
  /** Pipeline bookkeeping (leads/pipeline.ts): when `status` was reached and how; the next action. */
  lead?: LeadTrack;
  createdAt: string;
  updatedAt: string;
  _etag?: string;
}

/** When a lead reached its stage, whether a person or an event moved it, and what to do next. */
export interface LeadTrack {
  since?: string;
  by?: 'event' | 'manual';
  /** A local date (YYYY-MM-DD, the owner's zone) and what to do then. */
  nextAction?: { on: string; note: string };
}

/** A contact as one source (a file row, the booking page, the bot) describes it, before it is stored. */
export interface ContactDraft extends Omit<ContactFields, 'tags'> {
  tags: string[];
  flags: ContactFlag[];
  source: ContactSource;
}

/** "Jane Doe", else the email, else the company: what a person calls the contact. */
export function displayName(fields: ContactFields): string {
  const name = [fields.firstName, fields.lastName].filter(Boolean).join(' ');
  return name || fields.email || fields.company || 'Unnamed contact';
}

/** Recomputes the fields derived from what a person sees; every write goes through it. */
export function withDerived(doc: ContactDoc): ContactDoc {
  // Accents and case gone, punctuation kept, so "o'neil" and "jane@x.io" match as typed.
  const searchText = foldAccents(
    [doc.firstName, doc.lastName, doc.email, doc.company, doc.title, doc.city, doc.country, doc.location]
      .filter(Boolean)
      .join(' '),
  );
  return {
    ...doc,
    searchText,
    sortName: fold(displayName(doc)),
    sortCompany: doc.company ? fold(doc.company) : LAST,
    tagKeys: doc.tags.map((t) => t.toLowerCase()),
    flags: contactFlags(doc),
    identities: storedIdentityIds(doc),
  };
}

/** Sorts after every letter of every script, so contacts without a company come last A→Z. */
const LAST = '\uffff';

/** A new contact from a draft (the store derives its search fields on write); `importId` marks its import. */
export function newContactDoc(
  id: string,
  ownerId: string,
  now: string,
  draft: ContactDraft,
  importId?: string,
): ContactDoc {
  const { source, flags: _flags, ...fields } = draft;
  return {
    ...fields,
    id,
    ownerId,
    status: 'new',
    source,
    flags: [],
    tags: fields.tags ?? [],
    searchText: '',
    tagKeys: [],
    ...(importId && { createdByImport: importId }),
    createdAt: now,
    updatedAt: now,
  };
}

/** The DTO lists the fields it keeps, so a stored field added later never leaks by default. */
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

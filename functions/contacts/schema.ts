import { z } from 'zod';

/** Where a lead is in the pipeline. */
// 'meeting' is "meeting booked"; met and no-show came with the pipeline (leads/stages.ts), after it.
export const ContactStatus = z.enum([
  'new',
  'contacted',
  'replied',
  'meeting',
  'met',
  'no-show',
  'won',
  'lost',
]);
export type ContactStatus = z.infer<typeof ContactStatus>;

/** How a contact came in. */
export const ContactSource = z.enum(['csv', 'xlsx', 'xls', 'linkedin', 'manual', 'bot', 'booking']);
export type ContactSource = z.infer<typeof ContactSource>;

/** Markers the UI shows beside a contact; derived from its fields (flags.ts). */
export const ContactFlag = z.enum(['no-email', 'phone-unverified']);
export type ContactFlag = z.infer<typeof ContactFlag>;

/**
 * The longest value each text field holds, and the name a person knows it by. An import refuses
 * a longer cell naming the field, the API refuses it with the field's path: one table for both.
 */
export const TEXT_LIMITS = {
  firstName: { label: 'First name', max: 100 },
  lastName: { label: 'Last name', max: 100 },
  company: { label: 'Company', max: 200 },
  title: { label: 'Title', max: 200 },
  phone: { label: 'Phone', max: 32 },
  location: { label: 'Location', max: 200 },
  city: { label: 'City', max: 100 },
  country: { label: 'Country', max: 100 },
  notes: { label: 'Notes', max: 5000 },
} as const;

/** A contact holds at most this many tags, each at most this long. */
export const TAG_LIMITS = { count: 50, length: 50 } as const;

const text = (field: keyof typeof TEXT_LIMITS) => z.string().trim().max(TEXT_LIMITS[field].max);

/** Each field a person can edit or an import can fill, with its limits. */
const fieldSchemas = {
  email: z.email().max(254),
  firstName: text('firstName'),
  lastName: text('lastName'),
  company: text('company'),
  title: text('title'),
  phone: text('phone'),
  linkedinUrl: z.url().max(500),
  location: text('location'),
  city: text('city'),
  country: text('country'),
  timeZone: z.string().max(64),
  tags: z.array(z.string().trim().min(1).max(TAG_LIMITS.length)).max(TAG_LIMITS.count),
  notes: z.string().max(TEXT_LIMITS.notes.max),
};
type FieldSchemas = typeof fieldSchemas;

/** The names of the fields a person sees and edits on a contact, in display order. */
export const CONTACT_FIELD_KEYS = Object.keys(fieldSchemas) as (keyof FieldSchemas)[];

export const ContactFields = z.object(fieldSchemas).partial();
export type ContactFields = z.infer<typeof ContactFields>;

/** A contact as the API returns it. */
export const ContactDto = ContactFields.extend({
  id: z.string(),
  status: ContactStatus,
  source: ContactSource,
  flags: z.array(ContactFlag),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContactDto = z.infer<typeof ContactDto>;

const clearable = Object.fromEntries(
  Object.entries(fieldSchemas).map(([key, schema]) => [key, schema.nullable().optional()]),
) as { [K in keyof FieldSchemas]: z.ZodOptional<z.ZodNullable<FieldSchemas[K]>> };

/** PATCH /api/contacts/{id}: any editable field, plus status; `null` clears a field. */
export const ContactPatch = z.object({ ...clearable, status: ContactStatus.optional() }).strict();
export type ContactPatch = z.infer<typeof ContactPatch>;

/** Which contacts: the list's filters, also the target of bulk actions and exports. */
export const ContactFilter = z.object({
  /** Matches name, email, company, title, city, country and location, ignoring accents and case. */
  search: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(TAG_LIMITS.length).optional(),
  source: ContactSource.optional(),
  status: ContactStatus.optional(),
});
export type ContactFilter = z.infer<typeof ContactFilter>;

/** Orders the list offers, each in both directions; ties are broken by id so pages never overlap. */
export const ContactSort = z.enum(['name', 'company', 'createdAt', 'updatedAt']);
export type ContactSort = z.infer<typeof ContactSort>;
export const SortDirection = z.enum(['asc', 'desc']);
export type SortDirection = z.infer<typeof SortDirection>;

/** GET /api/contacts query string. */
export const ContactListQuery = ContactFilter.extend({
  sort: ContactSort.default('createdAt'),
  dir: SortDirection.default('desc'),
  continuationToken: z.string().max(4000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ContactListQuery = z.input<typeof ContactListQuery>;
export type ParsedContactListQuery = z.infer<typeof ContactListQuery>;

export const ContactPage = z.object({
  items: z.array(ContactDto),
  continuationToken: z.string().nullable(),
  /** Contacts matching the filter, all pages together. */
  total: z.number().int(),
});
export type ContactPage = z.infer<typeof ContactPage>;

/**
 * POST /api/contacts: a contact added by hand, validated as an import row would be. Needs an
 * email, a name or a LinkedIn URL. An existing person (same email, profile, or name + company)
 * is refused with 409 DUPLICATE whose detail carries the existing contact's id.
 */
export const ContactCreate = ContactFields.extend({ status: ContactStatus.optional() })
  .strict()
  .refine((c) => c.email || c.firstName || c.lastName || c.linkedinUrl, {
    message: 'Give an email, a name or a LinkedIn URL',
    path: ['email'],
  });
export type ContactCreate = z.infer<typeof ContactCreate>;

/** What a bulk action applies to: chosen rows, or every contact matching a filter. */
export const BulkTarget = z.union([
  z.object({ ids: z.array(z.string().min(1).max(100)).min(1).max(1000) }).strict(),
  z.object({ filter: ContactFilter }).strict(),
]);
export type BulkTarget = z.infer<typeof BulkTarget>;

const bulkTags = z.array(z.string().trim().min(1).max(TAG_LIMITS.length)).min(1).max(TAG_LIMITS.count);
export const BulkAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('addTags'), tags: bulkTags }),
  z.object({ type: z.literal('removeTags'), tags: bulkTags }),
  z.object({ type: z.literal('setStatus'), status: ContactStatus }),
  /** Moves the contacts to the trash (kept 30 days, restorable). */
  z.object({ type: z.literal('delete') }),
]);
export type BulkAction = z.infer<typeof BulkAction>;

/** POST /api/contacts/bulk: up to 500 contacts are done in the request (200), more in the background (202). */
export const BulkRequest = z.object({ target: BulkTarget, action: BulkAction });
export type BulkRequest = z.infer<typeof BulkRequest>;

/** What a job does: a requested action, or the undo of a bulk delete (restoring what it trashed). */
export const BulkJobAction = z.union([BulkAction, z.object({ type: z.literal('restore'), of: z.string() })]);
export type BulkJobAction = z.infer<typeof BulkJobAction>;

export const BulkJobStatus = z.enum(['queued', 'running', 'completed', 'failed']);
export type BulkJobStatus = z.infer<typeof BulkJobStatus>;

/** GET /api/contacts/bulk/{id}: a bulk action's progress; `changed` ≤ `processed` ≤ `total`. */
export const BulkJobDto = z.object({
  id: z.string(),
  action: BulkJobAction,
  status: BulkJobStatus,
  total: z.number().int(),
  processed: z.number().int(),
  /** Contacts the action actually changed (adding a tag a contact already has changes nothing). */
  changed: z.number().int(),
  error: z.string().nullable(),
  /** A completed delete can be undone (POST /api/contacts/bulk/{id}/undo) while the trash keeps it. */
  undoable: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  completedAt: z.string().nullable(),
});
export type BulkJobDto = z.infer<typeof BulkJobDto>;

/** GET /api/contacts/export: the filter (or chosen ids, comma-separated) as a CSV or Excel file. */
export const ExportQuery = ContactFilter.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  ids: z
    .string()
    .max(110_000)
    .transform((v) => v.split(',').filter(Boolean))
    .optional(),
  sort: ContactSort.default('createdAt'),
  dir: SortDirection.default('desc'),
});
export type ExportQuery = z.infer<typeof ExportQuery>;

/** A contact in the trash: restorable until `purgeAt` (30 days after deletion). */
export const TrashedContactDto = ContactDto.extend({ deletedAt: z.string(), purgeAt: z.string() });
export type TrashedContactDto = z.infer<typeof TrashedContactDto>;

/** Columns a person can show in the contacts list, in their order. */
export const ContactColumn = z.enum([
  'name',
  'email',
  'phone',
  'company',
  'title',
  'location',
  'city',
  'country',
  'timeZone',
  'linkedinUrl',
  'tags',
  'status',
  'source',
  'createdAt',
  'updatedAt',
]);
export type ContactColumn = z.infer<typeof ContactColumn>;

/** GET/PUT /api/preferences: per user, kept on the server so every browser shows the same. */
export const Preferences = z.object({
  contactColumns: z.array(ContactColumn).min(1).max(ContactColumn.options.length),
});
export type Preferences = z.infer<typeof Preferences>;

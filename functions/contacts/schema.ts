import { z } from 'zod';

/** Where a lead is in the pipeline. */
export const ContactStatus = z.enum(['new', 'contacted', 'replied', 'meeting', 'won', 'lost']);
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

/** GET /api/contacts query string. */
export const ContactListQuery = z.object({
  search: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(TAG_LIMITS.length).optional(),
  source: ContactSource.optional(),
  status: ContactStatus.optional(),
  continuationToken: z.string().max(4000).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ContactListQuery = z.infer<typeof ContactListQuery>;

export const ContactPage = z.object({
  items: z.array(ContactDto),
  continuationToken: z.string().nullable(),
});
export type ContactPage = z.infer<typeof ContactPage>;

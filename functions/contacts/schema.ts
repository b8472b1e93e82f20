import { z } from 'zod';

/** Where a lead is in the pipeline. */
export const ContactStatus = z.enum(['new', 'contacted', 'replied', 'meeting', 'won', 'lost']);
export type ContactStatus = z.infer<typeof ContactStatus>;

/** How a contact came in. */
export const ContactSource = z.enum(['csv', 'xlsx', 'xls', 'linkedin', 'manual', 'bot', 'booking']);
export type ContactSource = z.infer<typeof ContactSource>;

/** Markers the UI shows beside a contact. */
export const ContactFlag = z.enum(['no-email', 'phone-unverified']);
export type ContactFlag = z.infer<typeof ContactFlag>;

/** Each field a person can edit or an import can fill, with its limits. */
const fieldSchemas = {
  email: z.email().max(254),
  firstName: z.string().trim().max(100),
  lastName: z.string().trim().max(100),
  company: z.string().trim().max(200),
  title: z.string().trim().max(200),
  phone: z.string().trim().max(32),
  linkedinUrl: z.url().max(500),
  location: z.string().trim().max(200),
  city: z.string().trim().max(100),
  country: z.string().trim().max(100),
  timeZone: z.string().max(64),
  tags: z.array(z.string().trim().min(1).max(50)).max(50),
  notes: z.string().max(5000),
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
  tag: z.string().trim().max(50).optional(),
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

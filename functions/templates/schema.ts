import { z } from 'zod';
import { ContactFilter } from '../contacts/schema.js';

/**
 * An email template: subject and HTML body in Handlebars (strict, HTML-escaped, no prototype
 * access), plain text derived from the HTML unless written by hand. Variables come from the
 * contact and the sender ({{firstName}}, {{company}}, {{senderName}}, …) with a fallback per use:
 * {{firstName "there"}}.
 */
export const TemplateInput = z.object({
  name: z.string().trim().min(1).max(120),
  subject: z.string().trim().min(1).max(300),
  html: z.string().min(1).max(100_000),
  /** Written by hand; when empty the plain-text part is derived from the HTML. */
  text: z.string().max(100_000).nullable().optional(),
});
export type TemplateInput = z.infer<typeof TemplateInput>;

export const TemplateDto = TemplateInput.extend({
  id: z.string(),
  text: z.string().nullable(),
  /** Variables the template uses, in order of first use. */
  variables: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TemplateDto = z.infer<typeof TemplateDto>;

/** One variable a template can use, as the editor lists it. */
export const VariableDto = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string(),
  example: z.string(),
});
export type VariableDto = z.infer<typeof VariableDto>;

/**
 * POST /api/templates/preview: renders a template (saved, by id, or the draft on screen) for one
 * contact, and counts how many contacts of an audience lack each variable it uses.
 */
export const PreviewRequest = z.object({
  templateId: z.string().optional(),
  draft: TemplateInput.optional(),
  contactId: z.string().optional(),
  audience: z
    .union([z.object({ ids: z.array(z.string()).max(1000) }), z.object({ filter: ContactFilter })])
    .optional(),
});
export type PreviewRequest = z.infer<typeof PreviewRequest>;

export const PreviewDto = z.object({
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  /** Per variable: recipients of the audience with no value (their fallback, or blank, is used). */
  missing: z.record(z.string(), z.number().int()),
  audienceSize: z.number().int(),
});
export type PreviewDto = z.infer<typeof PreviewDto>;

/** POST /api/templates/{id}/test: renders for a contact (or the sample) and sends it to you. */
export const TestSendRequest = z.object({ contactId: z.string().min(1).optional() });
export type TestSendRequest = z.infer<typeof TestSendRequest>;

export const TestSendDto = z.object({
  /** Your own address, where the test went. */
  sentTo: z.string(),
  status: z.literal('sent'),
});
export type TestSendDto = z.infer<typeof TestSendDto>;

import type { TemplateDto, TemplateInput } from './schema.js';

/** A template as stored: the DTO plus its owner; `starter` names the starter it began as. */
export interface TemplateDoc {
  id: string;
  ownerId: string;
  name: string;
  subject: string;
  html: string;
  text: string | null;
  variables: string[];
  starter?: string;
  createdAt: string;
  updatedAt: string;
  _etag?: string;
}

/** Hand-written text that is only blank lines is no text: the plain part is derived instead. */
export const handWrittenText = (input: TemplateInput): string | null =>
  input.text?.trim() ? input.text : null;

/** The DTO lists its fields, so a stored field added later never leaks by default. */
export function toTemplateDto(doc: TemplateDoc): TemplateDto {
  return {
    id: doc.id,
    name: doc.name,
    subject: doc.subject,
    html: doc.html,
    text: doc.text,
    variables: doc.variables,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

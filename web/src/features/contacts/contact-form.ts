import type {
  ContactCreate,
  ContactDto,
  ContactPatch,
  ContactStatus,
} from '../../../../functions/contacts/schema';
import type { ApiErrorDetail } from '../../lib/api';

export const TEXT_FIELDS = [
  { name: 'firstName', label: 'First name', type: 'text' },
  { name: 'lastName', label: 'Last name', type: 'text' },
  { name: 'email', label: 'Email', type: 'email' },
  { name: 'company', label: 'Company', type: 'text' },
  { name: 'title', label: 'Title', type: 'text' },
  { name: 'phone', label: 'Phone', type: 'tel' },
  { name: 'linkedinUrl', label: 'LinkedIn URL', type: 'url' },
  { name: 'location', label: 'Location', type: 'text' },
  { name: 'city', label: 'City', type: 'text' },
  { name: 'country', label: 'Country', type: 'text' },
  { name: 'timeZone', label: 'Time zone', type: 'text' },
] as const;

type TextField = (typeof TEXT_FIELDS)[number]['name'];
export type FormField = TextField | 'status' | 'tags' | 'notes';
export type FormValues = Record<TextField | 'tags' | 'notes', string> & { status: ContactStatus };

const FORM_FIELDS: readonly string[] = [...TEXT_FIELDS.map((f) => f.name), 'status', 'tags', 'notes'];

export function toFormValues(contact: ContactDto): FormValues {
  const values = Object.fromEntries(TEXT_FIELDS.map((f) => [f.name, contact[f.name] ?? '']));
  return {
    ...(values as Record<TextField, string>),
    tags: contact.tags.join(', '),
    notes: contact.notes ?? '',
    status: contact.status,
  };
}

export const emptyFormValues = (): FormValues => ({
  ...(Object.fromEntries(TEXT_FIELDS.map((f) => [f.name, ''])) as Record<TextField, string>),
  tags: '',
  notes: '',
  status: 'new',
});

/** A new contact from the form: the fields filled in, trimmed; empty ones left out. */
export function toCreate(values: FormValues): ContactCreate {
  const body: ContactCreate = { status: values.status };
  for (const { name } of TEXT_FIELDS) {
    const value = values[name].trim();
    if (value) body[name] = value;
  }
  const tags = splitTags(values.tags);
  if (tags.length > 0) body.tags = tags;
  if (values.notes.trim()) body.notes = values.notes;
  return body;
}

const splitTags = (text: string) =>
  text
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);

/** Only what changed; an emptied field becomes `null`, which the API reads as "clear it". */
export function toPatch(contact: ContactDto, values: FormValues): ContactPatch {
  const before = toFormValues(contact);
  const patch: ContactPatch = {};
  for (const { name } of TEXT_FIELDS) {
    const next = values[name].trim();
    if (next !== before[name].trim()) patch[name] = next === '' ? null : next;
  }
  if (values.notes !== before.notes) patch.notes = values.notes === '' ? null : values.notes;
  const tags = splitTags(values.tags);
  if (tags.join(',') !== contact.tags.join(',')) patch.tags = tags;
  if (values.status !== contact.status) patch.status = values.status;
  return patch;
}

/** Splits API details into per-field messages (by `path`, e.g. "email" or "body.tags.0") and the rest. */
export function fieldErrors(details: ApiErrorDetail[]) {
  const byField: Partial<Record<FormField, string>> = {};
  const other: ApiErrorDetail[] = [];
  for (const detail of details) {
    const field = detail.path?.split(/[.[\]/]/).find((segment) => FORM_FIELDS.includes(segment)) as
      | FormField
      | undefined;
    if (field && !byField[field]) byField[field] = detail.message;
    else other.push(detail);
  }
  return { byField, other };
}

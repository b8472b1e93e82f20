import { normaliseEmail } from '../contacts/fields/email.js';
import { normaliseLinkedIn } from '../contacts/fields/linkedin.js';
import { nameFromEmail, splitFullName, tidy } from '../contacts/fields/name.js';
import { normalisePhone, phoneCountry } from '../contacts/fields/phone.js';
import { normaliseTimeZone } from '../contacts/fields/time-zone.js';
import { contactFlags } from '../contacts/flags.js';
import { contactKey } from '../contacts/identity.js';
import type { ContactDraft } from '../contacts/model.js';
import { type ContactSource, TEXT_LIMITS } from '../contacts/schema.js';
import { parseTags } from './fields/tags.js';
import { type ColumnPlan, planColumns, textOf, textsOf } from './plan.js';
import type { ColumnMapping } from './schema.js';

export interface DraftOptions {
  source: ContactSource;
  /** ISO country for phone numbers written without +country code, when the row names no country. */
  defaultCountry?: string;
  /** Tags added to every contact of this import (e.g. a campaign name). */
  tags?: string[];
}

export type DraftResult =
  | { ok: true; row: number; draft: ContactDraft; key: string }
  | { ok: false; row: number; reason: string };

const TEXT_FIELDS = ['firstName', 'lastName', 'company', 'title', 'location', 'city', 'country'] as const;

// The contact's own limits: a longer value is refused with its field named, not cut. The phone
// is checked where it is read, naming the number as typed.
const LIMITED = (Object.keys(TEXT_LIMITS) as (keyof typeof TEXT_LIMITS)[]).filter((f) => f !== 'phone');
const MAX_PHONE_LENGTH = TEXT_LIMITS.phone.max;

/**
 * One row → a contact draft and its de-duplication key, or the reason it cannot be imported.
 * Never throws for bad data; `cells` are the row as read, `mapping` one field (or null) per column.
 */
export function toDraft(
  cells: readonly string[],
  mapping: ColumnMapping,
  row: number,
  opts: DraftOptions,
): DraftResult {
  const plan = planColumns(mapping);
  const draft: ContactDraft = { tags: [], flags: [], source: opts.source };
  let notes: string[] | undefined;

  const emailText = textOf(cells, plan.email);
  if (emailText) {
    const result = normaliseEmail(emailText);
    if (result && 'error' in result) return { ok: false, row, reason: result.error };
    if (result) {
      draft.email = result.email;
      if (result.others.length > 0) notes = [`Other emails: ${result.others.join(', ')}`];
    }
  }
  for (const field of TEXT_FIELDS) {
    const text = textOf(cells, plan[field]);
    if (text) draft[field] = tidy(text);
  }
  if (!draft.firstName && !draft.lastName) nameFromColumnsOrEmail(draft, cells, plan);
  const linkedin = textOf(cells, plan.linkedinUrl);
  const profile = linkedin ? normaliseLinkedIn(linkedin) : null;
  if (profile) draft.linkedinUrl = profile.url;
  const phone = textOf(cells, plan.phone);
  if (phone) {
    draft.phone = normalisePhone(phone, phoneCountry(draft, opts.defaultCountry));
    if (draft.phone.length > MAX_PHONE_LENGTH) {
      return { ok: false, row, reason: `Phone "${phone}" is longer than ${MAX_PHONE_LENGTH} characters` };
    }
  }
  const zone = textOf(cells, plan.timeZone);
  if (zone) {
    const timeZone = normaliseTimeZone(zone);
    if (timeZone) draft.timeZone = timeZone;
    else {
      notes ??= [];
      notes.push(`Time zone: ${zone}`);
    }
  }
  if (plan.tags.length > 0 || opts.tags?.length) draft.tags = parseTags(textsOf(cells, plan.tags), opts.tags);
  if (plan.notes.length > 0) {
    const written = textsOf(cells, plan.notes);
    if (written.length > 0) notes = notes ? [...written, ...notes] : written;
  }
  if (notes) draft.notes = notes.join('\n');

  for (const field of LIMITED) {
    const value = draft[field];
    const { label, max } = TEXT_LIMITS[field];
    if (typeof value === 'string' && value.length > max) {
      return { ok: false, row, reason: `${label} is longer than ${max} characters` };
    }
  }
  // Same precedence as contactKey (email, LinkedIn, name), reusing what is already normalised.
  const key = draft.email ? `e:${draft.email}` : profile ? `l:${profile.key}` : contactKey(draft);
  if (key === null) return { ok: false, row, reason: 'Needs an email, a name or a LinkedIn URL' };
  draft.flags = contactFlags(draft);
  return { ok: true, row, draft, key };
}

function nameFromColumnsOrEmail(draft: ContactDraft, cells: readonly string[], plan: ColumnPlan): void {
  const fullName = textOf(cells, plan.fullName);
  const name = fullName ? splitFullName(fullName) : draft.email ? nameFromEmail(draft.email) : null;
  if (name?.firstName) draft.firstName = name.firstName;
  if (name?.lastName) draft.lastName = name.lastName;
}

import { contactFlags } from './flags.js';
import type { ContactDraft } from './model.js';
import { CONTACT_FIELD_KEYS, type ContactFields, type ContactFlag, TAG_LIMITS } from './schema.js';

type Mergeable = Omit<ContactFields, 'tags'> & { tags?: string[]; flags?: ContactFlag[] };

const FILLABLE = CONTACT_FIELD_KEYS.filter((key): key is Exclude<typeof key, 'tags'> => key !== 'tags');

const isEmpty = (value: unknown): boolean => value === undefined || value === null || value === '';

/**
 * Adds what a second sighting of a contact knows without overwriting what is known: empty fields
 * are filled, existing values kept, tags united (ignoring case). Flags follow the merged fields.
 * Used within a file, against the stored contact, and by every channel that creates contacts;
 * `changed` says whether to write.
 */
export function mergeContact<T extends Mergeable>(
  existing: T,
  incoming: Mergeable,
): { merged: T; changed: boolean } {
  const merged: T = { ...existing };
  let changed = false;
  for (const field of FILLABLE) {
    if (isEmpty(existing[field]) && !isEmpty(incoming[field])) {
      (merged as Mergeable)[field] = incoming[field] as never;
      changed = true;
    }
  }
  const tags = existing.tags ?? [];
  const united = uniteTags(tags, incoming.tags ?? []);
  if (united.length !== tags.length) {
    merged.tags = united;
    changed = true;
  }
  if (existing.flags !== undefined || incoming.flags !== undefined) {
    const flags = contactFlags(merged);
    const before = existing.flags ?? [];
    if (flags.length !== before.length || flags.some((f, i) => f !== before[i])) changed = true;
    merged.flags = flags;
  }
  return { merged, changed };
}

/** Tags of both, the first spelling of each kept, within the contact's tag limit. */
export function uniteTags(tags: readonly string[], more: readonly string[]): string[] {
  if (tags.length >= TAG_LIMITS.count) return [...tags];
  const known = new Set(tags.map((t) => t.toLowerCase()));
  const added = more.filter((t) => {
    const key = t.toLowerCase();
    if (known.has(key)) return false;
    known.add(key);
    return true;
  });
  return [...tags, ...added].slice(0, TAG_LIMITS.count);
}

/** Several drafts of one person folded into the first. */
export const mergeDrafts = (drafts: ContactDraft[]): ContactDraft =>
  drafts.slice(1).reduce((acc, d) => mergeContact(acc, d).merged, drafts[0]!);

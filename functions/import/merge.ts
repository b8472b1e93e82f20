import { contactFlags } from '../contacts/flags.js';
import { CONTACT_FIELD_KEYS, type ContactFields, type ContactFlag } from '../contacts/schema.js';

type Mergeable = Omit<ContactFields, 'tags'> & { tags?: string[]; flags?: ContactFlag[] };

const FILLABLE = CONTACT_FIELD_KEYS.filter((key): key is Exclude<typeof key, 'tags'> => key !== 'tags');

const MAX_TAGS = 50;
const isEmpty = (value: unknown): boolean => value === undefined || value === null || value === '';

/**
 * Adds what a second sighting of a contact knows without overwriting what is known: empty fields
 * are filled, existing values kept, tags united (ignoring case). Flags follow the merged
 * email and phone. Used within a file and against the stored contact; `changed` says whether to write.
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
  const known = new Set(tags.map((t) => t.toLowerCase()));
  const added = (incoming.tags ?? []).filter((t) => {
    const key = t.toLowerCase();
    if (known.has(key)) return false;
    known.add(key);
    return true;
  });
  if (added.length > 0 && tags.length < MAX_TAGS) {
    merged.tags = [...tags, ...added].slice(0, MAX_TAGS);
    changed = true;
  }
  if (existing.flags !== undefined || incoming.flags !== undefined) {
    const flags = contactFlags(merged);
    if (flags.length !== (existing.flags ?? []).length || flags.some((f, i) => f !== existing.flags?.[i]))
      changed = true;
    merged.flags = flags;
  }
  return { merged, changed };
}

import { TAG_LIMITS } from '../../contacts/schema.js';

const MAX_TAGS = TAG_LIMITS.count;
const MAX_TAG_LENGTH = TAG_LIMITS.length;
const SEPARATOR = /[,;|\t\n\r]|\s\s/;
const SEPARATOR_SPLIT = /[,;|]/;

/** Tags from cells like "vip, berlin; 2024" plus the import's own, deduped ignoring case, within limits. */
export function parseTags(cells: readonly string[], extra: readonly string[] = []): string[] {
  if (
    extra.length === 0 &&
    cells.length === 1 &&
    !SEPARATOR.test(cells[0]!) &&
    cells[0]!.length <= MAX_TAG_LENGTH
  ) {
    return [cells[0]!.trim()];
  }
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const cell of [...cells, ...extra]) {
    for (const part of cell.split(SEPARATOR_SPLIT)) {
      const tag = part.trim().replace(/\s+/g, ' ').slice(0, MAX_TAG_LENGTH).trim();
      const key = tag.toLowerCase();
      if (tag === '' || seen.has(key)) continue;
      seen.add(key);
      tags.push(tag);
      if (tags.length === MAX_TAGS) return tags;
    }
  }
  return tags;
}

const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 50;

/** Tags from cells like "vip, berlin; 2024" plus the import's own, deduped ignoring case, within limits. */
export function parseTags(cells: readonly string[], extra: readonly string[] = []): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const cell of [...cells, ...extra]) {
    for (const part of cell.split(/[,;|]/)) {
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

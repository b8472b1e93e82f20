const MAX_URL_LENGTH = 500;

/**
 * A LinkedIn profile link as one canonical URL ("https://www.linkedin.com/in/jane-doe") and a key
 * that ignores scheme, www/country subdomain, tracking query, trailing slash and case, so two
 * spellings of one profile dedupe. Anything that is not a linkedin.com link gives null.
 */
export function normaliseLinkedIn(raw: string): { url: string; key: string } | null {
  const text = raw.trim();
  if (!/linkedin\.com/i.test(text)) return null;
  let parsed: URL;
  try {
    parsed = new URL(/^https?:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase();
  if (host !== 'linkedin.com' && !host.endsWith('.linkedin.com')) return null;
  const path = parsed.pathname.replace(/\/+$/, '');
  if (path === '') return null;
  const url = `https://www.linkedin.com${path}`;
  if (url.length > MAX_URL_LENGTH) return null;
  return { url, key: `linkedin.com${safeDecode(path).toLowerCase()}` };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

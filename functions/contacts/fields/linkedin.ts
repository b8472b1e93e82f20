const MAX_URL_LENGTH = 500;

// The shape exports use ("https://www.linkedin.com/in/jane-doe"): handled without a URL parse.
const PLAIN_PROFILE = /^https:\/\/www\.linkedin\.com(\/in\/[A-Za-z0-9_-]+)\/?$/;

/**
 * A LinkedIn profile link as one canonical URL ("https://www.linkedin.com/in/jane-doe") and a key
 * that ignores scheme, www/country subdomain, tracking query, trailing slash and case, so two
 * spellings of one profile dedupe. Anything that is not a linkedin.com link gives null.
 */
export function normaliseLinkedIn(raw: string): { url: string; key: string } | null {
  const text = raw.trim();
  const plain = PLAIN_PROFILE.exec(text);
  if (plain) return profile(plain[1]!);
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
  return path === '' ? null : profile(path);
}

function profile(path: string): { url: string; key: string } | null {
  const url = `https://www.linkedin.com${path}`;
  if (url.length > MAX_URL_LENGTH) return null;
  return { url, key: `linkedin.com${safeDecode(path).toLowerCase()}` };
}

function safeDecode(path: string): string {
  if (!path.includes('%')) return path;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

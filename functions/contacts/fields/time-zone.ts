const cache = new Map<string, string | null>();

/** The canonical IANA name ("europe/berlin" → "Europe/Berlin"), or undefined when it is not one. */
export function normaliseTimeZone(raw: string): string | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  let zone = cache.get(text);
  if (zone === undefined) {
    zone = resolve(text);
    if (cache.size < 10_000) cache.set(text, zone);
  }
  return zone ?? undefined;
}

function resolve(text: string): string | null {
  const canonical = lowerCaseZones().get(text.toLowerCase()) ?? text;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: canonical }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

let zones: Map<string, string> | undefined;
function lowerCaseZones(): Map<string, string> {
  zones ??= new Map(Intl.supportedValuesOf('timeZone').map((z) => [z.toLowerCase(), z]));
  return zones;
}

/** The time it is now in `timeZone` ("14:05"), or null when the zone is not one the browser knows. */
export function localTimeIn(timeZone: string, now = new Date()): string | null {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone, hour: 'numeric', minute: '2-digit' }).format(now);
  } catch {
    return null;
  }
}

/** The zone this browser runs in. */
export const browserZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Every IANA zone this browser knows, with the chosen one kept even if it does not list it (UTC). */
export function zoneOptions(current: string): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes(current) ? zones : [current, ...zones];
}

/** "America/New_York" → "America/New York": how a zone reads in a picker. */
export const zoneLabel = (zone: string): string => zone.replaceAll('_', ' ');

/** "New York": the city alone, for tight places beside a time. */
export const zoneCity = (zone: string): string => (zone.split('/').pop() ?? zone).replaceAll('_', ' ');

// Formatters are costly to build and a slot list formats hundreds of times.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(undefined, { ...options, timeZone });
    formatters.set(key, found);
  }
  return found;
}

/** The local date of an instant in `timeZone`, "2026-03-10": groups slots by the viewer's day. */
export function dayKey(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** "9:30 AM" (or "09:30", as the viewer's language writes it) in `timeZone`. */
export const formatTimeIn = (iso: string, timeZone: string): string =>
  formatter(timeZone, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

/** "Tue, Mar 10" in `timeZone`. */
export const formatDayIn = (iso: string, timeZone: string): string =>
  formatter(timeZone, { weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(iso));

/** "Tuesday, March 10, 2026" in `timeZone`. */
export const formatLongDayIn = (iso: string, timeZone: string): string =>
  formatter(timeZone, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(
    new Date(iso),
  );

/** "Tue, Mar 10, 9:30 AM" in `timeZone`. */
export const formatWhenIn = (iso: string, timeZone: string): string =>
  `${formatDayIn(iso, timeZone)}, ${formatTimeIn(iso, timeZone)}`;

/** "9:30 – 10:00 AM" in `timeZone`. */
export const formatRangeIn = (start: string, end: string, timeZone: string): string =>
  formatter(timeZone, { hour: 'numeric', minute: '2-digit' }).formatRange(new Date(start), new Date(end));

/** The time it is now in `timeZone` ("14:05"), or null when the zone is not one the browser knows. */
export function localTimeIn(timeZone: string, now = new Date()): string | null {
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone, hour: 'numeric', minute: '2-digit' }).format(now);
  } catch {
    return null;
  }
}

import { randomUUID } from 'node:crypto';
import { createDAVClient } from 'tsdav';

/**
 * "Another app" on a CalDAV server (Apple Calendar, Thunderbird): tsdav straight at the server,
 * making calendars and writing events behind Momentum Meet's back, for tests against Radicale.
 */
export async function anotherCalDavApp(server: { serverUrl: string; username: string; password: string }) {
  const client = await createDAVClient({
    serverUrl: server.serverUrl,
    credentials: { username: server.username, password: server.password },
    authMethod: 'Basic',
    defaultAccountType: 'caldav',
  });
  const account = await client.createAccount({ account: { accountType: 'caldav' } });
  const homeUrl = account.homeUrl!;
  return {
    client,
    homeUrl,
    /** A new, empty event calendar of the user; its collection URL. */
    async newCalendar(name = 'Work'): Promise<string> {
      const url = `${homeUrl}${randomUUID()}/`;
      const [created] = await client.makeCalendar({ url, props: { displayname: name } });
      if (!created?.ok) throw new Error(`could not make the calendar ${name} (${created?.status})`);
      return url;
    },
    /** Writes one iCalendar object into a calendar; throws unless the server stored it. */
    async put(calendarUrl: string, filename: string, text: string): Promise<void> {
      const res = await client.createCalendarObject({
        calendar: { url: calendarUrl },
        filename,
        iCalString: text,
      });
      if (res.status !== 201) throw new Error(`PUT ${filename}: ${res.status}`);
    },
  };
}

/** An iCalendar document as another app writes it, around the given lines (CRLF, as RFC 5545 wants). */
export const icsFromAnotherApp = (...lines: string[]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Another App//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');

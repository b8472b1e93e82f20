import { createHash } from 'node:crypto';
import { createDAVClient } from 'tsdav';
import { AppError } from '../../_shared/errors.js';
import type { CalendarInfo } from './calendar-provider.js';

/**
 * The CalDAV connection under the provider (tsdav, Basic auth): discovery of the account's
 * calendar home, its calendars, and readable errors for what an organizer can fix.
 */

export interface CalDavCredentials {
  serverUrl: string;
  username: string;
  /** For iCloud, an app-specific password (appleid.apple.com → Sign-In and Security). */
  password: string;
}

/** A calendar that cannot be used as connected; the message says what to do. */
export class CalendarConnectionError extends AppError {
  constructor(message: string, unavailable = false) {
    super(unavailable ? 'UNAVAILABLE' : 'UNPROCESSABLE', message);
  }
}

export type DavClient = Awaited<ReturnType<typeof createDAVClient>>;

export interface Connection {
  client: DavClient;
  homeUrl: string;
  /** Plain requests (GET of one object) made with the same authorization and fetch as tsdav's. */
  request(url: string, init?: RequestInit): Promise<Response>;
}

/** Explains a failed CalDAV request in words the organizer can act on. */
export function readableError(error: unknown, serverUrl: string): Error {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/\b401\b|Unauthorized/i.test(message)) {
    return new CalendarConnectionError(
      `The calendar server at ${serverUrl} refused the user name or password (401). Check them; for iCloud, use an app-specific password.`,
    );
  }
  if (error instanceof TypeError && /fetch failed/i.test(message)) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return new CalendarConnectionError(
      `The calendar server at ${serverUrl} could not be reached (${cause?.code ?? cause?.message ?? 'no answer'}). Check the server address, or try again later.`,
      true,
    );
  }
  return new CalendarConnectionError(
    `The calendar server at ${serverUrl} answered unexpectedly: ${message}`,
    true,
  );
}

// Discovery costs three or four round trips (iCloud redirects to a per-user host), so each
// account's connection is built once per process and reused, like the other SDK clients.
const CACHE_LIMIT = 500;
const connections = new Map<string, Promise<Connection>>();

export function connect(
  credentials: CalDavCredentials,
  fetchImpl: typeof fetch = fetch,
): Promise<Connection> {
  const key = createHash('sha256')
    .update(JSON.stringify([credentials.serverUrl, credentials.username, credentials.password]))
    .digest('base64url');
  const cacheable = fetchImpl === fetch;
  const cached = cacheable ? connections.get(key) : undefined;
  if (cached) return cached;
  const created = discover(credentials, fetchImpl);
  if (cacheable) {
    if (connections.size >= CACHE_LIMIT) connections.delete(connections.keys().next().value!);
    connections.set(key, created);
    // A failed discovery (wrong password, server down) is tried again on the next call.
    created.catch(() => connections.delete(key));
  }
  return created;
}

async function discover(credentials: CalDavCredentials, fetchImpl: typeof fetch): Promise<Connection> {
  const { serverUrl, username, password } = credentials;
  try {
    const client = await createDAVClient({
      serverUrl,
      credentials: { username, password },
      authMethod: 'Basic',
      defaultAccountType: 'caldav',
      fetch: fetchImpl,
    });
    const account = await client.createAccount({ account: { accountType: 'caldav' } });
    if (!account.homeUrl) throw new Error('the server names no calendar home for this account');
    // UTF-8, as servers expect for non-ASCII passwords.
    const authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
    return {
      client,
      homeUrl: account.homeUrl,
      request: (url, init = {}) =>
        fetchImpl(url, { ...init, headers: { authorization, ...(init.headers as Record<string, string>) } }),
    };
  } catch (error) {
    throw readableError(error, serverUrl);
  }
}

export const textOf = (value: unknown): string => {
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (value && typeof value === 'object') {
    const v = value as { _cdata?: unknown; _text?: unknown };
    return String(v._cdata ?? v._text ?? '');
  }
  return '';
};

const listOf = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The account's calendars that hold events (task lists left out), in the server's order. */
export async function eventCalendars(connection: Connection): Promise<CalendarInfo[]> {
  const responses = await connection.client.propfind({
    url: connection.homeUrl,
    props: {
      'd:displayname': {},
      'd:resourcetype': {},
      'c:supported-calendar-component-set': {},
      'd:current-user-privilege-set': {},
    },
    depth: '1',
  });
  const calendars: CalendarInfo[] = [];
  for (const r of responses) {
    const props = r.props ?? {};
    if (!r.href || !Object.keys(props.resourcetype ?? {}).includes('calendar')) continue;
    const components = listOf(props.supportedCalendarComponentSet?.comp).map(
      (c: { _attributes?: { name?: string } }) => String(c?._attributes?.name ?? '').toUpperCase(),
    );
    if (components.length > 0 && !components.includes('VEVENT')) continue;
    const privileges = listOf(props.currentUserPrivilegeSet?.privilege).flatMap((p) => Object.keys(p ?? {}));
    const url = new URL(r.href, connection.homeUrl).href;
    calendars.push({
      url,
      name:
        textOf(props.displayname) ||
        decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? url),
      // A server that does not report privileges is taken at its word that the owner may write.
      canWrite:
        privileges.length === 0 ||
        privileges.some((p) => ['all', 'write', 'writeContent', 'bind'].includes(p)),
    });
  }
  return calendars;
}

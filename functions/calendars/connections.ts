import {
  CalendarConnectionExpiredError,
  type CalendarCredentials,
  type CalendarProvider,
  type CalendarProviderFactory,
  type CalendarSettings,
  type TimeRange,
} from '../_integrations/calendar/calendar-provider.js';
import { AppError, notFound } from '../_shared/errors.js';
import { openSecret, type SealedSecret, type SecretKey, sealSecret } from '../_shared/secret-box.js';
import { type BusyCacheOptions, cachedBusy, lastKnownBusy } from './busy-cache.js';
import type { ConnectionWatch } from './push.js';
import type {
  CalendarConnectInput,
  CalendarConnectionDto,
  CalendarConnectionList,
  CalendarConnectionPatch,
  ConnectionKind,
  ConnectionStatus,
  RemoteCalendarDto,
} from './schema.js';

/**
 * The organizer's connected calendars (CalDAV, iCloud): connecting checks the password against
 * the server before anything is kept; the password is stored sealed (secret-box.ts, bound to the
 * connection) and never leaves the server. Busy time is read from every connection — one that
 * cannot be read makes the slot search fail (and is marked failing) rather than count as free —
 * and new meetings go to the one calendar chosen for writing, else Momentum Meet's own.
 */

export interface CalendarConnectionDoc {
  id: string;
  ownerId: string;
  kind: ConnectionKind;
  label: string;
  serverUrl: string;
  username: string;
  /** The connection's secrets as JSON (a password; OAuth tokens), sealed. */
  secret: SealedSecret;
  status: ConnectionStatus;
  lastError: string | null;
  checkedAt: string | null;
  /** When the current incident began (ok → failing/expired); null while it works. */
  failingSince?: string | null;
  calendars: RemoteCalendarDto[];
  readCalendarUrls: string[];
  writeCalendarUrl: string | null;
  /** Google / Microsoft: the channels that tell us its calendars changed (push.ts). */
  watch?: ConnectionWatch | null;
  createdAt: string;
  updatedAt: string;
  _etag?: string;
}

export interface ConnectionStore {
  list(ownerId: string): Promise<CalendarConnectionDoc[]>;
  find(ownerId: string, id: string): Promise<CalendarConnectionDoc | undefined>;
  create(doc: CalendarConnectionDoc): Promise<CalendarConnectionDoc>;
  /** Replaces if unchanged since read (ChangedError otherwise). */
  save(doc: CalendarConnectionDoc): Promise<CalendarConnectionDoc>;
  remove(ownerId: string, id: string): Promise<void>;
}

export interface ConnectionsDeps {
  now(): Date;
  newId(): string;
  store: ConnectionStore;
  /** The provider factory of a kind (registry.ts). */
  factory(kind: ConnectionKind): CalendarProviderFactory;
  /** Tells the owner once per incident that a calendar stopped working (an email). */
  alert?(doc: CalendarConnectionDoc): Promise<void>;
  /** Gives up a grant at its provider on disconnect (OAuth kinds); best effort. */
  revoke?(kind: ConnectionKind, secret: Record<string, string>): Promise<void>;
  /** The keys that seal passwords; the configured ones (CREDENTIAL_KEYS) when absent. */
  keys?: SecretKey[];
  /** Busy time kept between searches (busy-cache.ts); every search reads the calendars without it. */
  busyCache?: Omit<BusyCacheOptions, 'now'>;
}

const ICLOUD_SERVER = 'https://caldav.icloud.com';
/** The record a sealed password is bound to: it opens for this owner's connection only. */
const boundTo = (ownerId: string, id: string) => `calendar-connection/${ownerId}/${id}`;

export function toConnectionDto(doc: CalendarConnectionDoc): CalendarConnectionDto {
  return {
    id: doc.id,
    kind: doc.kind,
    label: doc.label,
    serverUrl: doc.serverUrl,
    username: doc.username,
    status: doc.status,
    lastError: doc.lastError,
    checkedAt: doc.checkedAt,
    calendars: doc.calendars,
    readCalendarUrls: doc.readCalendarUrls,
    writeCalendarUrl: doc.writeCalendarUrl,
    createdAt: doc.createdAt,
  };
}

/** A connection's provider from its details and its opened secrets. */
export function buildProvider(
  doc: Pick<
    CalendarConnectionDoc,
    'ownerId' | 'kind' | 'serverUrl' | 'username' | 'readCalendarUrls' | 'writeCalendarUrl'
  >,
  secret: Record<string, string>,
  deps: Pick<ConnectionsDeps, 'factory'>,
  extra: Pick<CalendarSettings, 'onCredentials' | 'timeZone'> = {},
): CalendarProvider {
  const credentials: CalendarCredentials = { serverUrl: doc.serverUrl, username: doc.username, ...secret };
  return deps.factory(doc.kind)(doc.ownerId, credentials, {
    readCalendarUrls: doc.readCalendarUrls.length ? doc.readCalendarUrls : undefined,
    writeCalendarUrl: doc.writeCalendarUrl ?? undefined,
    ...extra,
  });
}

export const sealCredentials = (
  secret: Record<string, string>,
  ownerId: string,
  id: string,
  keys?: SecretKey[],
): SealedSecret => sealSecret(JSON.stringify(secret), boundTo(ownerId, id), keys);

const SECRET_FIELDS = new Set(['password', 'accessToken', 'refreshToken', 'expiresAt']);

/** The provider of a stored connection, its secrets opened for this one use. */
export function providerOf(
  doc: CalendarConnectionDoc,
  deps: Pick<ConnectionsDeps, 'factory' | 'keys'> | ConnectionsDeps,
  timeZone?: string,
): CalendarProvider {
  const secret = JSON.parse(openSecret(doc.secret, boundTo(doc.ownerId, doc.id), deps.keys)) as Record<
    string,
    string
  >;
  // Refreshed OAuth tokens are sealed again and kept, so the next request starts from them.
  const onCredentials =
    'store' in deps
      ? async (next: CalendarCredentials) => {
          const kept = Object.fromEntries(Object.entries(next).filter(([k]) => SECRET_FIELDS.has(k)));
          const current = await deps.store.find(doc.ownerId, doc.id);
          if (!current) return;
          await deps.store.save({
            ...current,
            secret: sealCredentials(kept, doc.ownerId, doc.id, deps.keys),
            updatedAt: deps.now().toISOString(),
          });
        }
      : undefined;
  return buildProvider(doc, secret, deps, { onCredentials, timeZone });
}

/** A reason a person can act on, without anything the server may have echoed back. */
function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.length > 300 ? `${message.slice(0, 297)}…` : message;
}

export async function listConnections(
  ownerId: string,
  deps: ConnectionsDeps,
): Promise<CalendarConnectionList> {
  const docs = await deps.store.list(ownerId);
  return {
    items: docs.map(toConnectionDto),
    writesTo: docs.find((d) => d.writeCalendarUrl)?.id ?? 'local',
  };
}

/**
 * Connects a calendar account: refused with 422 and the server's reason when it does not accept
 * the credentials; kept (password sealed) with all its calendars read for busy time. The first
 * connected calendar that can be written becomes where new meetings go.
 */
export async function connectCalendar(
  ownerId: string,
  input: CalendarConnectInput,
  deps: ConnectionsDeps,
): Promise<CalendarConnectionDto> {
  const serverUrl = input.kind === 'icloud' ? ICLOUD_SERVER : input.serverUrl;
  const draft = {
    ownerId,
    kind: input.kind,
    serverUrl,
    username: input.username,
    readCalendarUrls: [],
    writeCalendarUrl: null,
  };
  const provider = buildProvider(draft, { password: input.password }, deps);
  let calendars: RemoteCalendarDto[];
  try {
    await provider.health();
    calendars = (await provider.listCalendars?.()) ?? [];
  } catch (err) {
    throw new AppError('UNPROCESSABLE', `Could not connect to ${new URL(serverUrl).host}: ${reasonOf(err)}`, [
      { path: 'password', message: reasonOf(err) },
    ]);
  }
  const existing = await deps.store.list(ownerId);
  const writable = calendars.find((c) => c.canWrite);
  const id = deps.newId();
  const at = deps.now().toISOString();
  const doc = await deps.store.create({
    id,
    ownerId,
    kind: input.kind,
    label: `${input.username} · ${new URL(serverUrl).host}`,
    serverUrl,
    username: input.username,
    secret: sealCredentials({ password: input.password }, ownerId, id, deps.keys),
    status: 'ok',
    lastError: null,
    checkedAt: at,
    calendars,
    readCalendarUrls: calendars.map((c) => c.url),
    writeCalendarUrl: existing.some((d) => d.writeCalendarUrl) ? null : (writable?.url ?? null),
    createdAt: at,
    updatedAt: at,
  });
  return toConnectionDto(doc);
}

/** Chooses the calendars read for busy time, and whether new meetings go to one of them (only one connection at a time). */
export async function updateConnection(
  ownerId: string,
  id: string,
  patch: CalendarConnectionPatch,
  deps: ConnectionsDeps,
): Promise<CalendarConnectionDto> {
  const doc = await deps.store.find(ownerId, id);
  if (!doc) throw notFound('That calendar connection');
  const known = new Set(doc.calendars.map((c) => c.url));
  const unknown = [
    ...(patch.readCalendarUrls ?? []),
    ...(patch.writeCalendarUrl ? [patch.writeCalendarUrl] : []),
  ].find((url) => !known.has(url));
  if (unknown) {
    throw new AppError('VALIDATION', 'That calendar is not in this account — check the connection again.', [
      {
        path: patch.writeCalendarUrl === unknown ? 'writeCalendarUrl' : 'readCalendarUrls',
        message: 'not one of its calendars',
      },
    ]);
  }
  if (patch.writeCalendarUrl && !doc.calendars.find((c) => c.url === patch.writeCalendarUrl)?.canWrite) {
    throw new AppError('VALIDATION', 'Meetings cannot be written to that calendar (it is read-only).', [
      { path: 'writeCalendarUrl', message: 'read-only calendar' },
    ]);
  }
  const at = deps.now().toISOString();
  if (patch.writeCalendarUrl) {
    // One place for new meetings: the other connections stop being it.
    for (const other of await deps.store.list(ownerId)) {
      if (other.id !== id && other.writeCalendarUrl)
        await deps.store.save({ ...other, writeCalendarUrl: null, updatedAt: at });
    }
  }
  const saved = await deps.store.save({
    ...doc,
    ...(patch.readCalendarUrls && { readCalendarUrls: patch.readCalendarUrls }),
    ...(patch.writeCalendarUrl !== undefined && { writeCalendarUrl: patch.writeCalendarUrl }),
    // Other calendars to read: the change channels are renewed for them by the next sync.
    ...(patch.readCalendarUrls && doc.watch && { watch: { ...doc.watch, expiresAt: at } }),
    updatedAt: at,
  });
  return toConnectionDto(saved);
}

/** Removes the connection (its events stay in that calendar) and revokes an OAuth grant. */
export async function disconnectCalendar(ownerId: string, id: string, deps: ConnectionsDeps): Promise<void> {
  const doc = await deps.store.find(ownerId, id);
  if (!doc) throw notFound('That calendar connection');
  await deps.store.remove(ownerId, id);
  if (deps.revoke) {
    // The connection is gone either way; a provider that cannot be reached keeps an unused grant.
    const secret = JSON.parse(openSecret(doc.secret, boundTo(ownerId, id), deps.keys)) as Record<
      string,
      string
    >;
    await deps.revoke(doc.kind, secret).catch(() => undefined);
  }
}

/**
 * Checks a connection now (the Calendars page's "Check again", and the timer): ok with its
 * calendars refreshed, or failing with the reason (a refused password is "expired": it needs the
 * person, not a retry).
 */
export async function checkConnection(
  doc: CalendarConnectionDoc,
  deps: ConnectionsDeps,
): Promise<CalendarConnectionDoc> {
  const at = deps.now().toISOString();
  try {
    const provider = providerOf(doc, deps);
    await provider.health();
    const calendars = (await provider.listCalendars?.()) ?? doc.calendars;
    return deps.store.save({
      ...doc,
      status: 'ok',
      lastError: null,
      checkedAt: at,
      failingSince: null,
      calendars,
      updatedAt: at,
    });
  } catch (err) {
    return markFailing(doc, err, deps);
  }
}

/**
 * Records that a connection does not work. The first failure of an incident (it was ok) starts it
 * and alerts the owner — once: further failures of the same incident say nothing new.
 */
export async function markFailing(
  stale: CalendarConnectionDoc,
  err: unknown,
  deps: Pick<ConnectionsDeps, 'now' | 'store' | 'alert'>,
): Promise<CalendarConnectionDoc> {
  // As stored now: another request may have started this incident already.
  const doc = (await deps.store.find(stale.ownerId, stale.id)) ?? stale;
  const at = deps.now().toISOString();
  const reason = reasonOf(err);
  const status: ConnectionStatus =
    err instanceof CalendarConnectionExpiredError ||
    /\b401\b|unauthori[sz]ed|refused the user name or password/i.test(reason)
      ? 'expired'
      : 'failing';
  const starts = doc.status === 'ok' || !doc.failingSince;
  const saved = await deps.store.save({
    ...doc,
    status,
    lastError: reason,
    checkedAt: at,
    failingSince: starts ? at : doc.failingSince,
    updatedAt: at,
  });
  if (starts) await deps.alert?.(saved).catch(() => undefined);
  return saved;
}

/**
 * Every connected calendar as a provider for the slot search, its busy time through the cache
 * unless `fresh`. A read that fails marks its connection failing (for the Calendars page) and
 * still fails the search: never "free".
 */
export async function connectedCalendars(
  ownerId: string,
  deps: ConnectionsDeps,
  timeZone?: string,
  options: { fresh?: boolean } = {},
): Promise<CalendarProvider[]> {
  const docs = await deps.store.list(ownerId);
  return docs.map((doc) => {
    let provider: CalendarProvider;
    try {
      provider = providerOf(doc, deps, timeZone);
    } catch (err) {
      return unreadable(doc, err);
    }
    return {
      name: provider.name,
      async listBusy(range) {
        try {
          return deps.busyCache
            ? await cachedBusy(doc, provider, range, {
                ...deps.busyCache,
                now: deps.now,
                timeZone,
                fresh: options.fresh,
              })
            : await provider.listBusy(range);
        } catch (err) {
          await markFailing(doc, err, deps).catch(() => undefined);
          const lastKnown = deps.busyCache ? await lastKnownBusy(doc, range, deps.busyCache.store) : [];
          throw new UnreadableCalendarError(provider.name, lastKnown, { cause: err });
        }
      },
      createEvent: (event) => provider.createEvent(event),
      updateEvent: (eventId, event) => provider.updateEvent(eventId, event),
      deleteEvent: (eventId) => provider.deleteEvent(eventId),
      getEvent: (eventId) => provider.getEvent(eventId),
      health: () => provider.health(),
    };
  });
}

/**
 * A connected calendar could not be read. It carries the busy time last read from it (possibly
 * none), for an organizer who offers tentative times meanwhile.
 */
export class UnreadableCalendarError extends Error {
  override readonly name = 'UnreadableCalendarError';
  constructor(
    readonly calendar: string,
    readonly lastKnown: TimeRange[],
    options: { cause: unknown },
  ) {
    super(`The ${calendar} calendar cannot be read: ${reasonOf(options.cause)}`, options);
  }
}

/** A connection whose credential no longer opens: every read fails, so no time counts as free. */
function unreadable(doc: CalendarConnectionDoc, err: unknown): CalendarProvider {
  const fail = async (): Promise<never> => {
    throw err;
  };
  return {
    name: doc.kind,
    listBusy: fail,
    createEvent: fail,
    updateEvent: fail,
    deleteEvent: fail,
    getEvent: fail,
    health: fail,
  };
}

/** Where a new meeting is written: the connection chosen for it, else null (Momentum Meet's own). */
export async function writeConnection(
  ownerId: string,
  deps: ConnectionsDeps,
): Promise<CalendarConnectionDoc | null> {
  return (await deps.store.list(ownerId)).find((d) => d.writeCalendarUrl) ?? null;
}

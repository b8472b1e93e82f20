import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type {
  CalendarProvider,
  CalendarProviderFactory,
} from '../_integrations/calendar/calendar-provider.js';
import { AppError } from '../_shared/errors.js';
import { parseSecretKeys } from '../_shared/secret-box.js';
import {
  type CalendarConnectionDoc,
  type ConnectionStore,
  connectCalendar,
  connectedCalendars,
  listConnections,
  updateConnection,
} from './connections.js';

const KEYS = parseSecretKeys(`unit:${randomBytes(32).toString('base64')}`);

function memoryStore(): ConnectionStore & { docs: CalendarConnectionDoc[] } {
  const docs: CalendarConnectionDoc[] = [];
  return {
    docs,
    list: async (ownerId) => docs.filter((d) => d.ownerId === ownerId).map((d) => ({ ...d })),
    find: async (ownerId, id) => docs.find((d) => d.ownerId === ownerId && d.id === id),
    create: async (doc) => {
      docs.push(doc);
      return doc;
    },
    save: async (doc) => {
      docs.splice(
        docs.findIndex((d) => d.id === doc.id),
        1,
        doc,
      );
      return doc;
    },
    remove: async (ownerId, id) => {
      const i = docs.findIndex((d) => d.ownerId === ownerId && d.id === id);
      if (i >= 0) docs.splice(i, 1);
    },
  };
}

/** A CalDAV server that knows one password, and whose reads can be made to fail. */
function fakeServer() {
  const state = { password: 'right', readsFail: false, seen: [] as Record<string, string>[] };
  const factory: CalendarProviderFactory = (_ownerId, credentials) => {
    state.seen.push({ ...credentials });
    const refuse = async () => {
      if (credentials?.password !== state.password)
        throw new Error('401: the user name or password was refused');
    };
    const provider: CalendarProvider = {
      name: 'caldav',
      health: refuse,
      async listCalendars() {
        await refuse();
        return [
          { url: 'https://dav.example/cal/work/', name: 'Work', canWrite: true },
          { url: 'https://dav.example/cal/holidays/', name: 'Holidays', canWrite: false },
        ];
      },
      async listBusy() {
        if (state.readsFail) throw new Error('503 Service Unavailable');
        return [{ start: '2026-03-03T10:00:00.000Z', end: '2026-03-03T11:00:00.000Z' }];
      },
      createEvent: async () => {
        throw new Error('unused');
      },
      updateEvent: async () => {
        throw new Error('unused');
      },
      deleteEvent: async () => undefined,
      getEvent: async () => undefined,
    };
    return provider;
  };
  return { state, factory };
}

const deps = (store: ConnectionStore, factory: CalendarProviderFactory) => ({
  now: () => new Date('2026-03-01T00:00:00Z'),
  newId: (() => {
    let n = 0;
    return () => `conn-${++n}`;
  })(),
  store,
  factory: () => factory,
  keys: KEYS,
});

const CALDAV = { kind: 'caldav' as const, serverUrl: 'https://dav.example/', username: 'ana' };

describe('calendar connections', () => {
  it('refuses credentials the server refuses, with its reason, and keeps nothing', async () => {
    const store = memoryStore();
    const { factory } = fakeServer();
    const err = await connectCalendar('o', { ...CALDAV, password: 'wrong' }, deps(store, factory)).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'UNPROCESSABLE' });
    expect(err.message).toMatch(
      /Could not connect to dav\.example: 401: the user name or password was refused/,
    );
    expect(store.docs).toEqual([]);
  });

  it('keeps the password sealed, never in the answer, and writes new meetings to the first writable calendar', async () => {
    const store = memoryStore();
    const { factory, state } = fakeServer();
    const d = deps(store, factory);
    const dto = await connectCalendar('o', { ...CALDAV, password: 'right' }, d);
    expect(JSON.stringify(dto)).not.toContain('right"');
    expect(dto).toMatchObject({ status: 'ok', writeCalendarUrl: 'https://dav.example/cal/work/' });
    expect(dto.readCalendarUrls).toHaveLength(2);
    expect(JSON.stringify(store.docs[0])).not.toContain('"right"');
    // The stored password opens for the provider when busy time is read.
    const [calendar] = await connectedCalendars('o', d);
    await calendar!.listBusy({ start: '2026-03-03T00:00:00Z', end: '2026-03-04T00:00:00Z' });
    expect(state.seen.at(-1)?.password).toBe('right');
    expect((await listConnections('o', d)).writesTo).toBe('conn-1');

    // A second account does not take over where meetings go; choosing it does, for one only.
    const second = await connectCalendar('o', { ...CALDAV, username: 'ana2', password: 'right' }, d);
    expect(second.writeCalendarUrl).toBeNull();
    await updateConnection('o', second.id, { writeCalendarUrl: 'https://dav.example/cal/work/' }, d);
    expect((await listConnections('o', d)).writesTo).toBe(second.id);
    expect(store.docs.filter((x) => x.writeCalendarUrl)).toHaveLength(1);
    await expect(
      updateConnection('o', second.id, { writeCalendarUrl: 'https://dav.example/cal/holidays/' }, d),
    ).rejects.toThrow(/read-only/);
  });

  it('a read that fails marks the connection failing and still fails — the time never counts as free', async () => {
    const store = memoryStore();
    const { factory, state } = fakeServer();
    const alerts: CalendarConnectionDoc[] = [];
    const d = {
      ...deps(store, factory),
      alert: async (doc: CalendarConnectionDoc) => {
        alerts.push(doc);
      },
    };
    await connectCalendar('o', { ...CALDAV, password: 'right' }, d);
    state.readsFail = true;
    const [calendar] = await connectedCalendars('o', d);
    await expect(
      calendar!.listBusy({ start: '2026-03-03T00:00:00Z', end: '2026-03-04T00:00:00Z' }),
    ).rejects.toThrow(/503/);
    expect(store.docs[0]).toMatchObject({ status: 'failing', lastError: '503 Service Unavailable' });
    // The owner hears once per incident, not on every failed read.
    await expect(
      calendar!.listBusy({ start: '2026-03-03T00:00:00Z', end: '2026-03-04T00:00:00Z' }),
    ).rejects.toThrow();
    expect(alerts.map((a) => a.status)).toEqual(['failing']);
    // A password changed on the server: "expired", the person must reconnect.
    state.readsFail = false;
    state.password = 'changed';
    const { checkConnection } = await import('./connections.js');
    expect((await checkConnection(store.docs[0]!, d)).status).toBe('expired');
    expect(alerts).toHaveLength(1);
    // Working again ends the incident; the next failure is a new one, and is told.
    state.password = 'right';
    expect((await checkConnection(store.docs[0]!, d)).status).toBe('ok');
    state.readsFail = true;
    const [again] = await connectedCalendars('o', d);
    await again!
      .listBusy({ start: '2026-03-03T00:00:00Z', end: '2026-03-04T00:00:00Z' })
      .catch(() => undefined);
    expect(alerts).toHaveLength(2);
  });

  it('a server that cannot be reached is "failing" (try later), not a refused password', async () => {
    const store = memoryStore();
    const { factory } = fakeServer();
    const d = deps(store, factory);
    await connectCalendar('o', { ...CALDAV, password: 'right' }, d);
    const { markFailing } = await import('./connections.js');
    const down = await markFailing(
      store.docs[0]!,
      new Error(
        'The calendar server at https://dav.example/ could not be reached (ECONNREFUSED). Check the server address, or try again later.',
      ),
      d,
    );
    expect(down.status).toBe('failing');
    const refused = await markFailing(
      down,
      new Error('The calendar server at https://dav.example/ refused the user name or password (401).'),
      d,
    );
    expect(refused.status).toBe('expired');
  });
});

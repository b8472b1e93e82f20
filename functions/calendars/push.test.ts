import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { memoryBusyCache } from '../../tests/fakes/busy-cache-store.js';
import type {
  CalendarProvider,
  WatchChannel,
  WatchRequest,
} from '../_integrations/calendar/calendar-provider.js';
import { parseSecretKeys } from '../_shared/secret-box.js';
import { type CalendarConnectionDoc, sealCredentials } from './connections.js';
import { calendarChanged, compareChangeTags, ensureWatching, type PushDeps } from './push.js';

const KEYS = parseSecretKeys(`unit:${randomBytes(32).toString('base64')}`);
const HOUR = 3_600_000;

function setup(provider: Partial<CalendarProvider>) {
  const doc: CalendarConnectionDoc = {
    id: 'conn-1',
    ownerId: 'owner-1',
    kind: 'google',
    label: 'sam@example.com',
    serverUrl: 'https://www.googleapis.com',
    username: 'sam@example.com',
    secret: sealCredentials({ refreshToken: 'r' }, 'owner-1', 'conn-1', KEYS),
    status: 'ok',
    lastError: null,
    checkedAt: null,
    calendars: [],
    readCalendarUrls: [],
    writeCalendarUrl: null,
    createdAt: '2026-12-01T00:00:00Z',
    updatedAt: '2026-12-01T00:00:00Z',
  };
  const docs = new Map([[doc.id, doc]]);
  const clock = { now: new Date('2026-12-01T08:00:00Z') };
  const deps: PushDeps = {
    now: () => clock.now,
    keys: KEYS,
    cache: memoryBusyCache(),
    pushUrl: (d) => `https://app.example/api/webhooks/calendar/${d.kind}/${d.ownerId}/${d.id}`,
    factory: () => () => ({ name: 'google', ...provider }) as CalendarProvider,
    store: {
      list: async () => [...docs.values()],
      find: async (_o, id) => docs.get(id),
      create: async (d) => d,
      save: async (d) => {
        docs.set(d.id, d);
        return d;
      },
      remove: async () => undefined,
    },
  };
  return { doc, docs, deps, clock };
}

describe('change channels', () => {
  it('are made once, renewed a day before they lapse, and the old ones stopped', async () => {
    const asked: WatchRequest[] = [];
    const stopped: WatchChannel[] = [];
    const { doc, docs, deps, clock } = setup({
      watch: async (request) => {
        asked.push(request);
        return [{ id: `ch-${asked.length}`, calendar: 'primary', expiresAt: request.expiresAt }];
      },
      unwatch: async (channel) => {
        stopped.push(channel);
      },
    });
    await ensureWatching(doc, deps);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.address).toBe('https://app.example/api/webhooks/calendar/google/owner-1/conn-1');
    expect(docs.get('conn-1')!.watch!.channels.map((c) => c.id)).toEqual(['ch-1']);
    // The stored secret is a hash: the one given to the vendor is not kept.
    expect(JSON.stringify(docs.get('conn-1'))).not.toContain(asked[0]!.secret);

    clock.now = new Date(clock.now.getTime() + 47 * HOUR);
    await ensureWatching(docs.get('conn-1')!, deps);
    expect(asked).toHaveLength(1);
    clock.now = new Date(clock.now.getTime() + 2 * HOUR);
    await ensureWatching(docs.get('conn-1')!, deps);
    expect(asked).toHaveLength(2);
    expect(stopped.map((c) => c.id)).toEqual(['ch-1']);
    expect(docs.get('conn-1')!.watch!.channels.map((c) => c.id)).toEqual(['ch-2']);

    // Notices with the newest secret, or the previous one while the renewal settles, count.
    expect(await calendarChanged('owner-1', 'conn-1', asked[1]!.secret, deps)).toBe('emptied');
    expect(await calendarChanged('owner-1', 'conn-1', asked[0]!.secret, deps)).toBe('emptied');
    expect(await calendarChanged('owner-1', 'conn-1', 'guessed', deps)).toBe('refused');
    expect(await calendarChanged('owner-1', 'conn-1', null, deps)).toBe('refused');
    expect(await calendarChanged('owner-1', 'other', asked[1]!.secret, deps)).toBe('unknown');
  });

  it('record a refusal and are not asked for again within the hour', async () => {
    let asked = 0;
    const { doc, docs, deps, clock } = setup({
      watch: async () => {
        asked++;
        throw new Error('Unauthorized WebHook callback channel: https://app.example/…');
      },
    });
    await ensureWatching(doc, deps);
    expect(docs.get('conn-1')!.watch!.lastError).toMatch(/Unauthorized WebHook/);
    await ensureWatching(docs.get('conn-1')!, deps);
    expect(asked).toBe(1);
    clock.now = new Date(clock.now.getTime() + 61 * 60_000);
    await ensureWatching(docs.get('conn-1')!, deps);
    expect(asked).toBe(2);
  });
});

describe('CalDAV change tags', () => {
  it('empty the cached busy time when a calendar moved, and read nothing when nothing is cached', async () => {
    let tags: Record<string, string> = { 'https://dav/work/': 'ctag-1' };
    let tagReads = 0;
    const { doc, deps } = setup({
      changeTags: async () => {
        tagReads++;
        return tags;
      },
    });
    expect(await compareChangeTags(doc, deps)).toBe(false);
    expect(tagReads).toBe(0);
    await deps.cache.write(
      { id: 'conn-1', ownerId: 'owner-1', key: 'k', from: 0, to: 1, busy: [], tags, fetchedAt: 1 },
      undefined,
    );
    expect(await compareChangeTags(doc, deps)).toBe(false);
    tags = { 'https://dav/work/': 'ctag-2' };
    expect(await compareChangeTags(doc, deps)).toBe(true);
    expect((await deps.cache.read('owner-1', 'conn-1'))?.busy).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { ZodError } from 'zod';
import { AppError } from '../_shared/errors.js';
import {
  type AvailabilityDeps,
  type AvailabilityDoc,
  type AvailabilityStore,
  getAvailability,
  previewAvailability,
  putAvailability,
} from './availability.js';
import { AvailabilityPut } from './schema.js';

/** Etags are a counter, as Cosmos would change them on every write. */
function fakeStore(): AvailabilityStore & { docs: Map<string, AvailabilityDoc> } {
  const docs = new Map<string, AvailabilityDoc>();
  let version = 0;
  return {
    docs,
    async read(ownerId) {
      return docs.get(ownerId);
    },
    async write(doc, etag) {
      const current = docs.get(doc.ownerId);
      if ((current?._etag ?? null) !== etag) return 'changed';
      const saved = { ...doc, _etag: `"v${++version}"` };
      docs.set(doc.ownerId, saved);
      return saved;
    },
  };
}

// Monday 2 March 2026, 08:00 in New York (13:00 UTC).
const NOW = new Date('2026-03-02T13:00:00Z');
const deps = (store = fakeStore()): AvailabilityDeps => ({ store, now: () => NOW });
const body = (input: unknown) => AvailabilityPut.parse(input);
const TYPE = { id: 'intro', name: 'Intro call', durationMinutes: 30, location: 'video' as const };

describe('availability settings', () => {
  it('gives a new user the engine defaults in the zone their browser sent, else UTC', async () => {
    const seeded = await getAvailability('u1', { timeZone: 'America/New_York' }, deps());
    expect(seeded).toMatchObject({ etag: null, updatedAt: null });
    expect(seeded.rules).toMatchObject({
      timeZone: 'America/New_York',
      meetingLengths: [30],
      maxDaysAhead: 14,
    });
    expect(seeded.rules.weeklyHours.mon).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(seeded.meetingTypes).toHaveLength(1);
    expect((await getAvailability('u1', { timeZone: 'Mars/Olympus' }, deps())).rules.timeZone).toBe('UTC');
    expect((await getAvailability('u1', {}, deps())).rules.timeZone).toBe('UTC');
  });

  it('saves over what was read and refuses a stale etag, so two tabs never overwrite each other', async () => {
    const d = deps();
    const first = await putAvailability(
      'u1',
      body({ rules: { timeZone: 'Europe/Berlin' }, meetingTypes: [TYPE], etag: null }),
      d,
    );
    expect(first.etag).toBe('"v1"');
    expect(first.updatedAt).toBe(NOW.toISOString());
    expect((await getAvailability('u1', {}, d)).rules.timeZone).toBe('Europe/Berlin');

    const second = await putAvailability(
      'u1',
      body({ rules: { timeZone: 'Europe/Paris' }, meetingTypes: [TYPE], etag: first.etag }),
      d,
    );
    expect(second.etag).toBe('"v2"');
    // The other tab still holds v1; a first save from a tab that read nothing is stale too.
    for (const etag of [first.etag, null]) {
      const stale = putAvailability(
        'u1',
        body({ rules: { timeZone: 'UTC' }, meetingTypes: [TYPE], etag }),
        d,
      );
      await expect(stale).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringContaining('another tab'),
      });
      await expect(stale).rejects.toBeInstanceOf(AppError);
    }
    expect((await getAvailability('u1', {}, d)).rules.timeZone).toBe('Europe/Paris');
  });

  it('adds a meeting type length the rules do not offer yet', async () => {
    const saved = await putAvailability(
      'u1',
      body({
        rules: { timeZone: 'UTC', meetingLengths: [30] },
        meetingTypes: [
          TYPE,
          { ...TYPE, id: 'deep', name: 'Deep dive', durationMinutes: 60, location: 'in-person' },
        ],
        etag: null,
      }),
      deps(),
    );
    expect(saved.rules.meetingLengths).toEqual([30, 60]);
    expect(saved.meetingTypes[1]).toMatchObject({ description: '', active: true, location: 'in-person' });
  });

  it('names the field of a bad rule and asks for at least one meeting type', () => {
    const issues = (input: unknown) => {
      const result = AvailabilityPut.safeParse(input);
      expect(result.success).toBe(false);
      return (result.error as ZodError).issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(
      issues({
        rules: {
          timeZone: 'UTC',
          weeklyHours: {
            mon: [
              { start: '09:00', end: '12:00' },
              { start: '11:00', end: '13:00' },
            ],
          },
        },
        meetingTypes: [TYPE],
        etag: null,
      }),
    ).toEqual(['rules.weeklyHours.mon.1: 11:00–13:00 overlaps 09:00–12:00']);
    expect(issues({ rules: { timeZone: 'UTC' }, meetingTypes: [], etag: null })).toEqual([
      'meetingTypes: Keep at least one meeting type',
    ]);
  });

  it('previews the next 7 local days of one meeting type in the organizer zone', async () => {
    const d = deps();
    await putAvailability(
      'u1',
      body({
        rules: {
          timeZone: 'America/New_York',
          weeklyHours: { mon: [{ start: '09:00', end: '11:00' }], tue: [{ start: '14:00', end: '15:00' }] },
          minimumNoticeMinutes: 0,
          bufferBeforeMinutes: 0,
          bufferAfterMinutes: 0,
          slotIntervalMinutes: 30,
        },
        meetingTypes: [TYPE, { ...TYPE, id: 'hour', name: 'Hour', durationMinutes: 60 }],
        etag: null,
      }),
      d,
    );
    const preview = await previewAvailability('u1', {}, d);
    expect(preview.timeZone).toBe('America/New_York');
    expect(preview.meetingType.id).toBe('intro');
    expect(preview.days.map((day) => day.date)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(preview.days[0]!.slots.map((s) => s.local)).toEqual(['09:00', '09:30', '10:00', '10:30']);
    expect(preview.days[0]!.slots[0]).toEqual({
      start: '2026-03-02T14:00:00.000Z',
      end: '2026-03-02T14:30:00.000Z',
      local: '09:00',
    });
    expect(preview.days[1]!.slots.map((s) => s.local)).toEqual(['14:00', '14:30']);
    expect(preview.days.slice(2).every((day) => day.slots.length === 0)).toBe(true);

    const hour = await previewAvailability('u1', { meetingType: 'hour' }, d);
    expect(hour.days[0]!.slots.map((s) => s.local)).toEqual(['09:00', '09:30', '10:00']);
    await expect(previewAvailability('u1', { meetingType: 'nope' }, d)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('previews the defaults for a new user, seeded with their zone', async () => {
    const preview = await previewAvailability('new', { timeZone: 'Europe/London' }, deps());
    expect(preview.timeZone).toBe('Europe/London');
    // Weekdays 09:00–17:00, 4 h notice from 13:00 London: today starts at 17:00 → nothing; Tue–Fri full.
    expect(preview.days.map((d) => d.slots.length)).toEqual([0, 16, 16, 16, 16, 0, 0]);
  });
});

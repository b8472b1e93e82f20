import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';

/** Availability settings through HTTP, as the SPA uses them, against the emulators. */
let app: TestApp;
let alice: Session;

beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
  alice = await app.signIn('availability-alice@example.com', 'Alice');
});
afterAll(() => app.close());

const put = (body: unknown): RequestInit => ({
  method: 'PUT',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const TYPE = {
  id: 'intro',
  name: 'Intro call',
  durationMinutes: 30,
  location: 'video',
  description: '',
  active: true,
};

describe('availability over HTTP', () => {
  it('seeds defaults, saves with the etag, refuses a stale one, names a bad field and previews 7 days', async () => {
    const first = await alice.fetch('/api/availability?timeZone=Europe/Berlin');
    expect(first.status).toBe(200);
    const defaults = await first.json();
    expect(defaults).toMatchObject({ etag: null, updatedAt: null, rules: { timeZone: 'Europe/Berlin' } });
    expect(defaults.meetingTypes).toHaveLength(1);

    const rules = {
      ...defaults.rules,
      weeklyHours: {
        mon: [{ start: '09:00', end: '12:00' }],
        tue: [],
        wed: [],
        thu: [],
        fri: [],
        sat: [],
        sun: [],
      },
      dateOverrides: [],
      minimumNoticeMinutes: 0,
    };
    // Open all day every day, so the count does not depend on the weekday the test runs.
    const everyDay = Object.fromEntries(
      ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]),
    );
    const saved = await alice.fetch(
      '/api/availability',
      put({
        rules: { ...rules, weeklyHours: everyDay, slotIntervalMinutes: 60 },
        meetingTypes: [TYPE],
        etag: null,
      }),
    );
    expect(saved.status).toBe(200);
    const one = await saved.json();
    expect(one.etag).toEqual(expect.any(String));
    expect(one.rules.weeklyHours.sat).toEqual([{ start: '00:00', end: '24:00' }]);

    const preview = await alice.fetch('/api/availability/preview?meetingType=intro');
    expect(preview.status).toBe(200);
    const week = await preview.json();
    expect(week.timeZone).toBe('Europe/Berlin');
    expect(week.days).toHaveLength(7);
    // Hourly starts all day: 24 a day (23 or 25 on a clock change) after today's remaining hours.
    const later = week.days.slice(1).map((d: { slots: unknown[] }) => d.slots.length);
    for (const count of later) expect([23, 24, 25]).toContain(count);
    expect(week.days[1].slots[0].local).toBe('00:00');

    const two = await (
      await alice.fetch('/api/availability', put({ rules, meetingTypes: [TYPE], etag: one.etag }))
    ).json();
    expect(two.etag).not.toBe(one.etag);

    const stale = await alice.fetch(
      '/api/availability',
      put({ rules, meetingTypes: [TYPE], etag: one.etag }),
    );
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.message).toContain('changed in another tab');

    const overlapping = {
      ...rules,
      weeklyHours: {
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '11:00', end: '13:00' },
        ],
      },
    };
    const bad = await alice.fetch(
      '/api/availability',
      put({ rules: overlapping, meetingTypes: [TYPE], etag: two.etag }),
    );
    expect(bad.status).toBe(400);
    const error = (await bad.json()).error;
    expect(error.message).toContain('weeklyHours.mon.1: 11:00–13:00 overlaps 09:00–12:00');
    expect(error.details).toEqual([
      { path: 'rules.weeklyHours.mon.1', message: '11:00–13:00 overlaps 09:00–12:00' },
    ]);

    const kept = await (await alice.fetch('/api/availability')).json();
    expect(kept).toMatchObject({
      etag: two.etag,
      rules: { weeklyHours: { mon: [{ start: '09:00', end: '12:00' }] } },
    });
    expect((await alice.fetch('/api/availability/preview?meetingType=nope')).status).toBe(404);
  });
});

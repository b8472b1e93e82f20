import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFakeLedgerStore } from '../../tests/fakes/ledger-store.js';
import {
  claim,
  collides,
  confirmClaim,
  type LedgerDeps,
  type LedgerRules,
  releaseClaim,
  SlotTakenError,
  startDay,
} from './ledger.js';

const MIN = 60_000;
// Near midnight in New York and across the March 2026 clock change, so claims straddle days.
const BASE = Date.parse('2026-03-07T22:00:00-05:00');

const rulesArb: fc.Arbitrary<LedgerRules> = fc.record({
  timeZone: fc.constantFrom('America/New_York', 'Europe/London', 'Asia/Kolkata', 'UTC'),
  bufferBeforeMinutes: fc.constantFrom(0, 10, 15, 45),
  bufferAfterMinutes: fc.constantFrom(0, 5, 15, 30),
  maxMeetingsPerDay: fc.constantFrom(null, 1, 2, 3),
});

/** A meeting request: start on a 5-minute grid over two days, 15 to 120 minutes long. */
const requestArb = fc.record({
  offset: fc.integer({ min: 0, max: (48 * 60) / 5 }),
  minutes: fc.constantFrom(15, 30, 45, 60, 120),
});

const depsOver = (store = createFakeLedgerStore()): LedgerDeps & { store: typeof store } => ({
  store,
  bookedMeetings: async () => new Set(),
});

describe('booking ledger', () => {
  it('never lets concurrent claims overlap (buffers included) or exceed the daily cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        rulesArb,
        fc.array(requestArb, { minLength: 2, maxLength: 14 }),
        async (rules, requests) => {
          const deps = depsOver();
          const now = new Date(BASE - 86_400_000);
          const results = await Promise.allSettled(
            requests.map((r, i) => {
              const start = BASE + r.offset * 5 * MIN;
              return claim(
                {
                  ownerId: 'o',
                  claimId: `m${i}`,
                  meetingId: `m${i}`,
                  start: new Date(start).toISOString(),
                  end: new Date(start + r.minutes * MIN).toISOString(),
                  rules,
                  now,
                },
                deps,
              );
            }),
          );
          const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
          for (const r of results)
            if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(SlotTakenError);
          expect(won.length).toBeGreaterThan(0);
          for (const a of won)
            for (const b of won)
              if (a !== b) expect(collides(a, b, rules), `${a.start} vs ${b.start}`).toBe(false);
          if (rules.maxMeetingsPerDay !== null) {
            const perDay = new Map<string, number>();
            for (const w of won) perDay.set(w.day, (perDay.get(w.day) ?? 0) + 1);
            for (const count of perDay.values()) expect(count).toBeLessThanOrEqual(rules.maxMeetingsPerDay);
          }
          // Every winner is on the books of every day it touches; no loser left anything behind.
          const stored = [...deps.store.days.values()].flatMap((d) => d.entries.map((e) => e.claimId));
          expect(new Set(stored)).toEqual(new Set(won.map((w) => w.claimId)));
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('refuses a meeting that would start inside the other one’s buffer, on another day', async () => {
    const deps = depsOver();
    const rules: LedgerRules = {
      timeZone: 'America/New_York',
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 15,
      maxMeetingsPerDay: null,
    };
    const now = new Date('2026-03-01T00:00:00Z');
    const late = { start: '2026-03-09T03:30:00Z', end: '2026-03-09T04:50:00Z' }; // 23:30–00:50 local
    const first = await claim({ ownerId: 'o', claimId: 'a', meetingId: 'a', ...late, rules, now }, deps);
    // 23:30–00:50 local with a 15-minute gap: written to both local days.
    expect(first.days).toEqual(['2026-03-08', '2026-03-09']);
    // Starts on the next local day, 10 minutes after the first ends: inside the 15-minute buffer.
    const next = { start: '2026-03-09T05:00:00Z', end: '2026-03-09T05:30:00Z' };
    expect(startDay(next.start, rules.timeZone)).toBe('2026-03-09');
    await expect(
      claim({ ownerId: 'o', claimId: 'b', meetingId: 'b', ...next, rules, now }, deps),
    ).rejects.toThrow(SlotTakenError);
    // Once the first is released, the same time is free.
    await releaseClaim('o', first, deps, now);
    await expect(
      claim({ ownerId: 'o', claimId: 'b', meetingId: 'b', ...next, rules, now }, deps),
    ).resolves.toMatchObject({
      claimId: 'b',
    });
  });

  it('gives back a claim whose request died, unless its meeting was written', async () => {
    const rules: LedgerRules = {
      timeZone: 'UTC',
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      maxMeetingsPerDay: null,
    };
    const slot = { start: '2026-04-01T10:00:00Z', end: '2026-04-01T10:30:00Z' };
    const t0 = new Date('2026-03-30T00:00:00Z');
    const afterHold = new Date(t0.getTime() + 3 * MIN);

    const died = depsOver();
    await claim({ ownerId: 'o', claimId: 'dead', meetingId: 'dead', ...slot, rules, now: t0 }, died);
    await expect(
      claim({ ownerId: 'o', claimId: 'x', meetingId: 'x', ...slot, rules, now: t0 }, died),
    ).rejects.toThrow(SlotTakenError);
    await expect(
      claim({ ownerId: 'o', claimId: 'x', meetingId: 'x', ...slot, rules, now: afterHold }, died),
    ).resolves.toMatchObject({ claimId: 'x' });

    const written = { ...depsOver(), bookedMeetings: async () => new Set(['kept']) };
    await claim({ ownerId: 'o', claimId: 'kept', meetingId: 'kept', ...slot, rules, now: t0 }, written);
    await expect(
      claim({ ownerId: 'o', claimId: 'y', meetingId: 'y', ...slot, rules, now: afterHold }, written),
    ).rejects.toThrow(SlotTakenError);
  });

  it('lets a meeting move to a time overlapping its own old time, and confirms it', async () => {
    const deps = depsOver();
    const rules: LedgerRules = {
      timeZone: 'UTC',
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 15,
      maxMeetingsPerDay: 1,
    };
    const now = new Date('2026-03-30T00:00:00Z');
    const first = await claim(
      {
        ownerId: 'o',
        claimId: 'm',
        meetingId: 'm',
        start: '2026-04-01T10:00:00Z',
        end: '2026-04-01T10:30:00Z',
        rules,
        now,
      },
      deps,
    );
    await confirmClaim('o', first, rules, deps, now);
    const moved = await claim(
      {
        ownerId: 'o',
        claimId: 'm#1',
        meetingId: 'm',
        start: '2026-04-01T10:15:00Z',
        end: '2026-04-01T10:45:00Z',
        rules,
        now,
        replaces: 'm',
      },
      deps,
    );
    await confirmClaim('o', moved, rules, deps, now);
    await releaseClaim('o', first, deps, now);
    const entries = (await deps.store.read('o', '2026-04-01')).entries;
    expect(entries.map((e) => [e.claimId, e.state])).toEqual([['m#1', 'booked']]);
  });
});

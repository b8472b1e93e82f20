import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { formatLocal, localDay, toUtcByOffsets, zoneClock } from './zone-clock.js';

const ZONES = ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham'];
const wall = (iso: string) => Date.parse(`${iso}Z`);
const utc = (ms: number) => new Date(ms).toISOString();

describe('zone clock', () => {
  it('agrees with Luxon on the offset and local time of any instant from 2020 to 2030', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        (zone, instant) => {
          const luxon = DateTime.fromMillis(instant, { zone });
          const clock = zoneClock(zone);
          expect(clock.offsetAt(instant)).toBe(luxon.offset * 60_000);
          expect(formatLocal(instant, clock)).toBe(
            luxon.toISO({ suppressMilliseconds: true, includeOffset: true })?.replace(/\.\d+/, ''),
          );
          // Every existing wall time maps back to an instant showing that wall time.
          const back = clock.toUtc(instant + clock.offsetAt(instant));
          expect(back + clock.offsetAt(back)).toBe(instant + clock.offsetAt(instant));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads a repeated time as its first occurrence and a skipped time with the earlier offset (RFC 5545)', () => {
    const ny = zoneClock('America/New_York');
    expect(utc(ny.toUtc(wall('2025-11-02T01:30:00')))).toBe('2025-11-02T05:30:00.000Z'); // 01:30 EDT
    expect(utc(ny.toUtc(wall('2025-03-09T02:30:00')))).toBe('2025-03-09T07:30:00.000Z'); // = 03:30 EDT
    const lordHowe = zoneClock('Australia/Lord_Howe');
    // Lord Howe moves by half an hour: 02:00 (+11) becomes 01:30 (+10:30) on 6 April 2025.
    expect(utc(lordHowe.toUtc(wall('2025-04-06T01:45:00')))).toBe('2025-04-05T14:45:00.000Z');
    const chatham = zoneClock('Pacific/Chatham');
    // Chatham springs from 02:45 (+12:45) to 03:45 (+13:45) on 28 September 2025.
    expect(utc(chatham.toUtc(wall('2025-09-28T03:00:00')))).toBe('2025-09-27T14:15:00.000Z');
  });

  it('does not depend on which offset is in force today (unlike Luxon)', () => {
    const fixedOffsets = (o: number) => (u: number) => (u < Date.UTC(2025, 10, 2, 6) ? -4 * 3600_000 : o);
    expect(toUtcByOffsets(wall('2025-11-02T01:30:00'), fixedOffsets(-5 * 3600_000))).toBe(
      Date.UTC(2025, 10, 2, 5, 30),
    );
  });

  it('dates an instant by the local calendar', () => {
    const kolkata = zoneClock('Asia/Kolkata');
    // 20:00 UTC on 9 March is already 10 March in India.
    expect(localDay(Date.UTC(2025, 2, 9, 20), kolkata)).toBe(Date.UTC(2025, 2, 10) / 86_400_000);
  });

  it('refuses an unknown zone by name', () => {
    expect(() => zoneClock('Mars/Olympus_Mons')).toThrow('Unknown time zone "Mars/Olympus_Mons"');
  });
});

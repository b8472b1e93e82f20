import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { parseCalendar } from './calendar-parse.js';
import { findSlots, type SlotRequest } from './find-slots.js';

// Monday 3 March 2025, 08:00 in New York (EST, UTC−5). US clocks go forward on Sunday 9 March.
const NOW = '2025-03-03T13:00:00Z';
const NY = { timeZone: 'America/New_York' };

const starts = (request: SlotRequest) => findSlots(request).slots.map((s) => s.start);
const onDay = (list: string[], date: string) => list.filter((s) => s.startsWith(date));

describe('findSlots with the default rules', () => {
  it('starts today after 4 hours of notice and ends each day at 17:00 local', () => {
    expect(onDay(starts({ rules: NY, now: NOW }), '2025-03-03')).toEqual([
      '2025-03-03T17:00:00.000Z',
      '2025-03-03T17:30:00.000Z',
      '2025-03-03T18:00:00.000Z',
      '2025-03-03T18:30:00.000Z',
      '2025-03-03T19:00:00.000Z',
      '2025-03-03T19:30:00.000Z',
      '2025-03-03T20:00:00.000Z',
      '2025-03-03T20:30:00.000Z',
      '2025-03-03T21:00:00.000Z',
      '2025-03-03T21:30:00.000Z',
    ]);
  });

  it('follows New York local time across the US change: 09:00 is 14:00Z, then 13:00Z', () => {
    const all = starts({ rules: NY, now: NOW });
    expect(onDay(all, '2025-03-07')[0]).toBe('2025-03-07T14:00:00.000Z');
    expect(onDay(all, '2025-03-10')[0]).toBe('2025-03-10T13:00:00.000Z');
    expect(onDay(all, '2025-03-08')).toEqual([]);
    // 14 days ahead: the last bookable day is Monday 17 March, last start 16:30 EDT.
    expect(all.at(-1)).toBe('2025-03-17T20:30:00.000Z');
    expect(all).toHaveLength(10 + 10 * 16);
  });

  it('shows each slot in both parties’ local time', () => {
    const [first] = findSlots({ rules: NY, now: NOW, contact: { timeZone: 'Asia/Kolkata' } }).slots;
    expect(first).toEqual({
      start: '2025-03-03T17:00:00.000Z',
      end: '2025-03-03T17:30:00.000Z',
      organizer: { start: '2025-03-03T12:00:00-05:00', end: '2025-03-03T12:30:00-05:00' },
      contact: { start: '2025-03-03T22:30:00+05:30', end: '2025-03-03T23:00:00+05:30' },
    });
  });
});

describe('busy time, buffers and the daily cap', () => {
  const busyTuesday = { start: '2025-03-04T19:00:00Z', end: '2025-03-04T20:00:00Z' }; // 14:00–15:00 EST

  it('keeps 15 minutes free on both sides of busy time', () => {
    const search = findSlots({ rules: NY, now: NOW, busy: [busyTuesday] });
    const tuesday = onDay(
      search.slots.map((s) => s.start),
      '2025-03-04',
    );
    expect(tuesday).toContain('2025-03-04T18:00:00.000Z'); // 13:00–13:30, 30 min clear
    expect(tuesday).not.toContain('2025-03-04T18:30:00.000Z');
    expect(tuesday).not.toContain('2025-03-04T20:00:00.000Z');
    expect(tuesday).toContain('2025-03-04T20:30:00.000Z');
    expect(search.explain('2025-03-04T18:30:00Z').reasons.map((r) => r.code)).toEqual(['buffer']);
    expect(search.explain('2025-03-04T19:30:00Z').reasons).toEqual([
      {
        code: 'busy',
        message: 'The organizer is busy at that time.',
        busy: [{ start: '2025-03-04T19:00:00.000Z', end: '2025-03-04T20:00:00.000Z' }],
      },
    ]);
  });

  it('blocks time from iCalendar and intervals together', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:a',
      'DTSTART;TZID=America/New_York:20250304T090000',
      'DTEND;TZID=America/New_York:20250304T120000',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const rules = { ...NY, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 };
    const tuesday = onDay(
      starts({ rules, now: NOW, calendars: [parseCalendar(ics)], busy: [busyTuesday] }),
      '2025-03-04',
    );
    expect(tuesday).toEqual([
      '2025-03-04T17:00:00.000Z',
      '2025-03-04T17:30:00.000Z',
      '2025-03-04T18:00:00.000Z',
      '2025-03-04T18:30:00.000Z',
      '2025-03-04T20:00:00.000Z',
      '2025-03-04T20:30:00.000Z',
      '2025-03-04T21:00:00.000Z',
      '2025-03-04T21:30:00.000Z',
    ]);
  });

  it('closes a day once its meetings reach the cap, counting a claim and its meeting once', () => {
    const meeting = { start: '2025-03-05T15:00:00Z', end: '2025-03-05T15:30:00Z' };
    const other = { start: '2025-03-05T18:00:00Z', end: '2025-03-05T18:30:00Z' };
    const rules = { ...NY, maxMeetingsPerDay: 2 };
    const capped = findSlots({ rules, now: NOW, meetings: [meeting, other] });
    expect(
      onDay(
        capped.slots.map((s) => s.start),
        '2025-03-05',
      ),
    ).toEqual([]);
    expect(capped.explain('2025-03-05T20:00:00Z').reasons.map((r) => r.code)).toEqual(['daily-cap']);
    const open = findSlots({ rules, now: NOW, meetings: [meeting], claims: [meeting] });
    expect(
      onDay(
        open.slots.map((s) => s.start),
        '2025-03-05',
      ),
    ).toContain('2025-03-05T20:00:00.000Z');
  });
});

describe('the search window', () => {
  it('keeps every slot inside an explicit window and reads iCalendar given as text', () => {
    const ics = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'UID:lunch',
      'DTSTART;TZID=America/New_York:20250305T120000',
      'DTEND;TZID=America/New_York:20250305T130000',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const search = findSlots({
      rules: { ...NY, bufferBeforeMinutes: 0, bufferAfterMinutes: 0 },
      now: NOW,
      window: { start: '2025-03-05T16:00:00Z', end: '2025-03-05T19:00:00Z' },
      calendars: [ics],
    });
    expect(search.slots.map((s) => s.start)).toEqual([
      '2025-03-05T16:00:00.000Z',
      '2025-03-05T16:30:00.000Z',
      '2025-03-05T18:00:00.000Z',
      '2025-03-05T18:30:00.000Z',
    ]);
    expect(search.explain(search.slots[0]!).available).toBe(true);
    expect(search.explain('2025-03-05T19:00:00Z').reasons.map((r) => r.code)).toEqual(['outside-window']);
  });
});

describe('date overrides', () => {
  it('blocks a date, replaces the hours of another and adds hours on a Saturday', () => {
    const rules = {
      ...NY,
      dateOverrides: [
        { type: 'blocked' as const, date: '2025-03-06' },
        { type: 'replace' as const, date: '2025-03-07', hours: [{ start: '13:00', end: '14:00' }] },
        { type: 'extra' as const, date: '2025-03-08', hours: [{ start: '10:00', end: '11:00' }] },
      ],
    };
    const all = starts({ rules, now: NOW });
    expect(onDay(all, '2025-03-06')).toEqual([]);
    expect(onDay(all, '2025-03-07')).toEqual(['2025-03-07T18:00:00.000Z', '2025-03-07T18:30:00.000Z']);
    expect(onDay(all, '2025-03-08')).toEqual(['2025-03-08T15:00:00.000Z', '2025-03-08T15:30:00.000Z']);
  });
});

describe('days with 23 and 25 hours', () => {
  const allDaySunday = {
    ...NY,
    weeklyHours: { sun: [{ start: '00:00', end: '24:00' }] },
    meetingLengths: [60],
    slotIntervalMinutes: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeMinutes: 0,
    maxDaysAhead: 1,
  };
  const hoursFrom = (firstUtc: string, count: number) =>
    Array.from({ length: count }, (_, i) => new Date(Date.parse(firstUtc) + i * 3_600_000).toISOString());

  it('offers 23 hourly slots on 9 March (02:00 EST is skipped)', () => {
    const search = findSlots({ rules: allDaySunday, now: '2025-03-08T12:00:00Z' });
    expect(search.slots.map((s) => s.start)).toEqual(hoursFrom('2025-03-09T05:00:00Z', 23));
    expect(search.slots.slice(1, 3).map((s) => s.organizer.start)).toEqual([
      '2025-03-09T01:00:00-05:00',
      '2025-03-09T03:00:00-04:00',
    ]);
  });

  it('offers 25 hourly slots on 2 November (01:00 comes twice)', () => {
    const search = findSlots({ rules: allDaySunday, now: '2025-11-01T12:00:00Z' });
    expect(search.slots.map((s) => s.start)).toEqual(hoursFrom('2025-11-02T04:00:00Z', 25));
    expect(search.slots.slice(1, 3).map((s) => s.organizer.start)).toEqual([
      '2025-11-02T01:00:00-04:00',
      '2025-11-02T01:00:00-05:00',
    ]);
  });
});

describe('explain', () => {
  const search = findSlots({ rules: NY, now: NOW });

  it('says an offered slot is available', () => {
    expect(search.explain('2025-03-04T14:00:00Z')).toEqual({
      start: '2025-03-04T14:00:00.000Z',
      end: '2025-03-04T14:30:00.000Z',
      available: true,
      reasons: [],
    });
  });

  it('names hours, grid, notice and horizon', () => {
    const codes = (start: string) => search.explain(start).reasons.map((r) => r.code);
    expect(codes('2025-03-08T15:00:00Z')).toEqual(['outside-hours']); // Saturday
    expect(codes('2025-03-04T14:10:00Z')).toEqual(['off-grid']);
    expect(codes('2025-03-03T15:00:00Z')).toEqual(['notice']);
    expect(search.explain('2025-03-03T15:00:00Z').reasons[0]?.message).toBe(
      "Meetings need at least 4 hours' notice.",
    );
    expect(codes('2025-03-18T14:00:00Z')).toEqual(['outside-window', 'too-far']);
  });
});

describe('bad requests', () => {
  it('rejects a length the organizer does not offer, naming the field', () => {
    expect(() => findSlots({ rules: NY, now: NOW, durationMinutes: 45 })).toThrow(ZodError);
    try {
      findSlots({ rules: NY, now: NOW, durationMinutes: 45 });
    } catch (error) {
      expect((error as ZodError).issues[0]).toMatchObject({
        path: ['durationMinutes'],
        message: 'Meetings here last 30 minutes',
      });
    }
  });

  it('rejects a `now` that is not an ISO instant', () => {
    expect(() => findSlots({ rules: NY, now: 'Monday morning' })).toThrow(ZodError);
  });
});

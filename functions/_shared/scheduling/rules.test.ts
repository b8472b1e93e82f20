import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { parseAvailabilityRules } from './rules.js';

function messages(input: unknown): string[] {
  try {
    parseAvailabilityRules(input);
  } catch (error) {
    if (error instanceof ZodError) return error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw error;
  }
  return [];
}

describe('availability rules', () => {
  it('fills the documented defaults', () => {
    const rules = parseAvailabilityRules({ timeZone: 'Europe/London' });
    expect(rules).toMatchObject({
      meetingLengths: [30],
      bufferBeforeMinutes: 15,
      bufferAfterMinutes: 15,
      minimumNoticeMinutes: 240,
      maxDaysAhead: 14,
      slotIntervalMinutes: 30,
      maxMeetingsPerDay: null,
      dateOverrides: [],
    });
    expect(rules.weeklyHours.mon).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(rules.weeklyHours.fri).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(rules.weeklyHours.sat).toEqual([]);
  });

  it('accepts several ranges a day and treats days left out as days off', () => {
    const rules = parseAvailabilityRules({
      timeZone: 'Asia/Kolkata',
      weeklyHours: {
        tue: [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '24:00' },
        ],
      },
    });
    expect(rules.weeklyHours.tue).toHaveLength(2);
    expect(rules.weeklyHours.mon).toEqual([]);
  });

  it('names an unknown zone', () => {
    expect(messages({ timeZone: 'Europe/Londn' })).toEqual([
      'timeZone: Unknown time zone "Europe/Londn"; use an IANA name such as Europe/London',
    ]);
  });

  it('names overlapping ranges and a range that ends before it starts', () => {
    expect(
      messages({
        timeZone: 'UTC',
        weeklyHours: {
          mon: [
            { start: '09:00', end: '12:00' },
            { start: '11:00', end: '13:00' },
          ],
          wed: [{ start: '17:00', end: '09:00' }],
        },
      }),
    ).toEqual([
      'weeklyHours.mon.1: 11:00–13:00 overlaps 09:00–12:00',
      'weeklyHours.wed.0.end: End must be after start (a range cannot cross midnight; split it in two)',
    ]);
  });

  it('validates date overrides: real dates, one per date, hours for extra days', () => {
    expect(
      messages({
        timeZone: 'UTC',
        dateOverrides: [
          { type: 'blocked', date: '2025-02-30' },
          { type: 'extra', date: '2025-03-08', hours: [{ start: '10:00', end: '12:00' }] },
          { type: 'blocked', date: '2025-03-08' },
        ],
      }),
    ).toEqual([
      'dateOverrides.0.date: Not a calendar date',
      'dateOverrides.2: 2025-03-08 has more than one override',
    ]);
  });

  it('rejects times that are not HH:MM and lengths below five minutes', () => {
    expect(
      messages({
        timeZone: 'UTC',
        weeklyHours: { mon: [{ start: '9am', end: '17:00' }] },
        meetingLengths: [2],
      }),
    ).toEqual([
      'weeklyHours.mon.0.start: Use a 24-hour time such as 09:00 (24:00 ends the day)',
      'meetingLengths.0: Use at least 5 minutes',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { findSlots } from './find-slots.js';

// Monday 3 March 2025, 06:00 in New York; no notice so Monday's 09:00 is bookable.
const base = {
  rules: { timeZone: 'America/New_York', minimumNoticeMinutes: 0 },
  now: '2025-03-03T11:00:00Z',
};
const organizerTimes = (list: Array<{ organizer: { start: string } }>) => list.map((s) => s.organizer.start);

describe('suggestions', () => {
  it('prefer different days and avoid the first and last slot of a day', () => {
    const { suggestions } = findSlots({ ...base, contact: { timeZone: 'America/New_York' } });
    expect(organizerTimes(suggestions)).toEqual([
      '2025-03-03T09:30:00-05:00',
      '2025-03-04T09:30:00-05:00',
      '2025-03-05T09:30:00-05:00',
    ]);
  });

  it('fall inside the contact’s working day: a Berlin contact gets New York mornings', () => {
    const { suggestions } = findSlots({ ...base, contact: { location: 'Berlin, Germany' } });
    expect(suggestions.map((s) => s.contact.start)).toEqual([
      '2025-03-03T15:30:00+01:00',
      '2025-03-04T15:30:00+01:00',
      '2025-03-05T15:30:00+01:00',
    ]);
  });

  it('use the contact’s own hours when they have rules', () => {
    const { suggestions } = findSlots({
      ...base,
      busy: [{ start: '2025-03-04T14:00:00Z', end: '2025-03-04T16:00:00Z' }],
      contact: {
        timeZone: 'Europe/London',
        workingHours: { mon: [{ start: '14:00', end: '15:00' }], tue: [{ start: '14:00', end: '15:00' }] },
      },
    });
    // Monday 09:30 EST is 14:30 in London (09:00 is the day's first slot); Tuesday's hour is busy.
    // After the US change on 9 March New York is only four hours behind London until 30 March,
    // so 10:00 EDT becomes the contact's 14:00.
    expect(organizerTimes(suggestions)).toEqual([
      '2025-03-03T09:30:00-05:00',
      '2025-03-10T10:00:00-04:00',
      '2025-03-11T10:00:00-04:00',
    ]);
  });

  it('still offer the requested number when no time suits the contact, on different days', () => {
    const { suggestions } = findSlots({ ...base, contact: { timeZone: 'Asia/Tokyo' }, suggestions: 4 });
    const dates = suggestions.map((s) => s.contact.start.slice(0, 10));
    expect(suggestions).toHaveLength(4);
    expect(new Set(dates).size).toBe(4);
  });

  it('can be turned off', () => {
    expect(findSlots({ ...base, suggestions: 0 }).suggestions).toEqual([]);
  });
});

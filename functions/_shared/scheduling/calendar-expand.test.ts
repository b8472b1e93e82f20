import { describe, expect, it } from 'vitest';
import { expandCalendar } from './calendar-expand.js';
import { CalendarParseError, parseCalendar } from './calendar-parse.js';
import { type Interval, mergeIntervals } from './intervals.js';
import { zoneClock } from './zone-clock.js';

const calendar = (...events: string[]) =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events, 'END:VCALENDAR'].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Busy time of the calendar within [from, to), merged, as [start, end] UTC strings. */
function busy(ics: string, organizerZone: string, from: string, to: string): string[][] {
  const out: Interval[] = [];
  expandCalendar(
    parseCalendar(ics),
    { start: Date.parse(from), end: Date.parse(to) },
    zoneClock(organizerZone),
    out,
  );
  return mergeIntervals(out).map((i) => [iso(i.start), iso(i.end)]);
}

describe('recurring series', () => {
  it('moves a New York standup by an hour in UTC on the US change day (10 March 2025)', () => {
    for (const dtstart of ['20250303T093000', '20230102T093000']) {
      const ics = calendar(
        event(
          'UID:standup',
          `DTSTART;TZID=America/New_York:${dtstart}`,
          'DURATION:PT15M',
          'RRULE:FREQ=WEEKLY;BYDAY=MO',
        ),
      );
      expect(busy(ics, 'Europe/London', '2025-03-01T00:00:00Z', '2025-03-18T00:00:00Z')).toEqual([
        ['2025-03-03T14:30:00Z', '2025-03-03T14:45:00Z'],
        ['2025-03-10T13:30:00Z', '2025-03-10T13:45:00Z'],
        ['2025-03-17T13:30:00Z', '2025-03-17T13:45:00Z'],
      ]);
    }
  });

  it('drops an EXDATE and replaces a moved instance (RECURRENCE-ID)', () => {
    const ics = calendar(
      event(
        'UID:review',
        'DTSTART;TZID=Europe/Berlin:20250304T140000',
        'DTEND;TZID=Europe/Berlin:20250304T150000',
        'RRULE:FREQ=WEEKLY;BYDAY=TU',
        'EXDATE;TZID=Europe/Berlin:20250311T140000',
      ),
      event(
        'UID:review',
        'RECURRENCE-ID;TZID=Europe/Berlin:20250318T140000',
        'DTSTART;TZID=Europe/Berlin:20250319T160000',
        'DTEND;TZID=Europe/Berlin:20250319T170000',
      ),
    );
    expect(busy(ics, 'UTC', '2025-03-01T00:00:00Z', '2025-04-02T00:00:00Z')).toEqual([
      ['2025-03-04T13:00:00Z', '2025-03-04T14:00:00Z'],
      ['2025-03-19T15:00:00Z', '2025-03-19T16:00:00Z'],
      ['2025-03-25T13:00:00Z', '2025-03-25T14:00:00Z'],
      // Berlin is on summer time from 30 March.
      ['2025-04-01T12:00:00Z', '2025-04-01T13:00:00Z'],
    ]);
  });

  it('expands a monthly "first Monday" series defined in London time', () => {
    const ics = calendar(
      event(
        'UID:board',
        'DTSTART;TZID=Europe/London:20240101T090000',
        'DTEND;TZID=Europe/London:20240101T100000',
        'RRULE:FREQ=MONTHLY;BYDAY=1MO',
      ),
    );
    expect(busy(ics, 'America/New_York', '2025-02-01T00:00:00Z', '2025-05-01T00:00:00Z')).toEqual([
      ['2025-02-03T09:00:00Z', '2025-02-03T10:00:00Z'],
      ['2025-03-03T09:00:00Z', '2025-03-03T10:00:00Z'],
      ['2025-04-07T08:00:00Z', '2025-04-07T09:00:00Z'],
    ]);
  });

  it('removes an instance cancelled by its own RECURRENCE-ID event and honours UNTIL and COUNT', () => {
    const ics = calendar(
      event(
        'UID:sync',
        'DTSTART:20250303T160000Z',
        'DTEND:20250303T163000Z',
        'RRULE:FREQ=DAILY;UNTIL=20250306T160000Z',
      ),
      event('UID:sync', 'RECURRENCE-ID:20250304T160000Z', 'DTSTART:20250304T160000Z', 'STATUS:CANCELLED'),
      event('UID:trial', 'DTSTART:20250303T200000Z', 'DURATION:PT1H', 'RRULE:FREQ=WEEKLY;COUNT=2'),
    );
    expect(busy(ics, 'UTC', '2025-03-01T00:00:00Z', '2025-03-31T00:00:00Z')).toEqual([
      ['2025-03-03T16:00:00Z', '2025-03-03T16:30:00Z'],
      ['2025-03-03T20:00:00Z', '2025-03-03T21:00:00Z'],
      ['2025-03-05T16:00:00Z', '2025-03-05T16:30:00Z'],
      ['2025-03-06T16:00:00Z', '2025-03-06T16:30:00Z'],
      ['2025-03-10T20:00:00Z', '2025-03-10T21:00:00Z'],
    ]);
  });

  it('adds RDATEs, including a period with its own end', () => {
    const ics = calendar(
      event(
        'UID:extra',
        'DTSTART:20250303T100000Z',
        'DURATION:PT30M',
        'RDATE:20250305T120000Z',
        'RDATE;VALUE=PERIOD:20250307T080000Z/20250307T093000Z',
      ),
    );
    expect(busy(ics, 'UTC', '2025-03-01T00:00:00Z', '2025-03-10T00:00:00Z')).toEqual([
      ['2025-03-03T10:00:00Z', '2025-03-03T10:30:00Z'],
      ['2025-03-05T12:00:00Z', '2025-03-05T12:30:00Z'],
      ['2025-03-07T08:00:00Z', '2025-03-07T09:30:00Z'],
    ]);
  });

  it('reads a weekly all-day series in the organizer zone', () => {
    const ics = calendar(
      event('UID:off', 'DTSTART;VALUE=DATE:20250307', 'RRULE:FREQ=WEEKLY;COUNT=2', 'TRANSP:OPAQUE'),
    );
    expect(busy(ics, 'Asia/Kolkata', '2025-03-01T00:00:00Z', '2025-03-31T00:00:00Z')).toEqual([
      ['2025-03-06T18:30:00Z', '2025-03-07T18:30:00Z'],
      ['2025-03-13T18:30:00Z', '2025-03-14T18:30:00Z'],
    ]);
  });
});

describe('one-off events', () => {
  it('blocks an all-day opaque event in the organizer zone and ignores a transparent one', () => {
    const ics = calendar(
      event('UID:offsite', 'DTSTART;VALUE=DATE:20250312', 'DTEND;VALUE=DATE:20250313'),
      event('UID:birthday', 'DTSTART;VALUE=DATE:20250313', 'DTEND;VALUE=DATE:20250314', 'TRANSP:TRANSPARENT'),
    );
    expect(busy(ics, 'America/Los_Angeles', '2025-03-10T00:00:00Z', '2025-03-20T00:00:00Z')).toEqual([
      ['2025-03-12T07:00:00Z', '2025-03-13T07:00:00Z'],
    ]);
  });

  it('ignores a cancelled event', () => {
    const ics = calendar(
      event('UID:gone', 'DTSTART:20250312T150000Z', 'DTEND:20250312T160000Z', 'STATUS:CANCELLED'),
      event('UID:kept', 'DTSTART:20250312T170000Z', 'DTEND:20250312T180000Z', 'STATUS:CONFIRMED'),
    );
    expect(busy(ics, 'UTC', '2025-03-12T00:00:00Z', '2025-03-13T00:00:00Z')).toEqual([
      ['2025-03-12T17:00:00Z', '2025-03-12T18:00:00Z'],
    ]);
  });

  it('measures an event across the UK switch night in real hours (23:00 GMT → 03:00 BST is 3 h)', () => {
    const ics = calendar(
      event(
        'UID:night',
        'DTSTART;TZID=Europe/London:20250329T230000',
        'DTEND;TZID=Europe/London:20250330T030000',
      ),
    );
    expect(busy(ics, 'Europe/London', '2025-03-29T00:00:00Z', '2025-03-31T00:00:00Z')).toEqual([
      ['2025-03-29T23:00:00Z', '2025-03-30T02:00:00Z'],
    ]);
  });

  it('gives all-day events 23 and 25 hours on the days New York changes its clocks', () => {
    const ics = calendar(
      event('UID:spring', 'DTSTART;VALUE=DATE:20250309'),
      event('UID:autumn', 'DTSTART;VALUE=DATE:20251102'),
    );
    expect(busy(ics, 'America/New_York', '2025-03-01T00:00:00Z', '2025-11-30T00:00:00Z')).toEqual([
      ['2025-03-09T05:00:00Z', '2025-03-10T04:00:00Z'],
      ['2025-11-02T04:00:00Z', '2025-11-03T05:00:00Z'],
    ]);
  });

  it('reads floating times in the organizer zone and UTC times as UTC', () => {
    const ics = calendar(
      event('UID:float', 'DTSTART:20250312T090000', 'DTEND:20250312T100000'),
      event('UID:utc', 'DTSTART:20250312T090000Z', 'DTEND:20250312T100000Z'),
    );
    expect(busy(ics, 'Asia/Kolkata', '2025-03-12T00:00:00Z', '2025-03-13T00:00:00Z')).toEqual([
      ['2025-03-12T03:30:00Z', '2025-03-12T04:30:00Z'],
      ['2025-03-12T09:00:00Z', '2025-03-12T10:00:00Z'],
    ]);
  });
});

describe('time zones in the file', () => {
  const customEastern = [
    'BEGIN:VTIMEZONE',
    'TZID:Custom Eastern',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:-0500',
    'TZOFFSETTO:-0400',
    'DTSTART:20070311T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:-0400',
    'TZOFFSETTO:-0500',
    'DTSTART:20071104T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');

  it('uses a VTIMEZONE for a TZID that is not an IANA name, across its DST change', () => {
    const ics = calendar(
      customEastern,
      event(
        'UID:call',
        'DTSTART;TZID=Custom Eastern:20250307T090000',
        'DTEND;TZID=Custom Eastern:20250307T093000',
        'RRULE:FREQ=DAILY;COUNT=4;INTERVAL=3',
      ),
    );
    expect(busy(ics, 'UTC', '2025-03-01T00:00:00Z', '2025-03-31T00:00:00Z')).toEqual([
      ['2025-03-07T14:00:00Z', '2025-03-07T14:30:00Z'],
      ['2025-03-10T13:00:00Z', '2025-03-10T13:30:00Z'],
      ['2025-03-13T13:00:00Z', '2025-03-13T13:30:00Z'],
      ['2025-03-16T13:00:00Z', '2025-03-16T13:30:00Z'],
    ]);
  });

  it('maps Windows zone names sent without a VTIMEZONE', () => {
    const ics = calendar(
      event(
        'UID:win',
        'DTSTART;TZID=India Standard Time:20250312T100000',
        'DTEND;TZID=India Standard Time:20250312T110000',
      ),
    );
    expect(busy(ics, 'UTC', '2025-03-12T00:00:00Z', '2025-03-13T00:00:00Z')).toEqual([
      ['2025-03-12T04:30:00Z', '2025-03-12T05:30:00Z'],
    ]);
  });
});

describe('bad input', () => {
  it('reports text that is not iCalendar', () => {
    expect(() => parseCalendar('hello')).toThrow(CalendarParseError);
    expect(() => parseCalendar('hello')).toThrowError(
      expect.objectContaining({ code: 'BAD_FILE', status: 400 }),
    );
  });

  it('warns about a rule ical.js cannot expand and still blocks its first occurrence', () => {
    const ics = calendar(
      event(
        'UID:bad',
        'DTSTART:20250312T090000Z',
        'DURATION:PT1H',
        'RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
      ),
    );
    expect(parseCalendar(ics).warnings).toEqual([
      'Event bad: repeat rule skipped (no date matches BYMONTH=2;BYMONTHDAY=30); only its listed dates block time',
    ]);
    expect(busy(ics, 'UTC', '2025-03-01T00:00:00Z', '2025-04-01T00:00:00Z')).toEqual([
      ['2025-03-12T09:00:00Z', '2025-03-12T10:00:00Z'],
    ]);
  });
});

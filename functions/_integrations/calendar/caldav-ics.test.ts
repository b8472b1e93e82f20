import { describe, expect, it } from 'vitest';
import { eventIcs, readEventIcs } from './caldav-ics.js';
import { sampleCalendarEvent } from './contract.test-support.js';

const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '');

describe('the calendar object of a meeting', () => {
  it('reads back exactly what it wrote, in UTC, with the join URL where every app looks', () => {
    const event = sampleCalendarEvent({ start: '2030-02-03T09:00:00.000Z', end: '2030-02-03T09:45:00.000Z' });
    const ics = unfold(eventIcs(event, 'confirmed'));
    expect(ics).toContain('DTSTART:20300203T090000Z');
    expect(ics).toContain(`LOCATION:${event.conference!.joinUrl}`);
    expect(ics).toContain(`Join: ${event.conference!.joinUrl}`);
    expect(ics).not.toContain('VTIMEZONE');
    expect(readEventIcs(ics, 'https://dav.example/cal/x.ics')).toEqual({
      ...event,
      eventId: 'https://dav.example/cal/x.ics',
      status: 'confirmed',
    });
  });

  it('keeps a place apart from the video link, and a person without a name without one', () => {
    const event = sampleCalendarEvent({
      conference: undefined,
      location: 'Café Einstein, Berlin',
      organizer: { email: 'sam@momentum.example' },
      attendees: [{ email: 'ada@example.com' }],
    });
    const read = readEventIcs(eventIcs(event, 'cancelled'), 'id');
    expect(read).toMatchObject({ location: 'Café Einstein, Berlin', status: 'cancelled' });
    expect(read?.conference).toBeUndefined();
    expect(read?.organizer).toEqual({ email: 'sam@momentum.example' });
    expect(read?.attendees).toEqual([{ email: 'ada@example.com' }]);
  });

  it('reads an object without our X- properties by its UID, and nothing from text that is not iCalendar', () => {
    const event = sampleCalendarEvent();
    const foreign = eventIcs(event, 'confirmed').replace(/X-MOMENTUM-[^\r\n]*\r\n/g, '');
    expect(readEventIcs(foreign, 'id')).toMatchObject({ meetingId: event.meetingId, timeZone: 'UTC' });
    expect(readEventIcs('not a calendar', 'id')).toBeUndefined();
  });
});

import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { createCalDavCalendar } from '../../functions/_integrations/calendar/caldav.js';
import {
  runCalendarContract,
  sampleCalendarEvent,
} from '../../functions/_integrations/calendar/contract.test-support.js';
import { calendarProviders } from '../../functions/_integrations/calendar/registry.js';
import { anotherCalDavApp, icsFromAnotherApp } from '../fakes/caldav-another-app.js';

/** The CalDAV calendar against Radicale (started by the global setup), each run on a fresh calendar. */

const credentials = () => ({
  serverUrl: inject('caldavUrl'),
  username: inject('caldavUsername'),
  password: inject('caldavPassword'),
});

/** "Another client", as Apple Calendar or Thunderbird would write. */
const otherClient = () => anotherCalDavApp(credentials());

/** A new, empty calendar collection of the test user. */
async function freshCalendar(name = 'Meetings') {
  const other = await otherClient();
  return { client: other.client, url: await other.newCalendar(name) };
}

const onlyCalendar = (url: string) => ({ readCalendarUrls: [url], writeCalendarUrl: url });

runCalendarContract('caldav', async () => {
  const { url } = await freshCalendar();
  return { provider: calendarProviders.caldav('owner-caldav-contract', credentials(), onlyCalendar(url)) };
});

describe('CalDAV calendar on Radicale', () => {
  // Each test on a calendar of its own: another test's series never shows up as busy.
  let calendar: Awaited<ReturnType<typeof freshCalendar>>;
  beforeEach(async () => {
    calendar = await freshCalendar();
  });
  const provider = () => calendarProviders.caldav('owner-caldav', credentials(), onlyCalendar(calendar.url));
  const put = (filename: string, text: string) =>
    calendar.client
      .createCalendarObject({ calendar: { url: calendar.url }, filename, iCalString: text })
      .then((res) => expect(res.status).toBe(201));

  it("blocks exactly the occurrences of another app's weekly series: EXDATE skipped, moved one where it went", async () => {
    await put(
      'weekly.ics',
      icsFromAnotherApp(
        'BEGIN:VEVENT',
        'UID:weekly-standup@another.app',
        'DTSTAMP:20320101T000000Z',
        'DTSTART:20320301T090000Z',
        'DTEND:20320301T100000Z',
        'RRULE:FREQ=WEEKLY;COUNT=10',
        'EXDATE:20320308T090000Z',
        'SUMMARY:Stand-up',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:weekly-standup@another.app',
        'DTSTAMP:20320101T000000Z',
        'RECURRENCE-ID:20320315T090000Z',
        'DTSTART:20320316T140000Z',
        'DTEND:20320316T150000Z',
        'SUMMARY:Stand-up (moved)',
        'END:VEVENT',
      ),
    );
    const threeWeeks = { start: '2032-03-01T00:00:00.000Z', end: '2032-03-22T00:00:00.000Z' };
    expect(await provider().listBusy(threeWeeks)).toEqual([
      { start: '2032-03-01T09:00:00.000Z', end: '2032-03-01T10:00:00.000Z' },
      { start: '2032-03-16T14:00:00.000Z', end: '2032-03-16T15:00:00.000Z' },
    ]);
    // The week after: the series goes on, and a range inside an occurrence still sees it.
    expect(
      await provider().listBusy({ start: '2032-03-22T09:30:00.000Z', end: '2032-03-22T09:45:00.000Z' }),
    ).toEqual([{ start: '2032-03-22T09:00:00.000Z', end: '2032-03-22T10:00:00.000Z' }]);
  });

  it('leaves out events shown as free (TRANSPARENT) and cancelled ones', async () => {
    const event = (uid: string, start: string, extra: string[]) =>
      icsFromAnotherApp(
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTAMP:20320101T000000Z',
        `DTSTART:${start}`,
        'DURATION:PT1H',
        'SUMMARY:Something',
        ...extra,
        'END:VEVENT',
      );
    await put('free.ics', event('free@another.app', '20320405T090000Z', ['TRANSP:TRANSPARENT']));
    await put('cancelled.ics', event('cancelled@another.app', '20320405T110000Z', ['STATUS:CANCELLED']));
    await put('busy.ics', event('busy@another.app', '20320405T130000Z', ['STATUS:CONFIRMED']));
    expect(
      await provider().listBusy({ start: '2032-04-05T00:00:00.000Z', end: '2032-04-06T00:00:00.000Z' }),
    ).toEqual([{ start: '2032-04-05T13:00:00.000Z', end: '2032-04-05T14:00:00.000Z' }]);
  });

  it('ends with our times when another app changes the event while we update it (412, read again)', async () => {
    let raced = 0;
    const racingFetch: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      if (init?.method === 'PUT' && headers.has('If-Match') && raced++ === 0) {
        // Between our read and our write, the organizer edits the title in their calendar app.
        const url = String(input);
        const current = await fetch(url, { headers: { authorization: headers.get('authorization')! } });
        const edited = (await current.text()).replace(
          /SUMMARY:[^\r\n]*/,
          'SUMMARY:Renamed in Apple Calendar',
        );
        const res = await calendar.client.updateCalendarObject({
          calendarObject: { url, data: edited, etag: '' },
        });
        expect(res.ok).toBe(true);
      }
      return fetch(input, init);
    };
    const racing = createCalDavCalendar('owner-caldav', credentials(), onlyCalendar(calendar.url), {
      fetch: racingFetch,
    });
    const event = sampleCalendarEvent({ start: '2032-05-03T10:00:00.000Z', end: '2032-05-03T11:00:00.000Z' });
    const { eventId } = await racing.createEvent(event);
    const moved = await racing.updateEvent(eventId, {
      ...event,
      start: '2032-05-03T15:00:00.000Z',
      end: '2032-05-03T16:00:00.000Z',
      sequence: 1,
    });
    expect(raced).toBeGreaterThanOrEqual(2);
    expect(moved).toMatchObject({ start: '2032-05-03T15:00:00.000Z', end: '2032-05-03T16:00:00.000Z' });
    expect(await provider().getEvent(eventId)).toMatchObject({
      title: event.title,
      start: '2032-05-03T15:00:00.000Z',
      end: '2032-05-03T16:00:00.000Z',
      sequence: 1,
    });
    expect(
      await provider().listBusy({ start: '2032-05-03T00:00:00.000Z', end: '2032-05-04T00:00:00.000Z' }),
    ).toEqual([{ start: '2032-05-03T15:00:00.000Z', end: '2032-05-03T16:00:00.000Z' }]);
  });

  it('keeps a cancelled meeting in the calendar, marked cancelled, so a late retried create does not revive it', async () => {
    const event = sampleCalendarEvent({ start: '2032-06-07T10:00:00.000Z', end: '2032-06-07T11:00:00.000Z' });
    const { eventId } = await provider().createEvent(event);
    await provider().deleteEvent(eventId);
    expect(await provider().getEvent(eventId)).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(await provider().createEvent(event)).toMatchObject({ eventId, status: 'cancelled' });
    const [stored] = await calendar.client.fetchCalendarObjects({
      calendar: { url: calendar.url },
      objectUrls: [eventId],
    });
    const unfolded = String(stored?.data).replace(/\r\n[ \t]/g, '');
    expect(unfolded).toMatch(/STATUS:CANCELLED/);
    // No second invitation from servers that schedule by themselves (iCloud): ours is sent already.
    expect(unfolded).toMatch(/ATTENDEE;[^\r\n]*SCHEDULE-AGENT=CLIENT[^\r\n]*:MAILTO:ada@example.com/i);
    expect(unfolded).toContain(`UID:${event.meetingId}@momentum-meet`);
  });

  it('lists the calendars that hold events, for the organizer to choose from', async () => {
    const { client, homeUrl } = await otherClient();
    const tasks = `${homeUrl}${randomUUID()}/`;
    await client.makeCalendar({
      url: tasks,
      props: {
        displayname: 'Tasks',
        'c:supported-calendar-component-set': { 'c:comp': { _attributes: { name: 'VTODO' } } },
      },
    });
    const calendars = await provider().listCalendars();
    expect(calendars).toContainEqual({ url: calendar.url, name: 'Meetings', canWrite: true });
    expect(calendars.map((c) => c.url)).not.toContain(tasks);
  });

  it('never sends the password to a URL outside the account', async () => {
    let asked = 0;
    const counting: typeof fetch = (input, init) => {
      if (String(input).startsWith('http://elsewhere.example')) asked++;
      return fetch(input, init);
    };
    const p = createCalDavCalendar('owner-caldav', credentials(), onlyCalendar(calendar.url), {
      fetch: counting,
    });
    expect(await p.getEvent('http://elsewhere.example/organizer/x.ics')).toBeUndefined();
    await p.deleteEvent('http://elsewhere.example/organizer/x.ics');
    expect(asked).toBe(0);
  });

  it('says why a connection does not work: password refused, server unreachable', async () => {
    const wrong = calendarProviders.caldav('owner-caldav', {
      ...credentials(),
      password: 'not-the-password',
    });
    await expect(wrong.health()).rejects.toThrow(/refused the user name or password/);
    await expect(
      wrong.listBusy({ start: '2032-01-01T00:00:00Z', end: '2032-01-02T00:00:00Z' }),
    ).rejects.toThrow(/refused the user name or password/);
    const gone = calendarProviders.caldav('owner-caldav', {
      ...credentials(),
      serverUrl: 'http://127.0.0.1:9/',
    });
    await expect(gone.health()).rejects.toThrow(/could not be reached/);
    const moved = calendarProviders.caldav('owner-caldav', credentials(), {
      writeCalendarUrl: `${calendar.url.replace(/[^/]+\/$/, '')}deleted-calendar/`,
    });
    await expect(moved.health()).rejects.toThrow(/is no longer in the account/);
  });

  it('has an iCloud preset: the same provider at Apple’s server', () => {
    const icloud = calendarProviders.icloud('owner-icloud', {
      username: 'sam@icloud.com',
      password: 'abcd-efgh-ijkl-mnop',
    });
    expect(icloud.name).toBe('icloud');
    expect(typeof icloud.listCalendars).toBe('function');
  });
});

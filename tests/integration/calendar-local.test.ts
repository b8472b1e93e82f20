import { beforeAll, describe, expect, it } from 'vitest';
import {
  runCalendarContract,
  sampleCalendarEvent,
} from '../../functions/_integrations/calendar/contract.test-support.js';
import { localEventId } from '../../functions/_integrations/calendar/local.js';
import { calendarProviders } from '../../functions/_integrations/calendar/registry.js';
import { getContainer } from '../../functions/_shared/cosmos/client.js';
import { useEmulators } from './support/app.js';

/** The local calendar against the local Cosmos API server. */
beforeAll(() => {
  useEmulators();
});

runCalendarContract('local', async () => ({ provider: calendarProviders.local('owner-calendar-contract') }));

describe('local calendar on Cosmos', () => {
  it("keeps each owner's calendar apart: another owner's events are neither busy nor reachable", async () => {
    const alice = calendarProviders.local('owner-cal-alice');
    const bob = calendarProviders.local('owner-cal-bob');
    const event = sampleCalendarEvent({ start: '2031-05-05T10:00:00.000Z', end: '2031-05-05T11:00:00.000Z' });
    const { eventId } = await alice.createEvent(event);
    const day = { start: '2031-05-05T00:00:00.000Z', end: '2031-05-06T00:00:00.000Z' };
    expect(await bob.listBusy(day)).toEqual([]);
    expect(await bob.getEvent(eventId)).toBeUndefined();
    await bob.deleteEvent(eventId);
    expect(await alice.listBusy(day)).toEqual([{ start: event.start, end: event.end }]);
  });

  it('keeps a cancelled event (expiring) so a late retried create does not bring it back', async () => {
    const calendar = calendarProviders.local('owner-cal-retry');
    const event = sampleCalendarEvent({ start: '2031-06-06T10:00:00.000Z', end: '2031-06-06T11:00:00.000Z' });
    const { eventId } = await calendar.createEvent(event);
    expect(eventId).toBe(localEventId(event.meetingId));
    await calendar.deleteEvent(eventId);
    const retried = await calendar.createEvent(event);
    expect(retried).toMatchObject({ eventId, status: 'cancelled', sequence: 1 });
    expect(await calendar.listBusy({ start: event.start, end: event.end })).toEqual([]);
    const { resource } = await (await getContainer('calendar-events'))
      .item(eventId, 'owner-cal-retry')
      .read();
    expect(resource.ttl).toBeGreaterThan(0);
  });

  it('refuses an event whose end is not after its start, or whose zone is unknown', async () => {
    const calendar = calendarProviders.local('owner-cal-bad');
    const event = sampleCalendarEvent({ start: '2031-07-07T10:00:00.000Z', end: '2031-07-07T10:00:00.000Z' });
    await expect(calendar.createEvent(event)).rejects.toThrow(/end must be after start/);
    await expect(
      calendar.createEvent({ ...event, end: '2031-07-07T11:00:00.000Z', timeZone: 'Mars/Olympus' }),
    ).rejects.toThrow(/IANA/);
  });
});

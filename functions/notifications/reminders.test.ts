import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { MeetingDoc } from '../booking/model.js';
import type { NotifyMessage } from '../notify/queue.js';
import { runReminders } from './reminders.js';

const base = {
  ownerId: 'o',
  status: 'booked',
  sequence: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  contactZone: 'Europe/London',
  organizerZone: 'Europe/London',
} as const;

const meeting = (over: Partial<MeetingDoc> & { id: string; start: string }): MeetingDoc =>
  ({ ...base, ...over }) as MeetingDoc;

/**
 * Runs the timer every 5 minutes from `from` to `to` (as the host would), and says when each
 * reminder was handed to the notify queue: "role minutes" → the time, in the recipient's zone.
 */
async function timerRuns(meetings: MeetingDoc[], from: string, to: string, offsets = [1440, 60]) {
  const markers = new Set<string>();
  const sent: { message: NotifyMessage; at: Date }[] = [];
  let now = new Date(from);
  const end = new Date(to).getTime();
  while (now.getTime() <= end) {
    const at = now;
    await runReminders({
      now: () => at,
      async *upcoming(a, b) {
        yield meetings.filter((m) => Date.parse(m.start) > a.getTime() && Date.parse(m.start) <= b.getTime());
      },
      offsets: async () => offsets,
      seen: async (_o, id) => markers.has(id),
      mark: async (_o, id) => {
        markers.add(id);
      },
      enqueue: async (message) => {
        sent.push({ message, at });
      },
    });
    now = new Date(now.getTime() + 5 * 60_000);
  }
  return sent.map(({ message, at }) => {
    const m = meetings.find((x) => x.id === message.meetingId)!;
    const zone = message.role === 'contact' ? m.contactZone : m.organizerZone;
    return `${message.meetingId} ${message.role} ${message.reminderMinutes}: ${DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL HH:mm ZZ')}`;
  });
}

describe('reminders', () => {
  it('reminds of a 09:00 meeting at 09:00 the day before on their own clock, across the change to summer time', async () => {
    // The UK's clocks go forward at 01:00 UTC on Sun 29 Mar 2026.
    const onChangeDay = meeting({ id: 'sun', start: '2026-03-29T08:00:00.000Z' }); // Sun 09:00 BST
    const dayAfter = meeting({ id: 'mon', start: '2026-03-30T08:00:00.000Z' }); // Mon 09:00 BST
    const got = await timerRuns([onChangeDay, dayAfter], '2026-03-28T00:00:00Z', '2026-03-30T09:00:00Z');
    expect(got).toEqual([
      // 09:00 GMT on Saturday — 23 hours before, not 08:00 (24 elapsed hours).
      'sun contact 1440: Sat 28 Mar 09:00 +00:00',
      'sun organizer 1440: Sat 28 Mar 09:00 +00:00',
      'sun contact 60: Sun 29 Mar 08:00 +01:00',
      'sun organizer 60: Sun 29 Mar 08:00 +01:00',
      'mon contact 1440: Sun 29 Mar 09:00 +01:00',
      'mon organizer 1440: Sun 29 Mar 09:00 +01:00',
      'mon contact 60: Mon 30 Mar 08:00 +01:00',
      'mon organizer 60: Mon 30 Mar 08:00 +01:00',
    ]);
  });

  it("moves a reminder out of the recipient's night to the evening before, each side in their own zone", async () => {
    // 08:30 on Wednesday in Tokyo is 16:30 on Tuesday in Los Angeles.
    const m = meeting({
      id: 'tyo',
      start: '2026-06-09T23:30:00.000Z',
      contactZone: 'Asia/Tokyo',
      organizerZone: 'America/Los_Angeles',
    });
    const got = await timerRuns([m], '2026-06-08T00:00:00Z', '2026-06-10T00:00:00Z');
    expect(got).toEqual([
      'tyo contact 1440: Tue 9 Jun 08:30 +09:00',
      'tyo organizer 1440: Mon 8 Jun 16:30 -07:00',
      // 07:30 in Tokyo is in the night: the evening before instead, before 21:00.
      'tyo contact 60: Tue 9 Jun 20:55 +09:00',
      'tyo organizer 60: Tue 9 Jun 15:30 -07:00',
    ]);
  });

  it('sends none for a cancelled or requested meeting, nor one booked after its reminder was due', async () => {
    const got = await timerRuns(
      [
        meeting({ id: 'cancelled', start: '2026-05-05T12:00:00.000Z', status: 'cancelled' }),
        meeting({ id: 'requested', start: '2026-05-05T12:00:00.000Z', status: 'requested' }),
        // Booked at 10:00 for 12:00 the same day: the day-before reminder is long past; the hour-before one goes.
        meeting({ id: 'late', start: '2026-05-05T12:00:00.000Z', createdAt: '2026-05-05T10:00:00.000Z' }),
      ],
      '2026-05-05T10:00:00Z',
      '2026-05-05T13:00:00Z',
    );
    expect(got).toEqual([
      'late contact 60: Tue 5 May 12:00 +01:00',
      'late organizer 60: Tue 5 May 12:00 +01:00',
    ]);
  });

  it("uses the organizer's own offsets, and after the timer was down sends only the latest due one", async () => {
    const m = meeting({ id: 'x', start: '2026-05-06T15:00:00.000Z' });
    // The timer comes back 30 minutes before the meeting: the 2-day and 1-day reminders are stale.
    const got = await timerRuns([m], '2026-05-06T14:30:00Z', '2026-05-06T15:00:00Z', [2880, 1440, 45]);
    expect(got).toEqual(['x contact 45: Wed 6 May 15:30 +01:00', 'x organizer 45: Wed 6 May 15:30 +01:00']);
  });
});

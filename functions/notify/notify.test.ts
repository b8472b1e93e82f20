import { describe, expect, it } from 'vitest';
import { createMemoryOutboxStore } from '../../tests/fakes/outbox-store.js';
import type { Notification, NotificationChannel } from '../_integrations/channels/channel.js';
import { createEmailChannel } from '../_integrations/channels/email.js';
import { createOutboxEmail } from '../_integrations/email/outbox.js';
import type { MeetingStore } from '../booking/meeting-store.js';
import type { MeetingDoc } from '../booking/model.js';
import { notifyMeeting } from './notify.js';

const meeting: MeetingDoc = {
  id: 'mtg-1',
  ownerId: 'o',
  title: 'Intro call: Hana Host and Ada Lovelace',
  start: '2026-10-25T09:00:00.000Z',
  end: '2026-10-25T09:30:00.000Z',
  status: 'booked',
  source: 'booking-page',
  contactId: 'c1',
  contact: { name: 'Ada Lovelace', email: 'ada@example.com' },
  meetingType: { id: 'intro', name: 'Intro call', location: 'video', durationMinutes: 30 },
  organizer: { name: 'Hana Host', email: 'hana@example.com' },
  organizerZone: 'America/New_York',
  contactZone: 'Europe/London',
  joinUrl: 'https://meet.jit.si/momentum-abc',
  videoProvider: 'jitsi',
  calendar: { provider: 'local', eventId: 'evt-1', connectionId: null },
  claimId: 'mtg-1',
  claimDays: ['2026-10-25'],
  sequence: 0,
  note: '',
  createdAt: '2026-10-01T00:00:00.000Z',
  updatedAt: '2026-10-01T00:00:00.000Z',
  cancelledAt: null,
  cancelReason: '',
  events: [],
};

function setup(doc: MeetingDoc) {
  const outbox = createMemoryOutboxStore();
  const meetings = { find: async () => doc } as unknown as MeetingStore;
  const deps = {
    meetings,
    channel: createEmailChannel(createOutboxEmail(outbox)),
    manageUrl: () => 'https://app.example/meeting/tok',
    meetingsPageUrl: 'https://app.example/meetings',
  };
  return { outbox, deps };
}

describe('notify', () => {
  it('sends each side one email in their zone — London has left summer time, New York has not — and nothing twice', async () => {
    const { outbox, deps } = setup(meeting);
    const message = { ownerId: 'o', meetingId: 'mtg-1', notice: 'booked' as const, sequence: 0 };
    expect(await notifyMeeting(message, deps)).toEqual({ sent: 2, skipped: 0 });
    // The queue delivers it again (a worker died after sending): nothing more goes out.
    expect(await notifyMeeting(message, deps)).toEqual({ sent: 0, skipped: 2 });
    expect(outbox.docs).toHaveLength(2);
    const [toAda, toHana] = outbox.docs;
    expect(toAda!.to.email).toBe('ada@example.com');
    expect(toAda!.subject).toBe(
      'Confirmed: Intro call with Hana Host — Sun 25 Oct 2026, 09:00–09:30 (London time)',
    );
    expect(toAda!.text).toContain('For Hana Host: Sun 25 Oct 2026, 05:00–05:30 (New York time)');
    expect(toAda!.text).toContain('Need to reschedule or cancel? https://app.example/meeting/tok');
    expect(toHana!.to.email).toBe('hana@example.com');
    expect(toHana!.subject).toBe(
      'New meeting: Intro call with Ada Lovelace — Sun 25 Oct 2026, 05:00–05:30 (New York time)',
    );
    expect(toHana!.attachments.map((a) => a.contentType)).toEqual([
      'text/calendar; method=REQUEST; charset=utf-8',
    ]);
  });

  it('gives channels that lay out their own message the parts: headline, facts in her zone, join then manage link', async () => {
    const { deps } = setup(meeting);
    const sent: Notification[] = [];
    const channel: NotificationChannel = {
      name: 'capture',
      canReach: () => true,
      send: async (n) => {
        sent.push(n);
        return { status: 'sent' };
      },
    };
    await notifyMeeting(
      { ownerId: 'o', meetingId: 'mtg-1', notice: 'booked', sequence: 0 },
      { ...deps, channel },
    );
    expect(sent[0]!.details).toEqual({
      headline: 'Your Intro call with Hana Host is booked.',
      facts: [
        { label: 'When', value: 'Sun 25 Oct 2026, 09:00–09:30 (London time)' },
        { label: 'For Hana Host', value: 'Sun 25 Oct 2026, 05:00–05:30 (New York time)' },
        { label: 'With', value: 'Hana Host' },
      ],
      links: [
        { label: 'Join', url: 'https://meet.jit.si/momentum-abc' },
        { label: 'Reschedule or cancel', url: 'https://app.example/meeting/tok' },
      ],
    });
    expect(sent[1]!.details?.links.at(-1)).toEqual({
      label: 'Open in Momentum Meet',
      url: 'https://app.example/meetings',
    });
  });

  it('skips a notice the meeting has moved past (a booking notice arriving after the cancel)', async () => {
    const { outbox, deps } = setup({ ...meeting, status: 'cancelled', sequence: 1 });
    expect(
      await notifyMeeting({ ownerId: 'o', meetingId: 'mtg-1', notice: 'booked', sequence: 0 }, deps),
    ).toEqual({ sent: 0, skipped: 2 });
    expect(
      await notifyMeeting({ ownerId: 'o', meetingId: 'mtg-1', notice: 'cancelled', sequence: 1 }, deps),
    ).toEqual({
      sent: 2,
      skipped: 0,
    });
    expect(outbox.docs.map((d) => d.subject.split(':')[0])).toEqual(['Cancelled', 'Cancelled']);
    expect(outbox.docs[0]!.text).not.toContain('Join');
  });
});

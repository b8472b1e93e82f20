import { describe, expect, it } from 'vitest';
import { createMemoryOutboxStore } from '../../tests/fakes/outbox-store.js';
import type { DeliveryResult, Notification, NotificationChannel } from '../_integrations/channels/channel.js';
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

describe('notify on several channels', () => {
  const capture = (name: string, answer: DeliveryResult) => {
    const got: Notification[] = [];
    const channel: NotificationChannel = {
      name,
      canReach: () => true,
      send: async (n) => {
        got.push(n);
        return answer;
      },
    };
    return { got, channel };
  };

  it('tells the organizer by email when their Slack refuses for good, and the contact still gets theirs', async () => {
    const { deps } = setup(meeting);
    const slack = capture('slack', {
      status: 'rejected',
      reason: 'Slack refused the message (channel_not_found)',
    });
    const sms = capture('sms-twilio', { status: 'sent', providerMessageId: 'SM1' });
    const email = capture('email', { status: 'sent' });
    const outcome = await notifyMeeting(
      { ownerId: 'o', meetingId: 'mtg-1', notice: 'booked', sequence: 0 },
      {
        ...deps,
        route: async (_m, role) =>
          role === 'organizer'
            ? {
                to: { name: 'Hana Host', email: 'hana@example.com' },
                targets: [{ name: 'slack', channel: slack.channel }],
                fallbacks: [{ name: 'email', channel: email.channel }],
              }
            : {
                to: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+447911123456' },
                targets: [
                  { name: 'email', channel: email.channel },
                  { name: 'sms', channel: sms.channel },
                ],
                fallbacks: [],
              },
      },
    );
    expect(outcome).toEqual({ sent: 3, skipped: 1 });
    expect(email.got.map((n) => n.to.email)).toEqual(['ada@example.com', 'hana@example.com']);
    expect(sms.got[0]!.to.phone).toBe('+447911123456');
    expect(sms.got[0]!.about).toEqual({
      kind: 'booked',
      meetingId: 'mtg-1',
      contactId: 'c1',
      role: 'contact',
    });
  });

  it('tells the organizer by email when none of their chosen channels is set up yet', async () => {
    const { deps } = setup(meeting);
    const email = capture('email', { status: 'sent' });
    const outcome = await notifyMeeting(
      { ownerId: 'o', meetingId: 'mtg-1', notice: 'booked', sequence: 0, role: 'organizer' },
      {
        ...deps,
        route: async () => ({
          to: { name: 'Hana Host', email: 'hana@example.com' },
          targets: [],
          fallbacks: [{ name: 'email', channel: email.channel }],
        }),
      },
    );
    expect(outcome).toEqual({ sent: 1, skipped: 0 });
    expect(email.got[0]!.subject).toMatch(/^New meeting: Intro call with Ada Lovelace/);
  });

  it('sends what it can now and asks the queue to retry the channel that is throttled', async () => {
    const { deps } = setup(meeting);
    const slack = capture('slack', {
      status: 'retry',
      reason: 'Slack rate limit reached',
      retryAfterSeconds: 30,
    });
    const email = capture('email', { status: 'sent' });
    await expect(
      notifyMeeting(
        { ownerId: 'o', meetingId: 'mtg-1', notice: 'booked', sequence: 0 },
        {
          ...deps,
          route: async (_m, role) => ({
            to: { name: role, email: `${role}@example.com` },
            targets: [
              { name: 'email', channel: email.channel },
              ...(role === 'organizer' ? [{ name: 'slack' as const, channel: slack.channel }] : []),
            ],
            fallbacks: [],
          }),
        },
      ),
    ).rejects.toThrow(/slack: Slack rate limit reached/);
    expect(email.got).toHaveLength(2);
  });

  it('sends a reminder only to the side it names, and none once the meeting was cancelled', async () => {
    const message = {
      ownerId: 'o',
      meetingId: 'mtg-1',
      notice: 'reminder' as const,
      sequence: 0,
      reminderMinutes: 60,
      role: 'contact' as const,
    };
    const early = () => new Date('2026-10-25T08:00:00Z');
    const booked = setup(meeting);
    expect(await notifyMeeting(message, { ...booked.deps, now: early })).toEqual({ sent: 1, skipped: 0 });
    expect(booked.outbox.docs[0]!.subject).toBe(
      'Reminder: Intro call with Hana Host — Sun 25 Oct 2026, 09:00–09:30 (London time)',
    );
    expect(booked.outbox.docs[0]!.attachments).toEqual([]);
    const cancelled = setup({ ...meeting, status: 'cancelled' });
    expect(await notifyMeeting(message, { ...cancelled.deps, now: early })).toEqual({ sent: 0, skipped: 1 });
    expect(cancelled.outbox.docs).toHaveLength(0);
  });
});

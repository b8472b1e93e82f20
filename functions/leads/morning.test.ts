import { describe, expect, it } from 'vitest';
import { fakeContactStore } from '../../tests/fakes/contact-store.js';
import { fakeLeadEventStore } from '../../tests/fakes/lead-event-store.js';
import type { Notification, NotificationChannel } from '../_integrations/channels/channel.js';
import type { ContactDoc } from '../contacts/model.js';
import type { LeadsDeps } from './leads.js';
import { ownersAtHour, sendFollowupDigest } from './morning.js';

const OWNER = 'owner-1';
// 07:30 UTC is 08:30 in Paris and 02:30 in New York.
const NOW = new Date('2026-11-30T07:30:00Z');

function setup(nextActions: Record<string, { on: string; note: string } | undefined>) {
  const contacts = fakeContactStore();
  for (const [firstName, nextAction] of Object.entries(nextActions)) {
    contacts.put({
      id: firstName.toLowerCase(),
      ownerId: OWNER,
      firstName,
      status: 'replied',
      source: 'manual',
      flags: [],
      tags: [],
      searchText: '',
      tagKeys: [],
      ...(nextAction && { lead: { nextAction } }),
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-01T09:00:00.000Z',
    });
  }
  const sent: Notification[] = [];
  const channel: NotificationChannel = {
    name: 'email',
    canReach: () => true,
    async send(n) {
      const again = sent.some((s) => s.id === n.id);
      sent.push(n);
      return again ? { status: 'already-sent' } : { status: 'sent' };
    },
  };
  const due = (c: ContactDoc, today: string) => Boolean(c.lead?.nextAction && c.lead.nextAction.on <= today);
  const deps: LeadsDeps & Parameters<typeof sendFollowupDigest>[1] = {
    now: () => NOW,
    contacts: contacts.store,
    events: fakeLeadEventStore(),
    zoneOf: async () => 'Europe/Paris',
    stageNames: async () => ({ replied: 'Answered' }),
    saveStageNames: async () => undefined,
    query: async (ownerId, _q, today) => ({
      docs: [...contacts.docs(ownerId).values()].filter((c) => due(c, today)),
      continuationToken: null,
    }),
    count: async () => 0,
    activity: async () => ({ emails: [], meetings: [] }),
    channel,
    host: async () => ({ name: 'Alice', email: 'alice@example.com' }),
    appUrl: 'https://app.example',
  };
  return { deps, sent };
}

describe('the morning follow-ups email', () => {
  it('goes to owners whose local clock shows 08:xx, not to the others', () => {
    const owners = [
      { ownerId: 'paris', timeZone: 'Europe/Paris' },
      { ownerId: 'ny', timeZone: 'America/New_York' },
    ];
    expect(ownersAtHour(owners, NOW, 8).map((o) => o.ownerId)).toEqual(['paris']);
  });

  it('lists today’s and overdue follow-ups with their notes, once per day however often the timer fires', async () => {
    const { deps, sent } = setup({
      Ada: { on: '2026-11-30', note: 'Call about pricing' },
      Bea: { on: '2026-11-20', note: 'Send the deck' },
      Cy: { on: '2026-12-03', note: 'Later' },
      Dan: undefined,
    });
    expect(await sendFollowupDigest(OWNER, deps)).toBe('sent');
    expect(await sendFollowupDigest(OWNER, deps)).toBe('sent');
    expect(new Set(sent.map((s) => s.id)).size).toBe(1);
    const [mail] = sent;
    expect(mail).toMatchObject({
      to: { email: 'alice@example.com' },
      subject: '2 follow-ups for 2026-11-30',
    });
    expect(mail!.text).toContain('Due today (1)\n• Ada — Answered; 2026-11-30: Call about pricing');
    expect(mail!.text).toContain('Overdue (1)\n• Bea — Answered; 2026-11-20: Send the deck');
    expect(mail!.text).not.toContain('Cy');
  });

  it('sends nothing on a day with nothing due', async () => {
    const { deps, sent } = setup({ Cy: { on: '2026-12-03', note: 'Later' } });
    expect(await sendFollowupDigest(OWNER, deps)).toBe('nothing-due');
    expect(sent).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { fakeContactStore } from '../../tests/fakes/contact-store.js';
import { fakeLeadEventStore } from '../../tests/fakes/lead-event-store.js';
import { AppError } from '../_shared/errors.js';
import type { ContactDoc } from '../contacts/model.js';
import { followups, type LeadActivity, type LeadsDeps, leadTimeline, patchLead } from './leads.js';

const OWNER = 'owner-1';
// 23:30 UTC on the 30th is already 1 December in Tokyo.
const NOW = new Date('2026-11-30T23:30:00Z');

function setup(activity: LeadActivity = { emails: [], meetings: [] }) {
  const contacts = fakeContactStore();
  const events = fakeLeadEventStore();
  const add = (id: string, over: Partial<ContactDoc> = {}) =>
    contacts.put({
      id,
      ownerId: OWNER,
      firstName: id,
      status: 'new',
      source: 'manual',
      flags: [],
      tags: [],
      searchText: '',
      tagKeys: [],
      createdAt: '2026-11-01T09:00:00.000Z',
      updatedAt: '2026-11-01T09:00:00.000Z',
      ...over,
    });
  let clock = NOW;
  const deps: LeadsDeps = {
    now: () => clock,
    contacts: contacts.store,
    events,
    zoneOf: async () => 'Asia/Tokyo',
    stageNames: async () => ({ meeting: 'Demo set' }),
    saveStageNames: async () => undefined,
    query: async (ownerId, q, today) => ({
      docs: [...contacts.docs(ownerId).values()].filter(
        (c) => !q.due || (c.lead?.nextAction !== undefined && c.lead.nextAction.on <= today),
      ),
      continuationToken: null,
    }),
    count: async () => 0,
    activity: async () => activity,
  };
  return { deps, add, contacts, tick: (ms: number) => (clock = new Date(clock.getTime() + ms)) };
}

describe('leads', () => {
  it('splits follow-ups into due today and overdue by the owner’s own calendar day, most overdue first', async () => {
    const t = setup();
    t.add('today', { lead: { nextAction: { on: '2026-12-01', note: 'call' } } });
    t.add('yesterday', { lead: { nextAction: { on: '2026-11-30', note: '' } } });
    t.add('lastWeek', { lead: { nextAction: { on: '2026-11-23', note: '' } } });
    t.add('tomorrow', { lead: { nextAction: { on: '2026-12-02', note: '' } } });
    const due = await followups(OWNER, t.deps);
    expect(due.today).toBe('2026-12-01');
    expect(due.dueToday.map((l) => l.id)).toEqual(['today']);
    expect(due.overdue.map((l) => l.id)).toEqual(['lastWeek', 'yesterday']);
  });

  it('answers another owner’s lead with 404 and changes nothing', async () => {
    const t = setup();
    t.add('ada');
    const err = await patchLead('someone-else', 'ada', { stage: 'won' }, t.deps).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('NOT_FOUND');
    expect(t.contacts.docs(OWNER).get('ada')?.status).toBe('new');
    await expect(leadTimeline('someone-else', 'ada', t.deps)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('tells a lead’s story newest first: moves in the owner’s stage names, emails, the reply, the meeting, notes', async () => {
    const t = setup({
      emails: [
        {
          id: 'msg-1',
          campaign: 'Launch',
          step: 1,
          events: [
            { type: 'sent', at: '2026-11-28T09:00:00.000Z' },
            { type: 'opened', at: '2026-11-28T09:05:00.000Z' },
            { type: 'replied', at: '2026-11-28T10:00:00.000Z', detail: 'Re: Launch' },
          ],
        },
      ],
      meetings: [
        {
          id: 'm-1',
          title: 'Intro',
          start: '2026-12-02T01:00:00.000Z',
          events: [{ type: 'booked', at: '2026-11-29T08:00:00.000Z', by: 'contact' }],
        },
      ],
    });
    t.add('ada');
    await patchLead(
      OWNER,
      'ada',
      { stage: 'meeting', nextAction: { on: '2026-12-02', note: 'Prepare deck' } },
      t.deps,
    );
    const { items } = await leadTimeline(OWNER, 'ada', t.deps);
    expect(items.map((i) => [i.kind, i.title])).toEqual([
      ['note', 'Next action on 2026-12-02: Prepare deck'],
      ['stage', 'Moved to Demo set (set by hand)'],
      ['meeting', 'Meeting booked: Intro (2026-12-02T01:00:00.000Z)'],
      ['reply', 'Replied: Re: Launch'],
      ['email', 'Email opened — Launch, step 1'],
      ['email', 'Email sent — Launch, step 1'],
    ]);
  });
});

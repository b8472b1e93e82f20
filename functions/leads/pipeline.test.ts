import { describe, expect, it } from 'vitest';
import { fakeContactStore } from '../../tests/fakes/contact-store.js';
import { fakeLeadEventStore } from '../../tests/fakes/lead-event-store.js';
import type { ContactDoc } from '../contacts/model.js';
import { moveLead } from './pipeline.js';

const OWNER = 'owner-1';
const NOW = new Date('2026-11-30T09:00:00Z');

function setup(status: ContactDoc['status'] = 'new') {
  const contacts = fakeContactStore();
  const events = fakeLeadEventStore();
  const at = '2026-11-01T09:00:00.000Z';
  contacts.put({
    id: 'c1',
    ownerId: OWNER,
    email: 'ada@example.com',
    status,
    source: 'manual',
    flags: [],
    tags: [],
    searchText: '',
    tagKeys: [],
    createdAt: at,
    updatedAt: at,
  });
  return { contacts, events, deps: { contacts: contacts.store, events, now: () => NOW } };
}

describe('moveLead', () => {
  it('moves the lead and records the move with its time, cause and message — once, however often it is replayed', async () => {
    const t = setup();
    const event = { kind: 'email-sent', at: '2026-11-30T08:59:00.000Z' } as const;
    await moveLead(OWNER, 'c1', event, t.deps, 'msg-1');
    await moveLead(OWNER, 'c1', event, t.deps, 'msg-1');
    expect(t.contacts.docs(OWNER).get('c1')).toMatchObject({
      status: 'contacted',
      lead: { since: event.at, by: 'event' },
    });
    expect(t.events.all()).toEqual([
      expect.objectContaining({
        contactId: 'c1',
        type: 'stage',
        from: 'new',
        to: 'contacted',
        cause: 'email-sent',
        ref: 'msg-1',
        at: event.at,
        recordedAt: NOW.toISOString(),
      }),
    ]);
  });

  it('re-reads and applies the event to what someone else saved meanwhile', async () => {
    const t = setup();
    let once = false;
    t.contacts.onReplace(() => {
      if (once) return;
      once = true;
      // The owner adds a note between our read and our write.
      const doc = t.contacts.docs(OWNER).get('c1')!;
      t.contacts.put({ ...doc, notes: 'called Monday' });
    });
    await moveLead(OWNER, 'c1', { kind: 'reply', at: NOW.toISOString() }, t.deps, 'msg-1');
    expect(t.contacts.docs(OWNER).get('c1')).toMatchObject({ status: 'replied', notes: 'called Monday' });
    expect(t.events.all()).toHaveLength(1);
  });

  it('records nothing when the event does not move the lead, and nothing for another owner’s contact', async () => {
    const t = setup('won');
    expect(await moveLead(OWNER, 'c1', { kind: 'booking', at: NOW.toISOString() }, t.deps)).toMatchObject({
      moved: false,
    });
    expect(
      await moveLead('someone-else', 'c1', { kind: 'reply', at: NOW.toISOString() }, t.deps),
    ).toBeUndefined();
    expect(t.contacts.docs(OWNER).get('c1')?.status).toBe('won');
    expect(t.events.all()).toEqual([]);
  });
});

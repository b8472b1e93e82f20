import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { NotificationChannel } from '../_integrations/channels/channel.js';
import {
  type ChannelConnectionDoc,
  type ChannelConnectionStore,
  openConnection,
  putChannelConnection,
} from './connections.js';
import type { ConsentDoc } from './preferences.js';
import { DEFAULT_NOTIFICATION_PREFERENCES } from './preferences.js';
import { contactRoute, type OwnerChannels, organizerRoute } from './routing.js';

const keys = [{ id: 'k1', key: randomBytes(32) }];

function memoryStore(): ChannelConnectionStore & { docs: Map<string, ChannelConnectionDoc> } {
  const docs = new Map<string, ChannelConnectionDoc>();
  return {
    docs,
    list: async (o) => [...docs.values()].filter((d) => d.ownerId === o),
    find: async (o, n) => docs.get(`${o}/${n}`),
    upsert: async (d) => {
      docs.set(`${d.ownerId}/${d.name}`, d);
      return d;
    },
    remove: async (o, n) => void docs.delete(`${o}/${n}`),
    ownerOfWhatsAppNumber: async () => undefined,
  };
}

const deps = (store: ChannelConnectionStore) => ({
  store,
  now: () => new Date('2026-03-01T10:00:00Z'),
  endpoints: { twilioStatusCallback: (o: string) => `https://meet.example/api/webhooks/twilio/${o}` },
  keys,
});

const channel = (name: string): NotificationChannel => ({
  name,
  canReach: (to) => (name.startsWith('sms') || name === 'whatsapp' ? Boolean(to.phone) : true),
  send: async () => ({ status: 'sent' }),
});

const owner = (names: ChannelConnectionDoc['name'][]): OwnerChannels => ({
  email: channel('email'),
  connections: names.map((name) => ({ name }) as ChannelConnectionDoc),
  build: (doc) => channel(doc.name),
});

const consent = (over: Partial<ConsentDoc>): ConsentDoc => ({
  id: 'consent-c1',
  ownerId: 'o',
  contactId: 'c1',
  sms: null,
  whatsapp: null,
  updatedAt: '',
  ...over,
});
const yes = { granted: true, at: '2026-01-01T00:00:00Z', source: 'booking page' };

describe('channel connections', () => {
  it('keeps the token sealed and out of what the API returns; a sealed copy on another owner does not open', async () => {
    const store = memoryStore();
    const token = `xoxb-${randomBytes(8).toString('hex')}`;
    const dto = await putChannelConnection(
      'alice',
      'slack',
      { botToken: token, channel: '#deals' },
      deps(store),
    );
    expect(JSON.stringify(dto)).not.toContain(token);
    expect(dto).toMatchObject({ name: 'slack', settings: { channel: '#deals' }, secrets: ['botToken'] });
    const doc = store.docs.get('alice/slack')!;
    expect(JSON.stringify(doc)).not.toContain(token);
    expect(openConnection(doc, keys)).toEqual({ channel: '#deals', botToken: token });
    expect(() => openConnection({ ...doc, ownerId: 'mallory' }, keys)).toThrow(/does not open/);
  });

  it('refuses a Twilio connection without a sending number, naming the field', async () => {
    await expect(
      putChannelConnection(
        'alice',
        'sms-twilio',
        { accountSid: `AC${'a'.repeat(32)}`, authToken: 'b'.repeat(32) },
        deps(memoryStore()),
      ),
    ).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ['from'] })] });
  });
});

describe('routing', () => {
  const ada = { name: 'Ada', email: 'ada@example.com', phone: '07911 123456' };

  it('texts a contact only with consent, and not once they opted out', () => {
    const all = owner(['sms-twilio', 'whatsapp']);
    const names = (r: ReturnType<typeof contactRoute>) => [
      r.targets.map((t) => t.name),
      r.fallbacks.map((f) => f.name),
    ];
    // No consent: email only, however many channels the organizer connected.
    expect(names(contactRoute(ada, undefined, [], all))).toEqual([['email'], []]);
    // A UK number written nationally is not a number we can text without its country code.
    expect(names(contactRoute({ ...ada, phone: '+44 7911 123456' }, consent({ sms: yes }), [], all))).toEqual(
      [['email', 'sms'], []],
    );
    // Both consented: WhatsApp first, SMS if WhatsApp refuses.
    const both = consent({ sms: yes, whatsapp: yes });
    expect(names(contactRoute({ ...ada, phone: '+447911123456' }, both, [], all))).toEqual([
      ['email', 'whatsapp'],
      ['sms'],
    ]);
    expect(names(contactRoute({ ...ada, phone: '+447911123456' }, both, ['whatsapp'], all))).toEqual([
      ['email', 'sms'],
      [],
    ]);
    // Consent withdrawn is no consent.
    expect(
      names(
        contactRoute(
          { ...ada, phone: '+447911123456' },
          consent({ sms: { ...yes, granted: false } }),
          [],
          all,
        ),
      ),
    ).toEqual([['email'], []]);
  });

  it('lets WhatsApp send free text only within 24 hours of the contact writing to us', () => {
    const both = consent({ whatsapp: yes });
    const at = (lastWhatsAppAt: string | undefined) =>
      contactRoute({ ...ada, phone: '+447911123456' }, both, [], owner(['whatsapp']), {
        now: new Date('2026-03-02T09:00:00Z'),
        lastWhatsAppAt,
      }).serviceWindowOpen;
    expect(at('2026-03-01T09:30:00Z')).toBe(true);
    expect(at('2026-03-01T08:30:00Z')).toBe(false);
    expect(at(undefined)).toBe(false);
  });

  it("uses the organizer's chosen channels that are set up, with email to fall back on", () => {
    const prefs = {
      ...DEFAULT_NOTIFICATION_PREFERENCES,
      events: { ...DEFAULT_NOTIFICATION_PREFERENCES.events, booked: ['sms' as const, 'slack' as const] },
    };
    const hana = { name: 'Hana', email: 'hana@example.com' };
    // No phone in the preferences: no SMS to them; Slack is not connected: not used.
    const route = organizerRoute(hana, 'booked', prefs, owner(['sms-acs']));
    expect(route.targets.map((t) => t.name)).toEqual([]);
    expect(route.fallbacks.map((t) => t.name)).toEqual(['email']);
    const ready = organizerRoute(
      hana,
      'booked',
      { ...prefs, phone: '+447911123456' },
      owner(['sms-acs', 'slack']),
    );
    expect(ready.targets.map((t) => t.name)).toEqual(['sms', 'slack']);
    expect(organizerRoute(hana, 'cancelled', prefs, owner([])).targets.map((t) => t.name)).toEqual(['email']);
  });
});

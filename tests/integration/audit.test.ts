import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getContainer } from '../../functions/_shared/cosmos/client.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { openEveryDay, ownerOf, seedContacts } from './support/seed.js';

/**
 * The audit log on the real emulators: each audited action done through the API as a user does
 * it, then read back through GET /api/audit with its filters and paging — and every stored entry
 * checked for the secrets and message contents that were sent with those actions.
 */
let app: TestApp;
let carol: Session;
let dan: Session;

const SECRET = 'xoxb-AUDIT-SECRET-0001';
const INSTRUCTION = 'Always mention the AUDIT-INSTRUCTION-BODY offer';
const body = (method: string, value: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(value),
});

beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
  carol = await app.signIn('audit-carol@example.com', 'Carol');
  dan = await app.signIn('audit-dan@example.com', 'Dan');
});
afterAll(() => app.close());

describe('the audit log', () => {
  beforeAll(async () => {
    const ownerId = await ownerOf(carol);
    const availability = await openEveryDay(carol);
    const prefs = await (await carol.fetch('/api/notifications/preferences')).json();
    expect((await carol.fetch('/api/notifications/preferences', body('PUT', prefs))).status).toBe(200);
    expect(
      (await carol.fetch('/api/bot/instructions', body('PUT', { instruction: INSTRUCTION }))).status,
    ).toBe(200);
    expect((await carol.fetch('/api/leads/stages', body('PUT', { names: { won: 'Customer' } }))).status).toBe(
      200,
    );
    await carol.fetch(
      '/api/notifications/channels/slack',
      body('PUT', { botToken: SECRET, channel: '#deals' }),
    );
    await carol.fetch('/api/notifications/channels/slack', { method: 'DELETE' });
    // A calendar whose server cannot be reached: the attempt is recorded with its outcome.
    await carol.fetch(
      '/api/calendars',
      body('POST', {
        kind: 'caldav',
        serverUrl: 'http://127.0.0.1:9/dav/',
        username: 'carol',
        password: SECRET,
      }),
    );
    expect((await carol.fetch('/api/contacts/export?format=csv')).status).toBe(200);
    // A booking writes the organizer's calendar.
    const [contact] = await seedContacts(ownerId, [{ email: 'lead@example.com', firstName: 'Lead' }]);
    const { slots } = await (await carol.fetch('/api/slots')).json();
    const booked = await carol.fetch(
      '/api/meetings',
      body('POST', {
        contactId: contact!.id,
        meetingTypeId: availability.meetingTypes[0]!.id,
        start: slots[0].start,
      }),
    );
    expect(booked.status, await booked.clone().text()).toBe(201);
    // A campaign whose sender does not exist: its start is refused, and recorded as such.
    const campaign = await carol.fetch(
      '/api/campaigns',
      body('POST', {
        name: 'Audit',
        audience: { filter: {} },
        senderId: 'missing',
        steps: [{ templateId: 'missing', delayDays: 0 }],
      }),
    );
    expect(campaign.status).toBe(201);
    const started = await carol.fetch(`/api/campaigns/${(await campaign.json()).id}/start`, {
      method: 'POST',
    });
    expect(started.status).toBeGreaterThanOrEqual(400);
    expect((await carol.fetch('/api/account/export')).status).toBe(200);
    expect((await carol.fetch(`/api/contacts/${contact!.id}/privacy-export`)).status).toBe(200);
  });

  it('records each audited action with who, when and the outcome, newest first', async () => {
    const { items } = await (await carol.fetch('/api/audit?limit=200')).json();
    const actions = items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'settings.availability',
        'settings.notifications',
        'settings.bot',
        'settings.stages',
        'channel.connect',
        'channel.disconnect',
        'calendar.connect',
        'contacts.export',
        'calendar.write',
        'contact.export',
        'campaign.start',
        'account.export',
      ]),
    );
    expect(items.find((e: { action: string }) => e.action === 'campaign.start').outcome).toBe('error');
    expect(items[0].action).toBe('contact.export');
    expect(items.find((e: { action: string }) => e.action === 'calendar.connect').outcome).toBe('error');
    expect(items.find((e: { action: string }) => e.action === 'settings.bot')).toMatchObject({
      actor: 'audit-carol@example.com',
      outcome: 'ok',
    });
    const times = items.map((e: { at: string }) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('never stores a secret or a message body', async () => {
    const ownerId = await ownerOf(carol);
    const { resources } = await (await getContainer('audit')).items
      .query({ query: 'SELECT * FROM c WHERE c.ownerId = @o', parameters: [{ name: '@o', value: ownerId }] })
      .fetchAll();
    expect(resources.length).toBeGreaterThan(8);
    const stored = JSON.stringify(resources);
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain('AUDIT-INSTRUCTION-BODY');
  });

  it('filters by action and period, and pages', async () => {
    const bot = await (await carol.fetch('/api/audit?action=settings.bot')).json();
    expect(bot.items.map((e: { action: string }) => e.action)).toEqual(['settings.bot']);
    const future = await (await carol.fetch('/api/audit?from=2099-01-01T00:00:00Z')).json();
    expect(future.items).toEqual([]);
    const first = await (await carol.fetch('/api/audit?limit=3')).json();
    expect(first.items).toHaveLength(3);
    expect(first.continuation).toEqual(expect.any(String));
    const second = await (
      await carol.fetch(`/api/audit?limit=3&continuation=${encodeURIComponent(first.continuation)}`)
    ).json();
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.items[0].at <= first.items[2].at).toBe(true);
  });

  it('refuses a bad filter naming it, and shows another owner nothing', async () => {
    const bad = await carol.fetch('/api/audit?action=everything');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('action');
    expect((await (await dan.fetch('/api/audit')).json()).items).toEqual([]);
  });
});

import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignDeps, sendDeps } from '../../functions/campaigns/deps.js';
import { planCampaign } from '../../functions/campaigns/plan.js';
import { replyAddress } from '../../functions/campaigns/reply-address.js';
import { sendBatch } from '../../functions/campaigns/send.js';
import { type MessageDoc, queryOwned } from '../../functions/campaigns/store.js';
import { countMessageEvents } from '../../functions/dashboard/count-events.js';
import { countingDeps } from '../../functions/dashboard/deps.js';
import type { DashboardDto } from '../../functions/dashboard/schema.js';
import { readCounterDay } from '../../functions/dashboard/store.js';
import { pipelineDeps } from '../../functions/leads/deps.js';
import { markPassedMeetings } from '../../functions/leads/meetings-passed.js';
import { meetingsEndedBetween } from '../../functions/leads/store.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { openEveryDay, ownerOf, seedContacts } from './support/seed.js';

/**
 * The dashboard's counters on the real emulators: a campaign's sends, SendGrid's delivery and
 * open events, an inbound reply and a booking move them through the paths they already take;
 * redelivered events count once, parallel increments are not lost, and another owner sees none.
 */
let app: TestApp;
let webhookKey: KeyObject;
const INBOUND_SECRET = 'inbound-secret-dashboard-0123456789';

beforeAll(async () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  webhookKey = pair.privateKey;
  useEmulators({
    SENDGRID_WEBHOOK_PUBLIC_KEY: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    INBOUND_PARSE_SECRET: INBOUND_SECRET,
    INBOUND_REPLY_DOMAIN: 'reply.example',
  });
  app = await startTestApp();
});
afterAll(() => app.close());

const post = (session: Session, path: string, body?: unknown) =>
  session.fetch(path, {
    method: 'POST',
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });

async function dashboard(session: Session, query = ''): Promise<DashboardDto> {
  const res = await session.fetch(`/api/dashboard${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

function deliver(events: unknown[]) {
  const body = JSON.stringify(events);
  const timestamp = String(Math.floor(Date.now() / 1000));
  return app.anonymous.fetch('/api/webhooks/sendgrid', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-twilio-email-event-webhook-signature': sign(
        'sha256',
        Buffer.from(timestamp + body),
        webhookKey,
      ).toString('base64'),
      'x-twilio-email-event-webhook-timestamp': timestamp,
    },
    body,
  });
}

function reply(message: MessageDoc) {
  const form = new FormData();
  form.set('to', `Alice <${replyAddress(message.id)}>`);
  form.set('from', 'Ada <ada@example.com>');
  form.set('subject', 'Re: Hello Ada');
  return app.anonymous.fetch(`/api/webhooks/inbound/${INBOUND_SECRET}`, { method: 'POST', body: form });
}

describe('the dashboard', () => {
  let alice: Session;
  let bob: Session;
  let ownerId: string;
  let campaignId: string;

  beforeAll(async () => {
    alice = await app.signIn('dash-alice@example.com', 'Alice');
    bob = await app.signIn('dash-bob@example.com', 'Bob');
    ownerId = await ownerOf(alice);
    await openEveryDay(alice);
  });

  it('counts a campaign’s sends, first deliveries and opens, a reply and a booking — redelivered events once', async () => {
    const [ada] = await seedContacts(ownerId, [
      { email: 'ada@example.com', firstName: 'Ada', tags: ['launch'], tagKeys: ['launch'] },
      { email: 'bea@example.com', firstName: 'Bea', tags: ['launch'], tagKeys: ['launch'] },
    ]);
    const template = await (
      await post(alice, '/api/templates', {
        name: 'Launch intro',
        subject: 'Hello {{firstName}}',
        html: '<p>Hi</p>',
      })
    ).json();
    const sender = await (
      await post(alice, '/api/senders', {
        name: 'Alice',
        email: 'alice@acme.example',
        postalAddress: '1 Main St',
      })
    ).json();
    const created = await post(alice, '/api/campaigns', {
      name: 'Launch',
      audience: { filter: { tag: 'launch' } },
      senderId: sender.id,
      steps: [{ templateId: template.id, delayDays: 0 }],
    });
    campaignId = (await created.json()).id;
    expect((await post(alice, `/api/campaigns/${campaignId}/start`)).status).toBe(200);
    await planCampaign(ownerId, campaignId, { now: () => new Date(), contacts: campaignDeps().contacts });
    const planned = await queryOwned<MessageDoc>('messages', ownerId, 'c.campaignId = @c', [
      { name: '@c', value: campaignId },
    ]);
    expect(
      await sendBatch(
        ownerId,
        campaignId,
        planned.map((m) => m.id),
        sendDeps(),
      ),
    ).toMatchObject({ sent: 2 });
    // The same batch redelivered by the queue sends nothing, and counts nothing.
    await sendBatch(
      ownerId,
      campaignId,
      planned.map((m) => m.id),
      sendDeps(),
    );

    const adaMessage = planned.find((m) => m.contactId === ada!.id)!;
    const beaMessage = planned.find((m) => m.contactId !== ada!.id)!;
    const now = Math.floor(Date.now() / 1000);
    const args = (m: MessageDoc) => ({ momentum_message_id: m.id, momentum_owner_id: ownerId });
    const events = [
      { event: 'delivered', sg_event_id: 'd-1', timestamp: now, ...args(adaMessage) },
      { event: 'delivered', sg_event_id: 'd-2', timestamp: now, ...args(beaMessage) },
      { event: 'open', sg_event_id: 'o-1', timestamp: now, ...args(adaMessage) },
      // Ada opens it again: a second open of one email is not a second opened email.
      { event: 'open', sg_event_id: 'o-2', timestamp: now, ...args(adaMessage) },
    ];
    expect((await deliver(events)).status).toBe(200);
    // SendGrid delivers the same batch again.
    expect((await deliver(events)).status).toBe(200);
    // Ada's reply arrives, and Inbound Parse posts it twice.
    expect(await (await reply(adaMessage)).json()).toEqual({ outcome: 'replied' });
    expect(await (await reply(adaMessage)).json()).toEqual({ outcome: 'replied' });

    const { slots } = await (await alice.fetch('/api/slots')).json();
    const availability = await (await alice.fetch('/api/availability')).json();
    const booked = await post(alice, '/api/meetings', {
      contactId: ada!.id,
      meetingTypeId: availability.meetingTypes[0].id,
      start: slots[0].start,
    });
    expect(booked.status, await booked.clone().text()).toBe(201);

    const expected = { sent: 2, delivered: 2, opened: 1, clicked: 0, replied: 1, booked: 1, held: 0, won: 0 };
    const all = await dashboard(alice);
    expect(all.totals).toEqual(expected);
    expect(all.rates).toMatchObject({ delivered: 1, opened: 0.5, replied: 0.5, booked: 0.5 });
    expect(all.series).toHaveLength(30);
    expect(all.series.at(-1)).toMatchObject(expected);
    // Two sends are too few to rank a template, and the page says so.
    expect(all.templates).toEqual([]);
    expect(all.templatesUnranked).toBe(1);
    expect(all.sendTimes.byHour.reduce((n, h) => n + h.sent, 0)).toBe(2);

    const one = await dashboard(alice, `?campaign=${campaignId}`);
    expect(one.totals).toEqual(expected);
    expect(one.campaignId).toBe(campaignId);
    const other = await dashboard(alice, '?campaign=no-such-campaign');
    expect(other.totals.sent).toBe(0);

    // The meeting is held (the meeting-passed timer), then Ada is marked won by hand — twice.
    const meeting = await booked.json();
    const afterEnd = new Date(Date.parse(meeting.end) + 60_000);
    const timer = { ...pipelineDeps(), now: () => afterEnd, endedBetween: meetingsEndedBetween };
    await markPassedMeetings(timer);
    await markPassedMeetings(timer);
    for (const _ of [1, 2])
      expect(
        (
          await alice.fetch(`/api/leads/${ada!.id}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ stage: 'won' }),
          })
        ).status,
      ).toBe(200);
    const zone = all.timeZone;
    const through = `?from=${all.from}&to=${DateTime.fromJSDate(afterEnd, { zone }).toISODate()}`;
    const later = await dashboard(alice, through);
    expect(later.totals).toEqual({ ...expected, held: 1, won: 1 });
    expect(later.rates).toMatchObject({ held: 1, won: 1 });
  });

  it('shows another owner none of it, even when they name the campaign', async () => {
    expect((await dashboard(bob)).totals.sent).toBe(0);
    const theirs = await dashboard(bob, `?campaign=${campaignId}`);
    expect(Object.values(theirs.totals).every((n) => n === 0)).toBe(true);
  });

  it('loses no count when many workers increment the same day at once', async () => {
    const at = '2026-02-14T12:00:00.000Z';
    const message = { ownerId, campaignId: 'parallel', step: 1, sentAt: at };
    const deps = countingDeps();
    await Promise.all(
      Array.from({ length: 40 }, () => countMessageEvents([{ message, kind: 'opened', at }], deps)),
    );
    expect((await readCounterDay(ownerId, '2026-02-14', 'parallel'))?.counts.opened).toBe(40);
    expect((await readCounterDay(ownerId, '2026-02-14', 'all'))?.counts.opened).toBe(40);
    const feb = await dashboard(alice, '?from=2026-02-01&to=2026-02-28&campaign=parallel');
    expect(feb.totals.opened).toBe(40);
    expect(feb.series.find((d) => d.day === '2026-02-14')?.opened).toBe(40);
  });

  it('refuses a bad period with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['?from=2026-13-01&to=2026-12-31', 'from'],
      ['?from=2026-03-10&to=2026-03-01', 'from'],
      ['?from=2025-01-01&to=2026-03-01', 'to'],
      ['?from=2026-03-01', 'to'],
      ['?period=month', ''],
    ];
    for (const [query, field] of cases) {
      const res = await alice.fetch(`/api/dashboard${query}`);
      expect(res.status, query).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('VALIDATION');
      if (field)
        expect(
          body.error.details.map((d: { path: string }) => d.path),
          query,
        ).toContain(field);
    }
  });
});

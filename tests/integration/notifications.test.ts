import { createHmac } from 'node:crypto';
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../../functions/_shared/storage.js';
import { type IncomingChatMessage, setConversationHook } from '../../functions/notifications/conversation.js';
import { reminderDeps } from '../../functions/notifications/deps.js';
import { runReminders } from '../../functions/notifications/reminders.js';
import type { NotificationRecordDto } from '../../functions/notifications/schema.js';
import { notifyQueue } from '../../functions/notify/queue.js';
import { type FakeAcsSms, startFakeAcsSms } from '../fakes/acs-sms-server.js';
import { type FakeSlack, startFakeSlack } from '../fakes/slack-server.js';
import { type FakeTwilio, startFakeTwilio } from '../fakes/twilio-server.js';
import { type FakeWhatsApp, startFakeWhatsApp } from '../fakes/whatsapp-server.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { openEveryDay, ownerOf, seedContacts } from './support/seed.js';
import { startWorker, stopWorkers, waitFor } from './support/worker.js';

/**
 * Notifications end to end through the app and a worker, against the Cosmos API server, Azurite
 * and the vendors' local servers: channels connected, preferences and consent set, a booking sent
 * on each chosen channel with fallback, statuses from signed webhooks, STOP, the conversation seam.
 */

const APP_SECRET = 'meta-app-secret-for-tests';
const VERIFY_TOKEN = 'verify-token-0123456789';
const PUBLIC_BASE = 'https://meet.example';
const ADA_PHONE = '+447911123456';
const HANA_PHONE = '+447911123789';

let app: TestApp;
let hana: Session;
let ownerId: string;
let sms: FakeTwilio;
let wa: FakeWhatsApp;
let slack: FakeSlack;
let adaId: string;
const chats: IncomingChatMessage[] = [];

const body = (method: string, data: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(data),
});

const log = async (query = ''): Promise<NotificationRecordDto[]> =>
  (await (await hana.fetch(`/api/notifications${query}`)).json()).items;

const signedWhatsApp = (payload: unknown, secret = APP_SECRET): RequestInit => {
  const raw = JSON.stringify(payload);
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`,
    },
    body: raw,
  };
};

const whatsAppChange = (value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: 'WABA',
      changes: [
        {
          field: 'messages',
          value: { messaging_product: 'whatsapp', metadata: { phone_number_id: wa.phoneNumberId }, ...value },
        },
      ],
    },
  ],
});

beforeAll(async () => {
  [sms, wa, slack] = await Promise.all([startFakeTwilio(), startFakeWhatsApp(), startFakeSlack()]);
  useEmulators({
    APP_BASE_URL: PUBLIC_BASE,
    TWILIO_API_URL: sms.url,
    WHATSAPP_GRAPH_URL: wa.url,
    SLACK_API_URL: slack.apiUrl,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
  });
  app = await startTestApp();
  hana = await app.signIn('hana@example.com', 'Hana Host');
  ownerId = await ownerOf(hana);
  setConversationHook({ receive: async (m) => void chats.push(m) });
  const [ada] = await seedContacts(ownerId, [
    { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', phone: ADA_PHONE },
  ]);
  adaId = ada!.id;
});
afterEach(() => stopWorkers());
afterAll(async () => {
  // Whatever was logged along the way, no token or key went into it.
  const logged = app.logs.join('\n');
  for (const secret of [sms.authToken, wa.accessToken, slack.botToken, APP_SECRET])
    expect(logged).not.toContain(secret);
  await app.close();
  await Promise.all([sms.close(), wa.close(), slack.close()]);
});

describe('notifications', () => {
  it('keeps channel secrets sealed: saved, tested, listed — never shown back', async () => {
    const put = await hana.fetch(
      '/api/notifications/channels/sms-twilio',
      body('PUT', { accountSid: sms.accountSid, authToken: sms.authToken, from: '+14155552671' }),
    );
    expect(put.status).toBe(200);
    expect(
      (
        await hana.fetch(
          '/api/notifications/channels/whatsapp',
          body('PUT', {
            phoneNumberId: wa.phoneNumberId,
            accessToken: wa.accessToken,
            template: { name: 'meeting_update', language: 'en' },
          }),
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await hana.fetch(
          '/api/notifications/channels/slack',
          body('PUT', { botToken: slack.botToken, channel: '#meetings' }),
        )
      ).status,
    ).toBe(200);
    const listed = await (await hana.fetch('/api/notifications/channels')).text();
    for (const secret of [sms.authToken, wa.accessToken, slack.botToken])
      expect(listed).not.toContain(secret);
    expect(
      JSON.parse(listed).items.map((c: { name: string; secrets: string[] }) => [c.name, c.secrets]),
    ).toEqual([
      ['slack', ['botToken']],
      ['sms-twilio', ['authToken']],
      ['whatsapp', ['accessToken']],
    ]);
    // A connection missing what it needs is a 400 naming the field.
    const bad = await hana.fetch(
      '/api/notifications/channels/teams',
      body('PUT', { webhookUrl: 'not a url' }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details[0].path).toBe('webhookUrl');

    const test = await (await hana.fetch('/api/notifications/channels/slack/test', body('POST', {}))).json();
    expect(test).toMatchObject({ status: 'sent', error: null });
    expect(slack.posted.at(-1)!.body.text).toBe('Momentum Meet: this is a test.');
    const one = await (await hana.fetch('/api/notifications/channels/slack')).json();
    expect(one.lastTest).toMatchObject({ status: 'sent' });
  });

  it('a booking goes on each chosen channel; WhatsApp refused for good falls back to SMS, visible in the log', async () => {
    const prefs = await (await hana.fetch('/api/notifications/preferences')).json();
    expect(prefs.reminders).toEqual([1440, 60]);
    expect(
      (
        await hana.fetch(
          '/api/notifications/preferences',
          body('PUT', {
            ...prefs,
            events: { ...prefs.events, booked: ['sms', 'slack'] },
            phone: '07911 123789',
          }),
        )
      ).status,
    ).toBe(400); // no country code: not a number we can text
    expect(
      (
        await hana.fetch(
          '/api/notifications/preferences',
          body('PUT', {
            ...prefs,
            events: { ...prefs.events, booked: ['sms', 'slack'] },
            phone: HANA_PHONE,
          }),
        )
      ).status,
    ).toBe(200);
    const consent = await hana.fetch(
      `/api/notifications/consent/${adaId}`,
      body('PUT', {
        whatsapp: { granted: true, source: 'booking page checkbox' },
        sms: { granted: true, source: 'booking page checkbox' },
      }),
    );
    expect(await consent.json()).toMatchObject({
      whatsapp: { granted: true, source: 'booking page checkbox' },
      optedOut: [],
    });
    wa.notOnWhatsApp.add(ADA_PHONE.slice(1));

    const current = await openEveryDay(hana);
    const { slots } = await (await hana.fetch('/api/slots')).json();
    const created = await hana.fetch(
      '/api/meetings',
      body('POST', {
        contactId: adaId,
        meetingTypeId: current.meetingTypes[0]!.id,
        start: slots.at(-1).start,
      }),
    );
    expect(created.status).toBe(201);
    const meeting = await created.json();

    startWorker();
    const records = await waitFor(
      () => log(`?meetingId=${meeting.id}`),
      (items) => items.filter((r) => r.status !== 'queued').length >= 5,
    );
    const seen = records.map((r) => `${r.role} ${r.channel} ${r.status}`).sort();
    expect(seen).toEqual([
      'contact email sent',
      'contact sms-twilio sent',
      'contact whatsapp failed',
      'organizer slack sent',
      'organizer sms-twilio sent',
    ]);
    expect(records.find((r) => r.channel === 'whatsapp')!.error).toMatch(/131026.*not on WhatsApp/);
    expect(sms.accepted.map((a) => a.form.To).sort()).toEqual([HANA_PHONE, ADA_PHONE].sort());
    expect(sms.accepted.find((a) => a.form.To === HANA_PHONE)!.form.StatusCallback).toBe(
      `${PUBLIC_BASE}/api/webhooks/twilio/${encodeURIComponent(ownerId)}`,
    );
    expect(slack.posted.at(-1)!.body.text).toMatch(/booked a .* with you/);
    expect((await log('?channel=whatsapp&status=failed')).map((r) => r.meetingId)).toEqual([meeting.id]);

    // Twilio says the organizer's text was delivered: signed with the account's token over the public address.
    const toHana = records.find((r) => r.role === 'organizer' && r.channel === 'sms-twilio')!;
    const url = `${PUBLIC_BASE}/api/webhooks/twilio/${encodeURIComponent(ownerId)}`;
    const params = { MessageSid: toHana.providerMessageId!, MessageStatus: 'delivered', To: HANA_PHONE };
    const callback = (signature: string) =>
      app.anonymous.fetch(`/api/webhooks/twilio/${encodeURIComponent(ownerId)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      });
    const forged = twilio.getExpectedTwilioSignature('0'.repeat(32), url, params);
    expect((await callback(forged)).status).toBe(403);
    expect((await log(`?meetingId=${meeting.id}&status=delivered`)).length).toBe(0);
    const signed = twilio.getExpectedTwilioSignature(sms.authToken, url, params);
    expect((await callback(signed)).status).toBe(200);
    expect((await callback(signed)).status).toBe(200); // Twilio retried: nothing moves back or twice
    const delivered = await log(`?meetingId=${meeting.id}&status=delivered`);
    expect(delivered.map((r) => [r.role, r.channel])).toEqual([['organizer', 'sms-twilio']]);
    expect(delivered[0]!.steps.delivered).toBeDefined();

    // Ada is on WhatsApp now: "Retry" sends the failed one; nothing that went goes again.
    wa.notOnWhatsApp.delete(ADA_PHONE.slice(1));
    const failed = records.find((r) => r.channel === 'whatsapp')!;
    const retried = await hana.fetch(`/api/notifications/${failed.id}/retry`, { method: 'POST' });
    expect(retried.status).toBe(202);
    await waitFor(
      () => log('?channel=whatsapp'),
      (items) => items.some((r) => r.id === failed.id && r.status === 'sent'),
    );
    expect(wa.accepted.filter((a) => a.body.to === ADA_PHONE)).toHaveLength(1);
    expect(sms.accepted).toHaveLength(2);
    expect((await hana.fetch(`/api/notifications/${failed.id}/retry`, { method: 'POST' })).status).toBe(409);

    // Its reminders: queued once by the timer, whatever how often it runs.
    const before = new Date(Date.parse(meeting.start) - 30 * 60_000);
    const deps = { ...reminderDeps(), now: () => before };
    expect(await runReminders(deps)).toEqual({ queued: 2 });
    expect(await runReminders(deps)).toEqual({ queued: 0 });
  });

  it('the same notice queued twice and taken by two workers at once reaches each person once', async () => {
    const current = await (await hana.fetch('/api/availability')).json();
    const { slots } = await (await hana.fetch('/api/slots')).json();
    const created = await hana.fetch(
      '/api/meetings',
      body('POST', {
        contactId: adaId,
        meetingTypeId: current.meetingTypes[0]!.id,
        start: slots.at(-2).start,
      }),
    );
    expect(created.status).toBe(201);
    const meeting = await created.json();
    // The booking queued its notice; a redelivery puts the same one in the queue again.
    await enqueue(notifyQueue, { ownerId, meetingId: meeting.id, notice: 'booked', sequence: 0 });
    // The previous test's reminders may still be in the queue: count this booking's WhatsApp only.
    const booked = () => wa.accepted.filter((a) => JSON.stringify(a.body).includes('is booked')).length;
    const before = { sms: sms.accepted.length, wa: booked(), slack: slack.posted.length };
    startWorker();
    startWorker();
    const records = await waitFor(
      () => log(`?meetingId=${meeting.id}`),
      (items) => items.length === 4 && items.every((r) => r.status === 'sent'),
    );
    expect(records.map((r) => `${r.role} ${r.channel}`).sort()).toEqual([
      'contact email',
      'contact whatsapp',
      'organizer slack',
      'organizer sms-twilio',
    ]);
    // Give the second message time to be handled too, then count what the vendors received.
    await new Promise((r) => setTimeout(r, 3000));
    expect(sms.accepted.length - before.sms).toBe(1);
    expect(booked() - before.wa).toBe(1);
    expect(slack.posted.length - before.slack).toBe(1);
    expect((await log(`?meetingId=${meeting.id}`)).every((r) => r.attempts === 1)).toBe(true);
  });

  it('WhatsApp webhook: verifies the subscription, applies signed statuses, STOP suppresses, other text reaches the conversation seam', async () => {
    const challenge = await app.anonymous.fetch(
      `/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(challenge.status).toBe(200);
    expect(await challenge.text()).toBe('1158201444');
    expect(
      (
        await app.anonymous.fetch(
          '/api/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1',
        )
      ).status,
    ).toBe(403);

    const sent = (await log('?channel=whatsapp&status=sent'))[0]!;
    const status = whatsAppChange({
      statuses: [
        {
          id: sent.providerMessageId,
          status: 'read',
          timestamp: '1767261600',
          recipient_id: ADA_PHONE.slice(1),
        },
      ],
    });
    expect(
      (await app.anonymous.fetch('/api/webhooks/whatsapp', signedWhatsApp(status, 'wrong-secret'))).status,
    ).toBe(403);
    expect((await log('?channel=whatsapp&status=read')).length).toBe(0);
    const applied = await app.anonymous.fetch('/api/webhooks/whatsapp', signedWhatsApp(status));
    expect(await applied.json()).toMatchObject({ statuses: 1 });
    const read = (await log('?channel=whatsapp&status=read'))[0]!;
    expect(read.steps.read).toBe('2026-01-01T10:00:00.000Z');

    const message = (id: string, text: string) =>
      whatsAppChange({
        contacts: [{ wa_id: ADA_PHONE.slice(1), profile: { name: 'Ada' } }],
        messages: [
          { from: ADA_PHONE.slice(1), id, timestamp: '1767261700', type: 'text', text: { body: text } },
        ],
      });
    await app.anonymous.fetch(
      '/api/webhooks/whatsapp',
      signedWhatsApp(message('wamid.q1', 'Can we make it 3pm instead?')),
    );
    expect(chats).toEqual([
      expect.objectContaining({
        ownerId,
        channel: 'whatsapp',
        from: ADA_PHONE,
        name: 'Ada',
        text: 'Can we make it 3pm instead?',
        messageId: 'wamid.q1',
      }),
    ]);

    await app.anonymous.fetch('/api/webhooks/whatsapp', signedWhatsApp(message('wamid.q2', 'STOP')));
    expect(chats).toHaveLength(1);
    const consent = await (await hana.fetch(`/api/notifications/consent/${adaId}`)).json();
    expect(consent.optedOut).toEqual(['whatsapp']);
    const suppressions = await (await hana.fetch('/api/suppressions')).json();
    expect(suppressions.items).toContainEqual(
      expect.objectContaining({ email: ADA_PHONE, channel: 'whatsapp', reason: 'unsubscribed' }),
    );
  });

  it('an SMS reply of STOP through Twilio stops texts to that number; other replies reach the conversation seam', async () => {
    const url = `${PUBLIC_BASE}/api/webhooks/twilio/${encodeURIComponent(ownerId)}`;
    const reply = async (sid: string, text: string) => {
      const params = { MessageSid: sid, SmsSid: sid, From: ADA_PHONE, To: '+14155552671', Body: text };
      const res = await app.anonymous.fetch(`/api/webhooks/twilio/${encodeURIComponent(ownerId)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': twilio.getExpectedTwilioSignature(sms.authToken, url, params),
        },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('<Response></Response>');
    };
    await reply('SMin1', 'Running 5 min late');
    expect(chats.at(-1)).toMatchObject({ channel: 'sms', from: ADA_PHONE, text: 'Running 5 min late' });
    await reply('SMin2', 'Stop');
    const consent = await (await hana.fetch(`/api/notifications/consent/${adaId}`)).json();
    expect(consent.optedOut.sort()).toEqual(['sms', 'whatsapp']);
    // The organizer lifts the SMS opt-out (Ada asked again): texts may go once more.
    const lifted = await hana.fetch(
      `/api/notifications/consent/${adaId}`,
      body('PUT', { optedOut: ['whatsapp'] }),
    );
    expect((await lifted.json()).optedOut).toEqual(['whatsapp']);
  });

  it('ACS: the Event Grid address answers the validation handshake, and a delivery report marks the text delivered', async () => {
    const acs: FakeAcsSms = await startFakeAcsSms();
    try {
      const put = await hana.fetch(
        '/api/notifications/channels/sms-acs',
        body('PUT', { endpoint: acs.endpoint, accessKey: acs.accessKey, from: '+18445550100' }),
      );
      const connection = await put.json();
      expect(JSON.stringify(connection)).not.toContain(acs.accessKey);
      const path = new URL(connection.callbackUrl).pathname;
      expect(connection.callbackUrl.startsWith(`${PUBLIC_BASE}/api/webhooks/acs/`)).toBe(true);

      const test = await (
        await hana.fetch('/api/notifications/channels/sms-acs/test', body('POST', { phone: ADA_PHONE }))
      ).json();
      expect(test).toMatchObject({ status: 'sent', providerMessageId: acs.accepted.at(-1)!.messageId });

      const post = (to: string, events: unknown) =>
        app.anonymous.fetch(to, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'aeg-event-type': 'Notification' },
          body: JSON.stringify(events),
        });
      const handshake = await post(path, [
        {
          id: 'v1',
          eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent',
          data: { validationCode: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' },
        },
      ]);
      expect(await handshake.json()).toEqual({ validationResponse: '512d38b6-c7b8-40c8-89fe-f46f9e9622b6' });

      const report = [
        {
          id: 'e1',
          eventType: 'Microsoft.Communication.SMSDeliveryReportReceived',
          data: {
            MessageId: test.providerMessageId,
            From: '+18445550100',
            To: ADA_PHONE,
            DeliveryStatus: 'Delivered',
            DeliveryStatusDetails: 'No error.',
            ReceivedTimestamp: '2026-03-01T10:00:07Z',
          },
        },
      ];
      expect((await post('/api/webhooks/acs/k.e30.forged', report)).status).toBe(401);
      expect((await log('?channel=sms-acs&status=delivered')).length).toBe(0);
      expect(await (await post(path, report)).json()).toMatchObject({ statuses: 1 });
      const [delivered] = await log('?channel=sms-acs&status=delivered');
      expect(delivered).toMatchObject({ kind: 'test', steps: { delivered: '2026-03-01T10:00:07Z' } });
    } finally {
      await acs.close();
    }
  });
});

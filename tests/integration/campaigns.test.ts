import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { QueueClient } from '@azure/storage-queue';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { campaignDeps, sendDeps } from '../../functions/campaigns/deps.js';
import { planCampaign } from '../../functions/campaigns/plan.js';
import { replyAddress } from '../../functions/campaigns/reply-address.js';
import { queueDue, runSchedule } from '../../functions/campaigns/schedule.js';
import type { CampaignDto, MessagePage } from '../../functions/campaigns/schema.js';
import { sendBatch } from '../../functions/campaigns/send.js';
import { type MessageDoc, messages, queryOwned } from '../../functions/campaigns/store.js';
import { type FakeSendGrid, startFakeSendGrid } from '../fakes/sendgrid-server.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { ownerOf, seedContacts } from './support/seed.js';
import { killWorker, startWorker, stopWorkers, waitFor } from './support/worker.js';

let app: TestApp;
let fake: FakeSendGrid;
let webhookKey: KeyObject;
const INBOUND_SECRET = 'inbound-secret-0123456789';

beforeAll(async () => {
  fake = await startFakeSendGrid();
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  webhookKey = pair.privateKey;
  useEmulators({
    EMAIL_PROVIDER: 'sendgrid',
    SENDGRID_API_KEY: fake.apiKey,
    SENDGRID_API_URL: fake.url,
    APP_BASE_URL: 'https://app.example',
    SENDGRID_WEBHOOK_PUBLIC_KEY: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    INBOUND_PARSE_SECRET: INBOUND_SECRET,
    INBOUND_REPLY_DOMAIN: 'reply.example',
  });
  app = await startTestApp();
});
afterEach(() => {
  stopWorkers();
  fake.holdTo = null;
});
afterAll(async () => {
  await app.close();
  await fake.close();
});

const post = (session: Session, path: string, body?: unknown) =>
  session.fetch(path, {
    method: 'POST',
    ...(body !== undefined && {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  });

/** A signed-in owner with contacts tagged `tag`, a template, and a sender with a postal address. */
async function owner(email: string, contacts: { email?: string; firstName: string }[], dailyCap = 1000) {
  const session = await app.signIn(email);
  const ownerId = await ownerOf(session);
  const seeded = await seedContacts(
    ownerId,
    contacts.map((c) => ({ ...c, tags: ['launch'] })),
  );
  const template = await (
    await post(session, '/api/templates', {
      name: 'Launch',
      subject: 'Hello {{firstName "there"}}',
      html: '<p>Hi {{firstName "there"}}, we launched.</p>',
    })
  ).json();
  const sender = await (
    await post(session, '/api/senders', {
      name: 'Sam Sender',
      email: 'sam@acme.example',
      postalAddress: 'Acme Ltd, 1 Main St, Springfield',
      dailyCap,
    })
  ).json();
  return { session, ownerId, seeded, templateId: template.id as string, senderId: sender.id as string };
}

async function campaign(o: Awaited<ReturnType<typeof owner>>, steps = 1): Promise<CampaignDto> {
  const res = await post(o.session, '/api/campaigns', {
    name: 'Launch',
    audience: { filter: { tag: 'launch' } },
    senderId: o.senderId,
    steps: Array.from({ length: steps }, (_, i) => ({
      templateId: o.templateId,
      delayDays: i === 0 ? 0 : 2,
    })),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

const read = async (o: { session: Session }, id: string): Promise<CampaignDto> =>
  (await o.session.fetch(`/api/campaigns/${id}`)).json();
const messagesOf = (ownerId: string, campaignId: string) =>
  queryOwned<MessageDoc>('messages', ownerId, 'c.campaignId = @c', [{ name: '@c', value: campaignId }]);
const acceptedFor = (campaignId: string) =>
  fake.accepted.filter((m) => m.body.categories?.includes(`campaign:${campaignId}`));

describe('a campaign through the send-email worker', () => {
  it('sends each email at most once across a killed worker and a redelivered batch, skips who it must, and counts exactly', async () => {
    const people = Array.from({ length: 150 }, (_, i) => ({
      ...(i % 15 === 0 ? {} : { email: `p${i}@example.com` }),
      firstName: `P${i}`,
    }));
    const o = await owner('campaigner@example.com', people);
    expect(
      (await post(o.session, '/api/suppressions', { email: 'P1@example.com', reason: 'manual' })).status,
    ).toBe(201);
    const created = await campaign(o);
    const refused = await post(o.session, `/api/campaigns/${created.id}/pause`);
    expect(refused.status).toBe(409);
    // Slow, and one email hangs unanswered, so the worker is killed with part of the campaign still to send.
    fake.delayMs = 150;
    fake.holdTo = 'p149@example.com';
    const started = await post(o.session, `/api/campaigns/${created.id}/start`);
    expect(started.status).toBe(200);
    expect((await started.json()).status).toBe('sending');

    const first = startWorker();
    await waitFor(
      () => read(o, created.id),
      (c) => c.counts.sent >= 40,
      60_000,
    );
    await killWorker(first);
    expect((await read(o, created.id)).counts.sent).toBeLessThan(139);
    fake.holdTo = null;
    fake.delayMs = 5;
    startWorker();
    await waitFor(
      () => messagesOf(o.ownerId, created.id),
      (ms) => ms.every((m) => !['scheduled', 'queued'].includes(m.status)),
      90_000,
    );

    // The worker that died may have left emails claimed mid-send: the clock settles them after the claim runs out.
    const later = new Date(Date.now() + 6 * 60_000);
    const stuck = (await messagesOf(o.ownerId, created.id)).filter((m) => m.status === 'sending');
    if (stuck.length)
      await sendBatch(
        o.ownerId,
        created.id,
        stuck.map((m) => m.id),
        { ...sendDeps(), now: () => later },
      );

    // A redelivered batch of everything sends nothing again.
    const all = await messagesOf(o.ownerId, created.id);
    const before = fake.accepted.length;
    for (let i = 0; i < all.length; i += 100) {
      await sendBatch(
        o.ownerId,
        created.id,
        all.slice(i, i + 100).map((m) => m.id),
        sendDeps(),
      );
    }
    expect(fake.accepted.length).toBe(before);

    const accepted = acceptedFor(created.id);
    const ids = accepted.map((m) => m.body.custom_args?.momentum_message_id);
    expect(new Set(ids).size).toBe(ids.length); // never twice
    const final = await messagesOf(o.ownerId, created.id);
    const sent = final.filter((m) => m.status === 'sent');
    const interrupted = final.filter((m) => m.status === 'failed');
    expect(sent.map((m) => m.id).every((id) => ids.includes(id))).toBe(true);
    // Everything with an address and not suppressed went, or is reported as maybe not sent — none silently.
    expect(sent.length + interrupted.length).toBe(150 - 10 - 1);
    for (const m of interrupted) expect(m.reason).toMatch(/may not have gone/);
    const counts = (await read(o, created.id)).counts;
    expect(counts).toMatchObject({
      recipients: 150,
      sent: sent.length,
      skippedNoEmail: 10,
      skippedSuppressed: 1,
    });

    // Personalised, with the footer and one-click unsubscribe headers.
    const one = accepted.find((m) => m.body.personalizations[0]!.to[0]!.email === 'p2@example.com')!;
    expect(one.body.personalizations[0]!.subject ?? one.body.subject).toBe('Hello P2');
    expect(one.body.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(one.body.content?.find((c) => c.type === 'text/plain')?.value).toContain(
      'Acme Ltd, 1 Main St, Springfield',
    );

    await waitFor(
      async () => {
        await runSchedule({ ...campaignDeps(), send: async () => {} });
        return read(o, created.id);
      },
      (c) => c.status === 'done',
      10_000,
    );
  });
});

describe('caps, stop rules and suppression at send time (time injected)', () => {
  it('sends up to the daily cap, waits, and goes on by itself when the window frees', async () => {
    const o = await owner(
      'capped@example.com',
      Array.from({ length: 8 }, (_, i) => ({ email: `c${i}@example.com`, firstName: `C${i}` })),
      5,
    );
    const c = await campaign(o);
    const t0 = new Date();
    const sent: string[][] = [];
    const deps = (now: Date) => ({ ...sendDeps(), now: () => now });
    const send = async (now: Date) => {
      const due = await queryOwned<MessageDoc>(
        'messages',
        o.ownerId,
        "c.campaignId = @c AND (c.status = 'scheduled' OR c.status = 'queued')",
        [{ name: '@c', value: c.id }],
      );
      const ready = due.filter((m) => m.sendAt <= now.toISOString()).map((m) => m.id);
      if (ready.length) await sendBatch(o.ownerId, c.id, ready, deps(now));
      sent.push(acceptedFor(c.id).map((m) => m.messageId));
    };
    expect((await post(o.session, `/api/campaigns/${c.id}/start`)).status).toBe(200);
    await planCampaign(o.ownerId, c.id, { now: () => t0, contacts: campaignDeps().contacts });
    await send(t0);
    expect(acceptedFor(c.id)).toHaveLength(5);
    const waiting = await read(o, c.id);
    expect(waiting.status).toBe('waiting');
    expect(waiting.statusDetail).toMatch(/sam@acme.example reached its limit/);
    expect(Date.parse(waiting.resumesAt!)).toBeGreaterThan(t0.getTime() + 23 * 3_600_000);
    await send(new Date(t0.getTime() + 3_600_000));
    expect(acceptedFor(c.id)).toHaveLength(5);
    const nextDay = new Date(t0.getTime() + 24 * 3_600_000 + 60_000);
    await queueDue(
      await queryOwned<MessageDoc>('messages', o.ownerId, "c.campaignId = @c AND c.status = 'scheduled'", [
        { name: '@c', value: c.id },
      ]),
      nextDay,
      { send: async () => {} },
    );
    await send(nextDay);
    expect(acceptedFor(c.id)).toHaveLength(8);
  });

  it('stops the follow-up for a contact who replied (Inbound Parse) and skips one who unsubscribed meanwhile', async () => {
    const o = await owner('sequence@example.com', [
      { email: 'replies@example.com', firstName: 'Rita' },
      { email: 'leaves@example.com', firstName: 'Leo' },
      { email: 'stays@example.com', firstName: 'Stan' },
    ]);
    const c = await campaign(o, 2);
    expect((await post(o.session, `/api/campaigns/${c.id}/start`)).status).toBe(200);
    const t0 = new Date();
    await planCampaign(o.ownerId, c.id, { now: () => t0, contacts: campaignDeps().contacts });
    const step1 = await messagesOf(o.ownerId, c.id);
    await sendBatch(
      o.ownerId,
      c.id,
      step1.map((m) => m.id),
      { ...sendDeps(), now: () => t0 },
    );
    const rita = step1.find((m) => m.to === 'replies@example.com')!;
    const sentToRita = acceptedFor(c.id).find(
      (m) => m.body.personalizations[0]!.to[0]!.email === 'replies@example.com',
    )!;
    expect(sentToRita.body.reply_to?.email).toBe(replyAddress(rita.id));

    // Rita replies: SendGrid Inbound Parse posts the mail to us.
    const form = new FormData();
    form.set('to', `Sam <${replyAddress(rita.id)}>`);
    form.set('from', 'Rita <replies@example.com>');
    form.set('subject', 'Re: Hello Rita');
    form.set('text', 'Sounds good!');
    const wrong = await app.anonymous.fetch('/api/webhooks/inbound/not-the-secret-000000', {
      method: 'POST',
      body: form,
    });
    expect(wrong.status).toBe(403);
    const inbound = await app.anonymous.fetch(`/api/webhooks/inbound/${INBOUND_SECRET}`, {
      method: 'POST',
      body: form,
    });
    expect(await inbound.json()).toEqual({ outcome: 'replied' });
    expect((await messages.find(o.ownerId, rita.id))!.status).toBe('replied');
    expect((await (await o.session.fetch(`/api/contacts/${rita.contactId}`)).json()).status).toBe('replied');

    // Leo unsubscribes through the link in his email (GET shows the question, POST acts, twice is once).
    const leoMail = acceptedFor(c.id).find(
      (m) => m.body.personalizations[0]!.to[0]!.email === 'leaves@example.com',
    )!;
    const link = leoMail.body.headers!['List-Unsubscribe']!.slice(1, -1).replace('https://app.example', '');
    const page = await app.anonymous.fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    expect((await app.anonymous.fetch(link, { method: 'POST' })).status).toBe(200);
    expect((await app.anonymous.fetch(link, { method: 'POST' })).status).toBe(200);
    const tampered = await app.anonymous.fetch(`${link.slice(0, -3)}abc`, { method: 'POST' });
    expect(tampered.status).toBe(401);
    expect(await tampered.text()).toContain('Reply to the email you received');
    const suppressed = (await (await o.session.fetch('/api/suppressions')).json()).items;
    expect(suppressed.map((s: { email: string }) => s.email)).toEqual(['leaves@example.com']);

    // Two days later the follow-up goes only to Stan.
    const t2 = new Date(t0.getTime() + 2 * 86_400_000 + 60_000);
    const step2 = (await messagesOf(o.ownerId, c.id)).filter((m) => m.step === 2);
    expect(step2).toHaveLength(3);
    await sendBatch(
      o.ownerId,
      c.id,
      step2.map((m) => m.id),
      { ...sendDeps(), now: () => t2 },
    );
    const outcome = Object.fromEntries(
      (await messagesOf(o.ownerId, c.id))
        .filter((m) => m.step === 2)
        .map((m) => [m.to, [m.status, m.reason]]),
    );
    expect(outcome).toEqual({
      'replies@example.com': ['stopped', 'replied'],
      'leaves@example.com': ['skipped', 'suppressed: unsubscribed'],
      'stays@example.com': ['sent', null],
    });
    const page2: MessagePage = await (await o.session.fetch(`/api/campaigns/${c.id}/messages?step=2`)).json();
    expect(page2.items.map((m) => m.status).sort()).toEqual(['sent', 'skipped', 'stopped']);
  });
});

describe('the SendGrid Event Webhook', () => {
  const deliver = (
    events: unknown[],
    options: { key?: KeyObject; age?: number; signature?: string } = {},
  ) => {
    const body = JSON.stringify(events);
    const timestamp = String(Math.floor(Date.now() / 1000) - (options.age ?? 0));
    const signature =
      options.signature ??
      sign('sha256', Buffer.from(timestamp + body), options.key ?? webhookKey).toString('base64');
    return app.anonymous.fetch('/api/webhooks/sendgrid', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-twilio-email-event-webhook-signature': signature,
        'x-twilio-email-event-webhook-timestamp': timestamp,
      },
      body,
    });
  };

  it('accepts signed events once, refuses unsigned, forged and stale ones, and suppresses a bounce', async () => {
    const o = await owner('events@example.com', [
      { email: 'opens@example.com', firstName: 'Ola' },
      { email: 'bounces@example.com', firstName: 'Bo' },
    ]);
    const c = await campaign(o);
    expect((await post(o.session, `/api/campaigns/${c.id}/start`)).status).toBe(200);
    await planCampaign(o.ownerId, c.id, { now: () => new Date(), contacts: campaignDeps().contacts });
    const ms = await messagesOf(o.ownerId, c.id);
    await sendBatch(
      o.ownerId,
      c.id,
      ms.map((m) => m.id),
      sendDeps(),
    );
    const ola = ms.find((m) => m.to === 'opens@example.com')!;
    const bo = ms.find((m) => m.to === 'bounces@example.com')!;
    const args = (m: MessageDoc) => ({ momentum_message_id: m.id, momentum_owner_id: o.ownerId });
    const events = [
      { event: 'delivered', email: ola.to, sg_event_id: 'ev-1', timestamp: 1, ...args(ola) },
      { event: 'open', email: ola.to, sg_event_id: 'ev-2', timestamp: 2, ...args(ola) },
      {
        event: 'bounce',
        email: bo.to,
        sg_event_id: 'ev-3',
        timestamp: 3,
        reason: '550 no such user',
        ...args(bo),
      },
    ];
    const unsigned = await app.anonymous.fetch('/api/webhooks/sendgrid', {
      method: 'POST',
      body: JSON.stringify(events),
    });
    expect(unsigned.status).toBe(401);
    const forger = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    expect((await deliver(events, { key: forger })).status).toBe(403);
    expect((await deliver(events, { age: 3600 })).status).toBe(403);
    expect((await messages.find(o.ownerId, ola.id))!.status).toBe('sent');

    const ok = await deliver(events);
    expect(await ok.json()).toEqual({ applied: 3, ignored: 0 });
    expect(await (await deliver(events)).json()).toEqual({ applied: 0, ignored: 3 });
    expect((await messages.find(o.ownerId, ola.id))!.status).toBe('opened');
    expect((await messages.find(o.ownerId, bo.id))!).toMatchObject({
      status: 'bounced',
      reason: '550 no such user',
    });
    const suppressed = (await (await o.session.fetch('/api/suppressions')).json()).items;
    expect(suppressed).toMatchObject([
      { email: 'bounces@example.com', reason: 'bounced', source: 'SendGrid bounce' },
    ]);
    expect((await read(o, c.id)).counts).toMatchObject({ sent: 2, delivered: 1, opened: 1, bounced: 1 });
  });
});

// The queue the worker reads: nothing left behind for another test file's worker.
afterAll(async () => {
  await new QueueClient(process.env.AzureWebJobsStorage!, 'email-send')
    .clearMessages()
    .catch(() => undefined);
});

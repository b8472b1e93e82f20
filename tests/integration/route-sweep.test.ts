import azureFunctions from '@azure/functions';
import { QueueClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleEmail } from '../../functions/_integrations/email/contract.test-support.js';
import { createOutboxEmail } from '../../functions/_integrations/email/outbox.js';
import { poisonQueueName } from '../../functions/_shared/queue.js';
import { type HttpMethod, listRegistrations, type Registration } from '../../functions/_shared/registry.js';
import { sealCredentials } from '../../functions/calendars/connections.js';
import { cosmosConnectionStore } from '../../functions/calendars/store.js';
import { contactBulkQueue } from '../../functions/contacts/queue.js';
import { cosmosRecordStore } from '../../functions/notifications/cosmos-records.js';
import { makeDailyReport } from '../../functions/reports/reports.js';
import { reportDeps } from '../../functions/reports/store.js';
import { type Session, startTestApp, type TestApp, useEmulators } from './support/app.js';
import { toCsv, uploadForm } from './support/files.js';
import { openEveryDay, ownerOf, seedContacts } from './support/seed.js';

/**
 * Generated from the registrations table, so a route added later is covered without anyone
 * remembering to: every user route refuses a caller without a principal, and every route that
 * takes an id answers another owner's ids with 404 and changes nothing.
 */
type HttpRegistration = Extract<Registration, { kind: 'http' }>;

let app: TestApp;
let alice: Session;
let bob: Session;
let routes: HttpRegistration[];

/** Public routes and why they may be: adding one means adding it here, on purpose. */
const PUBLIC_ROUTES: Record<string, HttpRegistration['access']> = {
  health: 'open',
  unsubscribe: 'signed-token',
  'webhooks-sendgrid': 'signature',
  'webhooks-inbound': 'signature',
  'webhooks-calendar': 'signature',
  'webhooks-twilio': 'signature',
  'webhooks-whatsapp': 'signature',
  'webhooks-acs': 'signature',
  'public-booking-page': 'signed-token',
  'public-booking-slots': 'signed-token',
  'public-booking-confirm': 'signed-token',
  'public-booking-chat': 'signed-token',
  'public-meeting': 'signed-token',
  'public-meeting-slots': 'signed-token',
  'public-meeting-ics': 'signed-token',
  'public-meeting-action': 'signed-token',
  // Bot Service JWT when BOT_APP_ID is set; refusals are tested in tests/integration/bot.test.ts.
  'bot-messages': 'bot-jwt',
};

/** A valid request body per route and method, so a 404 is about ownership, not a bad body. */
const BODIES: Record<string, Partial<Record<HttpMethod, () => RequestInit>>> = {
  'contacts/{id}': { PATCH: () => json({ company: 'Changed by someone else' }) },
  'imports/{id}/commit': { POST: () => json({ mapping: ['firstName', 'email'] }) },
  'imports/{id}/forecast': { POST: () => json({ mapping: ['firstName', 'email'] }) },
  'templates/{id}': {
    PUT: () =>
      json({ name: 'Taken over', subject: 'Hi {{firstName}}', html: '<p>Changed by someone else</p>' }),
  },
  'templates/{id}/test': { POST: () => json({}) },
  'senders/{id}': { PUT: () => json({ ...SENDER, name: 'Taken over' }) },
  'campaigns/{id}': { PUT: () => json({ ...CAMPAIGN, name: 'Taken over' }) },
  'contacts/{id}/booking-link': { POST: () => json({}) },
  'meetings/{id}/{action}': { POST: () => json({ reason: 'Taken over' }) },
  'calendars/{id}': { PATCH: () => json({ readCalendarUrls: [] }) },
  'notifications/consent/{contactId}': {
    PUT: () => json({ sms: { granted: true, source: 'Taken over' }, optedOut: ['email'] }),
  },
  'leads/{id}': {
    PATCH: () => json({ stage: 'lost', nextAction: { on: '2030-01-01', note: 'taken over' } }),
  },
  'contacts/{id}/erase': { POST: () => json({ confirm: 'sweep@example.com' }) },
};
const SENDER = { name: 'Sweep', email: 'sweep@acme.example', postalAddress: '1 Main St' };
const CAMPAIGN = {
  name: 'Sweep',
  audience: { filter: {} },
  senderId: 'any',
  steps: [{ templateId: 'any', delayDays: 0 }],
};
const json = (body: unknown): RequestInit => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** A token in the right shape whose signature is made up. */
const FORGED = `test.${Buffer.from('{"k":"book","o":"x","c":"c","t":"intro","n":"N","e":"n@x.io"}').toString('base64url')}.forged`;

/** Where to read back what a route without GET would change. */
const READ_BACK: Record<string, string> = {
  'imports/{id}/commit': 'imports/{id}',
  'imports/{id}/forecast': 'imports/{id}',
  'contacts/{id}/restore': 'contacts/trash',
  'contacts/bulk/{id}/undo': 'contacts/bulk/{id}',
  'templates/{id}/test': 'templates/{id}',
  'senders/{id}': 'senders',
  'campaigns/{id}/start': 'campaigns/{id}',
  'campaigns/{id}/pause': 'campaigns/{id}',
  'campaigns/{id}/resume': 'campaigns/{id}',
  'suppressions/{email}': 'suppressions',
  'jobs/failed/{queue}/{id}/retry': 'jobs/failed',
  'contacts/{id}/booking-link': 'contacts/{id}',
  'meetings/{id}/{action}': 'meetings',
  'calendars/{id}': 'calendars',
  'calendars/{id}/check': 'calendars',
  'notifications/{id}/retry': 'notifications',
  'leads/{id}': 'contacts/{id}',
  'contacts/{id}/erase': 'contacts/{id}',
  // The zip is made afresh (with its time) on each read: the contact itself is what must not change.
  'contacts/{id}/privacy-export': 'contacts/{id}',
};

/**
 * Routes whose parameter names a kind of thing, not someone's resource: nothing of another owner
 * can be reached through them (the OAuth callback checks the signed-in user against the state —
 * tests/integration/calendar-connect.test.ts).
 */
const NOT_OWNED = new Set([
  'calendars/oauth/{kind}/start',
  'calendars/oauth/{kind}/callback',
  // A channel's name: each owner has their own connection by that name, reached through their principal.
  'notifications/channels/{name}',
  'notifications/channels/{name}/test',
]);

/** Alice's own resources behind each route with parameters: add one when a route with an id lands. */
const SEEDERS: Record<string, (owner: Session) => Promise<Record<string, string>>> = {
  'contacts/{id}': async (owner) => {
    const [contact] = await seedContacts(await ownerOf(owner), [
      { email: 'sweep@example.com', firstName: 'Sweep' },
    ]);
    return { id: contact!.id };
  },
  'contacts/{id}/restore': async (owner) => {
    const { id } = await SEEDERS['contacts/{id}']!(owner);
    expect((await owner.fetch(`/api/contacts/${id}`, { method: 'DELETE' })).status).toBe(204);
    return { id: id! };
  },
  'contacts/bulk/{id}': (owner) => bulkJob(owner, { type: 'addTags', tags: ['sweep'] }),
  'contacts/bulk/{id}/undo': (owner) => bulkJob(owner, { type: 'delete' }),
  'imports/{id}': (owner) => previewImport(owner),
  'imports/{id}/forecast': (owner) => previewImport(owner),
  'imports/{id}/commit': (owner) => previewImport(owner),
  'imports/{id}/rejected': (owner) => previewImport(owner),
  'templates/{id}': (owner) => saveTemplate(owner),
  'templates/{id}/test': (owner) => saveTemplate(owner),
  'senders/{id}': async (owner) => created(owner, '/api/senders', SENDER),
  'campaigns/{id}': (owner) => created(owner, '/api/campaigns', CAMPAIGN),
  'campaigns/{id}/start': (owner) => created(owner, '/api/campaigns', CAMPAIGN),
  'campaigns/{id}/pause': (owner) => created(owner, '/api/campaigns', CAMPAIGN),
  'campaigns/{id}/resume': (owner) => created(owner, '/api/campaigns', CAMPAIGN),
  'campaigns/{id}/messages': (owner) => created(owner, '/api/campaigns', CAMPAIGN),
  'suppressions/{email}': async (owner) => {
    const email = `sweep-${Math.random().toString(36).slice(2, 8)}@example.com`;
    expect((await owner.fetch('/api/suppressions', { method: 'POST', ...json({ email }) })).status).toBe(201);
    return { email };
  },
  // A job of Alice's that failed every try, as the host leaves it in the poison queue.
  'jobs/failed/{queue}/{id}/retry': async (owner) => {
    const body = JSON.stringify({ ownerId: await ownerOf(owner), jobId: 'sweep-bulk-job' });
    const { messageId } = await (await sweepPoison()).sendMessage(Buffer.from(body).toString('base64'));
    return { queue: contactBulkQueue.name, id: messageId };
  },
  'contacts/{id}/booking-link': (owner) => SEEDERS['contacts/{id}']!(owner),
  // A booked meeting of Alice's; the sweep tries to cancel it as Bob.
  'meetings/{id}/{action}': async (owner) => {
    // The sweep's made-up calendar connections cannot be read, and an unreadable calendar offers no times.
    const { items } = await (await owner.fetch('/api/calendars')).json();
    for (const c of items) await owner.fetch(`/api/calendars/${c.id}`, { method: 'DELETE' });
    const { id: contactId } = await SEEDERS['contacts/{id}']!(owner);
    const current = await openEveryDay(owner);
    const { slots } = await (await owner.fetch('/api/slots')).json();
    const start = slots[Math.floor(Math.random() * slots.length)].start;
    const res = await owner.fetch('/api/meetings', {
      method: 'POST',
      ...json({ contactId, meetingTypeId: current.meetingTypes[0]!.id, start }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return { id: (await res.json()).id, action: 'cancel' };
  },
  'leads/{id}': (owner) => SEEDERS['contacts/{id}']!(owner),
  'leads/{id}/timeline': (owner) => SEEDERS['contacts/{id}']!(owner),
  'contacts/{id}/privacy-export': (owner) => SEEDERS['contacts/{id}']!(owner),
  'contacts/{id}/erase': (owner) => SEEDERS['contacts/{id}']!(owner),
  // A daily report of Alice's, made as the morning timer makes it.
  'reports/{id}': async (owner) => {
    await makeDailyReport(await ownerOf(owner), '2026-01-02', reportDeps());
    return { id: '2026-01-02' };
  },
  // A finished export of Alice's contacts; the sweep reads its progress and file as Bob.
  'exports/{id}': (owner) => created(owner, '/api/exports', { kind: 'contacts', format: 'csv' }),
  'exports/{id}/file': (owner) => created(owner, '/api/exports', { kind: 'contacts', format: 'csv' }),
  'calendars/{id}': (owner) => seedConnection(owner),
  'calendars/{id}/check': (owner) => seedConnection(owner),
  'notifications/consent/{contactId}': async (owner) => ({
    contactId: (await SEEDERS['contacts/{id}']!(owner)).id!,
  }),
  // A failed notice of Alice's, as notify leaves it when a channel refuses.
  'notifications/{id}/retry': async (owner) => {
    const ownerId = await ownerOf(owner);
    const at = new Date().toISOString();
    const id = `n-sweep-${Math.random().toString(36).slice(2, 8)}`;
    await cosmosRecordStore.createIfAbsent({
      id,
      ownerId,
      type: 'delivery',
      notificationId: id,
      channel: 'sms-twilio',
      kind: 'booked',
      role: 'contact',
      recipient: { name: 'Sweep', phone: '+447911123456' },
      subject: 'Confirmed',
      meetingId: 'm-sweep',
      contactId: 'c-sweep',
      status: 'failed',
      steps: { queued: at, failed: at },
      providerMessageId: null,
      error: 'Twilio refused the SMS (21211)',
      attempts: 1,
      claimedAt: at,
      source: { ownerId, meetingId: 'm-sweep', notice: 'booked', sequence: 0 },
      createdAt: at,
      updatedAt: at,
      ttl: 3600,
    });
    return { id };
  },
  'outbox/{id}': async (owner) => {
    const email = sampleEmail({ ownerId: await ownerOf(owner) });
    expect((await createOutboxEmail().send([email]))[0]?.status).toBe('sent');
    return { id: email.id };
  },
};

/** A CalDAV connection of the owner's, written as connecting one would (password sealed). */
async function seedConnection(owner: Session): Promise<Record<string, string>> {
  const ownerId = await ownerOf(owner);
  const id = `sweep-${Math.random().toString(36).slice(2, 8)}`;
  const at = new Date().toISOString();
  await cosmosConnectionStore.create({
    id,
    ownerId,
    kind: 'caldav',
    label: 'sweep · dav.example',
    serverUrl: 'https://dav.example/',
    username: 'sweep',
    secret: sealCredentials({ password: 'sweep-password' }, ownerId, id),
    status: 'ok',
    lastError: null,
    checkedAt: at,
    calendars: [],
    readCalendarUrls: [],
    writeCalendarUrl: null,
    createdAt: at,
    updatedAt: at,
  });
  return { id };
}

/** The poison queue the sweep's failed jobs go to, emptied again when the sweep ends. */
async function sweepPoison(): Promise<QueueClient> {
  const queue = new QueueClient(process.env.AzureWebJobsStorage!, poisonQueueName(contactBulkQueue));
  await queue.createIfNotExists();
  return queue;
}

async function created(owner: Session, path: string, body: unknown): Promise<Record<string, string>> {
  const res = await owner.fetch(path, { method: 'POST', ...json(body) });
  expect(res.status, await res.clone().text()).toBe(201);
  return { id: (await res.json()).id };
}

async function saveTemplate(owner: Session): Promise<Record<string, string>> {
  const res = await owner.fetch('/api/templates', {
    method: 'POST',
    ...json({ name: 'Sweep', subject: 'Hi {{firstName "there"}}', html: '<p>Hello {{company}}</p>' }),
  });
  expect(res.status).toBe(201);
  return { id: (await res.json()).id };
}

async function bulkJob(owner: Session, action: unknown): Promise<Record<string, string>> {
  const { id } = await SEEDERS['contacts/{id}']!(owner);
  const res = await owner.fetch('/api/contacts/bulk', {
    method: 'POST',
    ...json({ target: { ids: [id] }, action }),
  });
  expect(res.status).toBe(200);
  return { id: (await res.json()).id };
}

async function previewImport(owner: Session): Promise<Record<string, string>> {
  const csv = toCsv(['First name', 'Email'], [['Ada', 'ada@example.com']]);
  const res = await owner.fetch('/api/imports', { method: 'POST', body: uploadForm('sweep.csv', csv) });
  expect(res.status).toBe(201);
  return { id: (await res.json()).id };
}

const fill = (route: string, params: Record<string, string>) =>
  `/api/${route.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!))}`;

/** A value for every parameter of a route (`{id}`, `{queue}`, …), for calls that must fail before reading them. */
const anyParams = (route: string): Record<string, string> =>
  Object.fromEntries([...route.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, `any-${name}`]));

beforeAll(async () => {
  useEmulators();
  app = await startTestApp();
  alice = await app.signIn('sweep-alice@example.com', 'Alice');
  bob = await app.signIn('sweep-bob@example.com', 'Bob');
  routes = listRegistrations().filter((r): r is HttpRegistration => r.kind === 'http');
});
afterAll(async () => {
  await (await sweepPoison()).clearMessages();
  await app.close();
});

describe('every HTTP route in the registrations table', () => {
  it('refuses a public route without its credential: a forged token or an unsigned webhook', async () => {
    const refusals = {
      unsubscribe: await app.anonymous.fetch('/api/unsubscribe/k1.e30.forged', { method: 'POST' }),
      'webhooks-sendgrid': await app.anonymous.fetch('/api/webhooks/sendgrid', {
        method: 'POST',
        body: '[]',
      }),
      'webhooks-inbound': await app.anonymous.fetch('/api/webhooks/inbound/guess-the-secret-000', {
        method: 'POST',
      }),
      'webhooks-calendar': await app.anonymous.fetch('/api/webhooks/calendar/google/someone/any-connection', {
        method: 'POST',
        headers: { 'x-goog-channel-token': 'guessed', 'x-goog-resource-state': 'exists' },
      }),
      'webhooks-twilio': await app.anonymous.fetch('/api/webhooks/twilio/someone', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-twilio-signature': 'Zm9yZ2Vk',
        },
        body: 'MessageSid=SM1&MessageStatus=delivered',
      }),
      'webhooks-whatsapp': await app.anonymous.fetch('/api/webhooks/whatsapp', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
        body: '{"object":"whatsapp_business_account","entry":[]}',
      }),
      'webhooks-acs': await app.anonymous.fetch(`/api/webhooks/acs/${FORGED}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          { eventType: 'Microsoft.EventGrid.SubscriptionValidationEvent', data: { validationCode: 'guess' } },
        ]),
      }),
      'public-booking-page': await app.anonymous.fetch(`/api/public/booking/${FORGED}`),
      'public-booking-slots': await app.anonymous.fetch(`/api/public/booking/${FORGED}/slots`),
      'public-booking-confirm': await app.anonymous.fetch(`/api/public/booking/${FORGED}`, {
        method: 'POST',
        ...json({ start: '2030-01-01T10:00:00Z', name: 'X', email: 'x@example.com', timeZone: 'UTC' }),
      }),
      'public-booking-chat': await app.anonymous.fetch(`/api/public/booking/${FORGED}/chat`, {
        method: 'POST',
        ...json({ conversationId: 'sweep-conversation-0001', text: 'hi' }),
      }),
      'public-meeting': await app.anonymous.fetch(`/api/public/meetings/${FORGED}`),
      'public-meeting-slots': await app.anonymous.fetch(`/api/public/meetings/${FORGED}/slots`),
      'public-meeting-ics': await app.anonymous.fetch(`/api/public/meetings/${FORGED}/ics`),
      'public-meeting-action': await app.anonymous.fetch(`/api/public/meetings/${FORGED}/cancel`, {
        method: 'POST',
        ...json({}),
      }),
    };
    for (const [name, res] of Object.entries(refusals)) expect([401, 403], name).toContain(res.status);
    for (const r of routes.filter((r) => r.access === 'signature' || r.access === 'signed-token')) {
      expect(refusals, `${r.name}: add a refusal check here`).toHaveProperty(r.name);
    }
  });

  it('is either a user route or a public one listed here with how it authenticates', () => {
    expect(routes.length).toBeGreaterThan(0);
    for (const r of routes.filter((r) => r.access !== 'user')) {
      expect(PUBLIC_ROUTES[r.name], `${r.name} is public (${r.access}): list it in PUBLIC_ROUTES`).toBe(
        r.access,
      );
    }
  });

  it('answers 401 to a caller who is not signed in, at the front door and in the function itself', async () => {
    for (const r of routes.filter((r) => r.access === 'user')) {
      for (const method of r.options.methods) {
        const params = anyParams(r.options.route);
        const url = fill(r.options.route, params);
        const res = await app.anonymous.fetch(url, { method });
        expect(res.status, `${method} ${url} through the app`).toBe(401);
        // The handler refuses too, so a missing route rule on Azure would not open it.
        const direct = await r.options.handler(
          new azureFunctions.HttpRequest({ method, url: `http://localhost${url}`, params }),
          new azureFunctions.InvocationContext({ functionName: r.name }),
        );
        expect(direct.status, `${method} ${url} called directly`).toBe(401);
      }
    }
  });

  it("answers another owner's ids with 404 and changes nothing", async () => {
    for (const r of routes.filter(
      (r) => r.access === 'user' && r.options.route.includes('{') && !NOT_OWNED.has(r.options.route),
    )) {
      const seed = SEEDERS[r.options.route];
      expect(seed, `route ${r.options.route} takes an id: add a seeder to the route sweep`).toBeDefined();
      for (const method of r.options.methods) {
        const params = await seed!(alice);
        const url = fill(r.options.route, params);
        const readable = fill(READ_BACK[r.options.route] ?? r.options.route, params);
        const before = await (await alice.fetch(readable)).text();
        const res = await bob.fetch(url, { method, ...BODIES[r.options.route]?.[method]?.() });
        expect(res.status, `${method} ${url} as another owner`).toBe(404);
        expect(await (await alice.fetch(readable)).text(), `${method} ${url} left Alice's data alone`).toBe(
          before,
        );
      }
    }
  });
  it("the assistant acts only on the signed-in owner's data: another owner's contact is nobody, their conversation a new one", async () => {
    await seedContacts(await ownerOf(alice), [
      { email: 'zed.alicesonly@example.com', firstName: 'Zed', lastName: 'Alicesonly' },
    ]);
    const ask = async (who: Session, text: string, conversationId?: string) => {
      const res = await who.fetch('/api/bot/assistant', {
        method: 'POST',
        ...json({ text, ...(conversationId && { conversationId }) }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as { conversationId: string; replies: { text: string }[] };
    };
    const mine = await ask(alice, 'find 30 minutes with Zed Alicesonly next week');
    expect(mine.replies[0]!.text).not.toMatch(/couldn't find/);
    const theirs = await ask(bob, 'find 30 minutes with Zed Alicesonly next week');
    expect(theirs.replies[0]!.text).toBe(
      'I couldn\'t find "Zed Alicesonly" in your contacts. Check the spelling, or add them on the Contacts page first.',
    );
    // Bob sending Alice's conversation id gets a conversation of his own, not her open question.
    const taken = await ask(bob, '1', mine.conversationId);
    expect(taken.replies[0]!.text).toMatch(/nothing waiting for an answer/);
  });
});

/**
 * Campaign email benchmark (npm run bench:email). One run, every figure reported against a floor
 * measured in the same run; nothing is asserted on time.
 *
 * 1. Plan + enqueue: 100k contacts seeded through the Cosmos contact store's createMany, then what
 *    the send-email queue's `plan` message does (functions/campaigns/function.ts): planAndQueue —
 *    planCampaign writes step 1 (queued when due now), batches of 50 go to the email-send queue on
 *    Azurite, then closeIfFinished. Floor: the storage work alone (the same 100k documents bulk-created
 *    once, the same number of queue messages sent).
 * 2. Render: compileTemplate(...).render for 100k contacts vs Handlebars alone (compile once,
 *    template(ctx) per contact, same text, same values).
 * 3. Send: the SendGrid provider (the real @sendgrid/mail SDK) to the local SendGrid-shaped server
 *    (tests/fakes/sendgrid-server.ts, delayMs 0), batches of 50 as sendBatch hands them over, at
 *    the provider's concurrency and higher; floor: plain keep-alive HTTP POSTs of the same JSON at
 *    the same concurrency.
 * 4. Worker RSS: one process running sendBatch over 5,000 messages (100 batches of 50), as the
 *    queue handler does, against the local Cosmos API and the fake SendGrid.
 *
 * The Cosmos API server and the fake SendGrid run in this (parent) process, Azurite in its own;
 * each measured phase runs in a child process. Writes bench/results/email.json and email.md.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

const RESULTS = new URL('./results/', import.meta.url);
const CONTACTS = Number(process.env.EMAIL_BENCH_CONTACTS ?? 100_000);
const RENDERS = Number(process.env.EMAIL_BENCH_RENDERS ?? 100_000);
const SENDS = Number(process.env.EMAIL_BENCH_SENDS ?? 10_000);
const WORKER_MESSAGES = Number(process.env.EMAIL_BENCH_WORKER_MESSAGES ?? 5_000);
const BATCH = 50; // SEND_BATCH in functions/campaigns/schedule.ts
const OWNER = 'bench-owner';
const CAMPAIGN = 'bench-campaign';
const TEMPLATE_ID = 'bench-template';
const SENDER_ID = 'bench-sender';

const TARGETS = {
  planAndEnqueueSeconds: 10,
  renderToFloor: 0.8,
  sendsPerSecond: 1000,
  workerPeakRssMB: 300,
};

const round = (n: number, digits = 2) => Number(n.toFixed(digits));
const seconds = (since: number) => (performance.now() - since) / 1000;
const rssMB = () => Math.round(process.memoryUsage().rss / 1024 / 1024);
const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The campaign template: subject, HTML and a hand-written text part, with fallbacks. */
const TEMPLATE = {
  subject: 'Quick question for {{company "your team"}}, {{firstName "there"}}',
  html: [
    '<p>Hi {{firstName "there"}},</p>',
    '<p>I noticed {{company "your team"}} is growing in {{city "your city"}}. As {{title "someone in your role"}},',
    'you probably spend more time than you would like chasing meetings with prospects who said yes.</p>',
    '<p>Momentum Meet turns those replies into booked meetings: one link, your calendar, no back and forth.',
    'Teams like yours book 30% more first calls in the first month.</p>',
    '<p>Would a 15-minute call next week be useful, {{fullName "there"}}?</p>',
    '<p>Best,<br>{{senderName}}</p>',
  ].join('\n'),
  text: [
    'Hi {{firstName "there"}},',
    '',
    'I noticed {{company "your team"}} is growing in {{city "your city"}}. As {{title "someone in your role"}},',
    'you probably spend more time than you would like chasing meetings with prospects who said yes.',
    '',
    'Momentum Meet turns those replies into booked meetings: one link, your calendar, no back and forth.',
    'Teams like yours book 30% more first calls in the first month.',
    '',
    'Would a 15-minute call next week be useful, {{fullName "there"}}?',
    '',
    'Best,',
    '{{senderName}}',
  ].join('\n'),
};

/** A contact as stored; every 20th has no company and every 50th no email (fallbacks, skips). */
function contactDoc(i: number, ownerId = OWNER) {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
  return {
    id: `c-${String(i).padStart(7, '0')}`,
    ownerId,
    status: 'new' as const,
    source: 'manual' as const,
    flags: [],
    tags: ['launch'],
    searchText: '',
    tagKeys: [],
    createdAt: at,
    updatedAt: at,
    ...(i % 50 === 49 ? {} : { email: `person${i}@example.com` }),
    firstName: `Ada${i}`,
    lastName: 'Lovelace',
    ...(i % 20 === 19 ? {} : { company: `Acme ${i % 997} & Sons` }),
    title: 'Head of Sales',
    city: 'Lisbon',
  };
}

const SENDER = {
  id: SENDER_ID,
  ownerId: OWNER,
  name: 'Sam Sender',
  email: 'sam@acme.example',
  replyTo: null,
  signature: '',
  postalAddress: 'Acme Ltd, 1 Main St, Springfield',
  dailyCap: 10_000,
  hourlyCap: null,
  warmUp: false,
  warmUpStartedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function campaignDoc() {
  const at = new Date().toISOString();
  return {
    id: CAMPAIGN,
    ownerId: OWNER,
    name: 'Launch',
    audience: { filter: { tag: 'launch' } },
    senderId: SENDER_ID,
    startAt: null,
    steps: [
      { templateId: TEMPLATE_ID, delayDays: 0, stopOn: ['replied', 'booked', 'unsubscribed', 'bounced'] },
    ],
    status: 'sending' as const,
    statusDetail: null,
    resumesAt: null,
    planned: false,
    createdAt: at,
    updatedAt: at,
    startedAt: at,
    completedAt: null,
  };
}

// ---------------------------------------------------------------------------------------------
// Phases (each in a child process; the environment points the functions code at the servers)
// ---------------------------------------------------------------------------------------------

/** Seeds contacts, a sender, a template and a started campaign in the configured database. */
async function seed(count: number) {
  const { getContainer } = await import('../functions/_shared/cosmos/client.js');
  const { createCosmosContactStore } = await import('../functions/contacts/cosmos-contact-store.js');
  const { senders, campaigns } = await import('../functions/campaigns/store.js');
  const { cosmosTemplateStore } = await import('../functions/templates/cosmos-template-store.js');
  const { compileTemplate } = await import('../functions/templates/render.js');
  for (const name of ['contacts', 'messages', 'campaigns', 'senders', 'templates', 'suppressions'] as const)
    await getContainer(name);
  const store = createCosmosContactStore();
  const started = performance.now();
  for (let i = 0; i < count; i += 1000) {
    const docs = Array.from({ length: Math.min(1000, count - i) }, (_, k) => contactDoc(i + k));
    const statuses = await store.createMany(OWNER, docs as never);
    if (statuses.some((s) => s !== 201))
      throw new Error(`seeding failed: ${statuses.find((s) => s !== 201)}`);
  }
  const seedSeconds = seconds(started);
  await senders.create(SENDER as never);
  await cosmosTemplateStore.create({
    id: TEMPLATE_ID,
    ownerId: OWNER,
    name: 'Launch',
    ...TEMPLATE,
    variables: compileTemplate(TEMPLATE).variables,
    createdAt: SENDER.createdAt,
    updatedAt: SENDER.createdAt,
  });
  await campaigns.create(campaignDoc() as never);
  return { seedSeconds };
}

async function planPhase() {
  const { seedSeconds } = await seed(CONTACTS);
  const { campaignDeps, scheduleDeps } = await import('../functions/campaigns/deps.js');
  const { planAndQueue } = await import('../functions/campaigns/schedule.js');
  const { queryOwned, writeMessages } = await import('../functions/campaigns/store.js');
  const { getQueue } = await import('../functions/_shared/storage.js');
  const { emailSendQueue } = await import('../functions/campaigns/queue.js');
  const queue = await getQueue(emailSendQueue.name); // created outside the timing

  // Where the time goes: the audience read, and the queue sends.
  const waited = { audience: 0, enqueue: 0, enqueued: 0 };
  const now = new Date();
  // As the queue handler does: planned and queried with one clock.
  const deps = { ...campaignDeps(), now: () => now };
  const pages = deps.contacts.pages.bind(deps.contacts);
  deps.contacts.pages = async function* (...args) {
    const it = pages(...args)[Symbol.asyncIterator]();
    while (true) {
      const t = performance.now();
      const next = await it.next();
      waited.audience += performance.now() - t;
      if (next.done) return;
      yield next.value;
    }
  };
  const schedule = scheduleDeps();
  const send = schedule.send;
  schedule.send = async (ownerId, campaignId, ids) => {
    const t = performance.now();
    await send(ownerId, campaignId, ids);
    waited.enqueue += performance.now() - t;
    waited.enqueued++;
  };

  // What the send-email queue's `plan` message does (functions/campaigns/function.ts).
  const t0 = performance.now();
  const { queued } = await planAndQueue(OWNER, CAMPAIGN, { ...deps, send: schedule.send });
  const t1 = performance.now();
  const total = seconds(t0);

  const stored = await queryOwned<{ status: string; id: string; to: string | null }>(
    'messages',
    OWNER,
    'c.campaignId = @c',
    [{ name: '@c', value: CAMPAIGN }],
  );
  const queueMessages = (await queue.getProperties()).approximateMessagesCount ?? 0;

  // Floor: the storage work alone — the same documents bulk-created once, the same number of
  // queue messages sent one after another (as queueDue does), of the same size.
  const floorDocs = (
    await queryOwned<Record<string, unknown>>('messages', OWNER, 'c.campaignId = @c', [
      { name: '@c', value: CAMPAIGN },
    ])
  ).map(({ _etag, _rid, _self, _ts, _attachments, ...doc }) => ({
    ...(doc as { id: string }),
    ownerId: 'bench-floor',
  }));
  const floorQueue = await getQueue('bench-floor');
  const body = Buffer.from(
    JSON.stringify({
      kind: 'send',
      ownerId: OWNER,
      campaignId: CAMPAIGN,
      messageIds: stored.slice(0, BATCH).map((m) => m.id),
    }),
  ).toString('base64');
  const f0 = performance.now();
  await writeMessages('bench-floor', floorDocs as never, 'create');
  const f1 = performance.now();
  for (let i = 0; i < waited.enqueued; i++) await floorQueue.sendMessage(body);
  const f2 = performance.now();

  return {
    contacts: CONTACTS,
    seedSeconds: round(seedSeconds, 1),
    messages: stored.length,
    skippedNoEmail: stored.filter((m) => m.status === 'skipped').length,
    queued,
    queueMessages,
    seconds: round(total),
    breakdown: {
      planAndQueue: round((t1 - t0) / 1000),
      audienceRead: round(waited.audience / 1000),
      messageCreates: round((t1 - t0 - waited.audience - waited.enqueue) / 1000),
      enqueue: round(waited.enqueue / 1000),
      enqueued: waited.enqueued,
    },
    floor: {
      seconds: round((f2 - f0) / 1000),
      bulkCreates: round((f1 - f0) / 1000),
      queueSends: round((f2 - f1) / 1000),
    },
    peakRssMB: peakRssMB(),
  };
}

async function renderPhase() {
  const Handlebars = (await import('handlebars')).default;
  const { compileTemplate, htmlToText } = await import('../functions/templates/render.js');
  const sender = { name: SENDER.name, email: SENDER.email, signature: '' };
  const contacts = Array.from({ length: RENDERS }, (_, i) => contactDoc(i));

  const ours = compileTemplate(TEMPLATE);
  const derived = compileTemplate({ ...TEMPLATE, text: null });
  const oursRun = async () => {
    let bytes = 0;
    const t = performance.now();
    for (const contact of contacts) {
      const r = await ours.render({ contact: contact as never, sender, extras: {} });
      bytes += r.html.length + r.text.length + r.subject.length;
    }
    return { seconds: seconds(t), bytes };
  };

  // Floor: Handlebars alone, the same text compiled once per part; each variable a helper over
  // the context's values, with the same fallback rule; the context built from the same fields.
  const hb = Handlebars.create();
  const names = ['firstName', 'company', 'city', 'title', 'fullName', 'senderName'];
  for (const name of names)
    hb.registerHelper(name, function (this: Record<string, string | undefined>, ...args: unknown[]) {
      const fallback = args.length > 1 && typeof args[0] === 'string' ? args[0] : '';
      return this[name] || fallback;
    });
  const subject = hb.compile(TEMPLATE.subject, { noEscape: true });
  const html = hb.compile(TEMPLATE.html);
  const text = hb.compile(TEMPLATE.text, { noEscape: true });
  const floorRun = () => {
    let bytes = 0;
    const t = performance.now();
    for (const c of contacts) {
      const ctx = {
        firstName: c.firstName,
        company: c.company,
        city: c.city,
        title: c.title,
        fullName: `${c.firstName} ${c.lastName}`,
        senderName: sender.name,
      };
      const h = html(ctx);
      bytes += h.length + text(ctx).length + subject(ctx).length;
    }
    return { seconds: seconds(t), bytes };
  };

  // Same output, or the comparison means nothing.
  const sample = await ours.render({ contact: contacts[19] as never, sender, extras: {} });
  const c19 = contacts[19]!;
  const floorCtx = { ...c19, fullName: `${c19.firstName} ${c19.lastName}`, senderName: sender.name };
  if (
    sample.html !== html(floorCtx) ||
    sample.text !== text(floorCtx) ||
    sample.subject !== subject(floorCtx)
  )
    throw new Error('the floor renders something else than compileTemplate');

  // Warm both up, then alternate three runs each and keep the medians (the machine is shared).
  await oursRun();
  floorRun();
  const floor: number[] = [];
  const mine: number[] = [];
  let bytes = { ours: 0, floor: 0 };
  for (let run = 0; run < 3; run++) {
    const f = floorRun();
    const o = await oursRun();
    floor.push(f.seconds);
    mine.push(o.seconds);
    bytes = { ours: o.bytes, floor: f.bytes };
  }
  if (bytes.ours !== bytes.floor) throw new Error(`output sizes differ: ${JSON.stringify(bytes)}`);
  // For reference, not a target: the text part derived from the HTML (no hand-written text).
  // html-to-text is slow (~1–2k/s): 10k contacts are enough for a rate.
  const derivedCount = Math.min(RENDERS, 10_000);
  const td = performance.now();
  for (const contact of contacts.slice(0, derivedCount))
    await derived.render({ contact: contact as never, sender, extras: {} });
  const derivedSeconds = seconds(td);
  const t = performance.now();
  for (let i = 0; i < 10_000; i++) htmlToText(sample.html);
  const htmlToTextPerSecond = 10_000 / seconds(t);

  const floorSeconds = median(floor);
  const oursSeconds = median(mine);
  return {
    renders: RENDERS,
    parts: 'subject + HTML + hand-written text',
    floorSeconds: round(floorSeconds, 3),
    floorSpread: `${round(Math.min(...floor), 3)}–${round(Math.max(...floor), 3)}`,
    oursSeconds: round(oursSeconds, 3),
    oursSpread: `${round(Math.min(...mine), 3)}–${round(Math.max(...mine), 3)}`,
    floorRendersPerSecond: Math.round(RENDERS / floorSeconds),
    oursRendersPerSecond: Math.round(RENDERS / oursSeconds),
    /** Our rate / the floor's rate (1 = as fast as Handlebars alone). */
    ratio: round(floorSeconds / oursSeconds),
    derivedTextRendersPerSecond: Math.round(derivedCount / derivedSeconds),
    htmlToTextPerSecond: Math.round(htmlToTextPerSecond),
    outputMB: round(bytes.ours / 1024 / 1024, 1),
    peakRssMB: peakRssMB(),
  };
}

async function sendPhase(concurrencies: number[]) {
  const { createSendGridEmail, SENDGRID_CONCURRENCY } = await import(
    '../functions/_integrations/email/sendgrid.js'
  );
  const { mapLimited } = await import('../functions/_integrations/email/concurrency.js');
  const settings = {
    SENDGRID_API_KEY: process.env.SENDGRID_API_KEY!,
    SENDGRID_API_URL: process.env.SENDGRID_API_URL!,
  };
  const body = (i: number) =>
    TEMPLATE.html.replaceAll(/\{\{(\w+)[^}]*\}\}/g, (_, name) => (name === 'firstName' ? `Ada${i}` : name));
  const emails = Array.from({ length: SENDS }, (_, i) => ({
    id: `m-${i}`,
    ownerId: OWNER,
    from: { email: SENDER.email, name: SENDER.name },
    replyTo: { email: `r-m-${i}@reply.example` },
    to: { email: `person${i}@example.com`, name: `Ada${i} Lovelace` },
    subject: `Quick question for Acme, Ada${i}`,
    html: body(i),
    text: body(i).replaceAll(/<[^>]+>/g, ''),
    headers: {
      'List-Unsubscribe': `<https://app.example/api/unsubscribe/token-${i}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
    categories: [`campaign:${CAMPAIGN}`],
  }));
  // The /v3/mail/send JSON the SDK sends for one email (what the fake answers 202 to).
  const json = (e: (typeof emails)[number]) =>
    JSON.stringify({
      from: e.from,
      subject: e.subject,
      personalizations: [{ to: [e.to] }],
      reply_to: e.replyTo,
      content: [
        { type: 'text/plain', value: e.text },
        { type: 'text/html', value: e.html },
      ],
      headers: e.headers,
      categories: e.categories,
      custom_args: { momentum_message_id: e.id, momentum_owner_id: e.ownerId },
    });

  const sdk = async (concurrency: number) => {
    const provider = createSendGridEmail(settings, { concurrency });
    await provider.send(emails.slice(0, 200)); // connections open, code warm
    const t = performance.now();
    let sent = 0;
    for (let i = 0; i < emails.length; i += BATCH)
      sent += (await provider.send(emails.slice(i, i + BATCH))).filter((r) => r.status === 'sent').length;
    const s = seconds(t);
    if (sent !== emails.length) throw new Error(`${emails.length - sent} emails not sent`);
    return { seconds: s, perSecond: Math.round(sent / s) };
  };
  const url = new URL('/v3/mail/send', settings.SENDGRID_API_URL);
  const raw = async (concurrency: number) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
    const post = (e: (typeof emails)[number]) =>
      new Promise<number>((resolve, reject) => {
        const payload = json(e);
        const req = http.request(url, {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${settings.SENDGRID_API_KEY}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        });
        req.on('response', (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', reject);
        req.end(payload);
      });
    await mapLimited(emails.slice(0, 200), concurrency, post);
    const t = performance.now();
    let sent = 0;
    for (let i = 0; i < emails.length; i += BATCH)
      sent += (await mapLimited(emails.slice(i, i + BATCH), concurrency, post)).filter(
        (s) => s === 202,
      ).length;
    const s = seconds(t);
    agent.destroy();
    if (sent !== emails.length) throw new Error(`${emails.length - sent} raw posts not accepted`);
    return { seconds: s, perSecond: Math.round(sent / s) };
  };

  const rows = [];
  for (const concurrency of concurrencies) {
    const floor = await raw(concurrency);
    const ours = await sdk(concurrency);
    rows.push({
      concurrency,
      emails: SENDS,
      floorPerSecond: floor.perSecond,
      oursPerSecond: ours.perSecond,
      oursSeconds: round(ours.seconds),
      ratio: round(ours.perSecond / floor.perSecond),
    });
  }
  return {
    rows,
    providerConcurrency: SENDGRID_CONCURRENCY,
    bodyBytes: json(emails[0]!).length,
    peakRssMB: peakRssMB(),
  };
}

/** Seeds the worker's campaign and plans it; answers the batches the queue would carry. */
async function workerSetupPhase() {
  await seed(WORKER_MESSAGES);
  const { campaignDeps } = await import('../functions/campaigns/deps.js');
  const { planAndQueue } = await import('../functions/campaigns/schedule.js');
  const batches: string[][] = [];
  // The batches the plan message would put on the queue, kept for the worker phase instead.
  await planAndQueue(OWNER, CAMPAIGN, {
    ...campaignDeps(),
    send: async (_o, _c, ids) => {
      batches.push(ids);
    },
  });
  if (!batches.length) throw new Error('planning queued nothing: the worker would have nothing to send');
  return { batches };
}

/** What the send-email queue handler does per `send` message, for every batch, in one process. */
async function workerPhase(batches: string[][]) {
  const { sendDeps } = await import('../functions/campaigns/deps.js');
  const { sendBatch } = await import('../functions/campaigns/send.js');
  const { closeIfFinished } = await import('../functions/campaigns/schedule.js');
  const { campaigns } = await import('../functions/campaigns/store.js');
  const { getContainer } = await import('../functions/_shared/cosmos/client.js');
  await getContainer('messages');
  const baselineRssMB = rssMB();
  const outcome = { sent: 0, skipped: 0, failed: 0, deferred: 0 };
  const t = performance.now();
  for (const ids of batches) {
    const o = await sendBatch(OWNER, CAMPAIGN, ids, sendDeps());
    for (const k of Object.keys(outcome) as (keyof typeof outcome)[]) outcome[k] += o[k];
    const campaign = await campaigns.find(OWNER, CAMPAIGN);
    if (campaign) await closeIfFinished(campaign, new Date());
  }
  const s = seconds(t);
  const campaign = await campaigns.find(OWNER, CAMPAIGN);
  return {
    messages: batches.flat().length,
    batches: batches.length,
    ...outcome,
    campaignStatus: campaign?.status,
    seconds: round(s, 1),
    emailsPerSecond: Math.round(outcome.sent / s),
    baselineRssMB,
    peakRssMB: peakRssMB(),
  };
}

// ---------------------------------------------------------------------------------------------
// Parent: servers, children, results
// ---------------------------------------------------------------------------------------------

type Phase = 'plan' | 'render' | 'send' | 'worker-setup' | 'worker';
const CHILD_FLAG = '--email-phase';

function child<T>(phase: Phase, env: NodeJS.ProcessEnv, input?: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, phase], { env, stdio: 'inherit' });
    if (input !== undefined) proc.send(input as never);
    proc.once('message', (m) => resolve(m as T));
    proc.once('exit', (code) => code !== 0 && reject(new Error(`${phase} exited with ${code}`)));
  });
}

async function main() {
  mkdirSync(RESULTS, { recursive: true });
  const { startCosmosServer } = await import('../dev/cosmos-server.js');
  const { startAzurite } = await import('../dev/azurite.js');
  const { startFakeSendGrid } = await import('../tests/fakes/sendgrid-server.js');
  const [cosmos, azurite, fake] = await Promise.all([
    startCosmosServer(),
    startAzurite(),
    startFakeSendGrid(),
  ]);
  fake.delayMs = 0;
  const env = (database: string): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = {
      ...process.env,
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: cosmos.key,
      COSMOS_DISABLE_ENDPOINT_DISCOVERY: 'true',
      COSMOS_DATABASE: database,
      AzureWebJobsStorage: azurite.connectionString,
      SIGNING_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      APP_BASE_URL: 'https://app.example',
      EMAIL_PROVIDER: 'sendgrid',
      SENDGRID_API_KEY: fake.apiKey,
      SENDGRID_API_URL: fake.url,
      INBOUND_REPLY_DOMAIN: 'reply.example',
    };
    delete e.COSMOS_CONNECTION_STRING;
    return e;
  };
  try {
    console.log('Render: 100k contacts, ours vs Handlebars alone…');
    const render = await child<Awaited<ReturnType<typeof renderPhase>>>('render', env('bench-render'));
    console.log(render);
    console.log('Send: SendGrid SDK to the local SendGrid-shaped server…');
    const send = await child<Awaited<ReturnType<typeof sendPhase>>>('send', env('bench-send'));
    console.log(send);
    const accepted = fake.accepted.length;
    fake.accepted.length = 0;
    console.log(`Plan + enqueue: seeding ${CONTACTS} contacts, then planning (a few minutes)…`);
    const plan = await child<Awaited<ReturnType<typeof planPhase>>>('plan', env('bench-plan'));
    console.log(plan);
    console.log(`Worker: sendBatch over ${WORKER_MESSAGES} messages in one process…`);
    const setup = await child<{ batches: string[][] }>('worker-setup', env('bench-worker'));
    const worker = await child<Awaited<ReturnType<typeof workerPhase>>>('worker', env('bench-worker'), setup);
    console.log(worker);
    const workerAccepted = fake.accepted.length;

    const best = send.rows.reduce((a, b) => (b.oursPerSecond > a.oursPerSecond ? b : a));
    const atDefault = send.rows.find((r) => r.concurrency === send.providerConcurrency)!;
    const results = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: (await import('node:os')).availableParallelism(),
      targets: TARGETS,
      planAndEnqueue: { ...plan, ratioToFloor: round(plan.seconds / plan.floor.seconds) },
      render,
      send: { ...send, acceptedByServer: accepted },
      worker: { ...worker, acceptedByServer: workerAccepted },
      verdicts: {
        planAndEnqueue: plan.seconds < TARGETS.planAndEnqueueSeconds,
        render: render.ratio >= TARGETS.renderToFloor,
        sendAtProviderConcurrency: atDefault.oursPerSecond >= TARGETS.sendsPerSecond,
        sendBest: best.oursPerSecond >= TARGETS.sendsPerSecond,
        workerRss: worker.peakRssMB < TARGETS.workerPeakRssMB,
      },
    };
    writeFileSync(new URL('email.json', RESULTS), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(new URL('email.md', RESULTS), markdown(results));
    console.log(markdown(results));
  } finally {
    await fake.close();
    await azurite.stop();
    await cosmos.stop();
  }
}

type Results = {
  date: string;
  node: string;
  cpus: number;
  planAndEnqueue: Awaited<ReturnType<typeof planPhase>> & { ratioToFloor: number };
  render: Awaited<ReturnType<typeof renderPhase>>;
  send: Awaited<ReturnType<typeof sendPhase>> & { acceptedByServer: number };
  worker: Awaited<ReturnType<typeof workerPhase>> & { acceptedByServer: number };
  verdicts: Record<string, boolean>;
};

function markdown(r: Results): string {
  const v = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const p = r.planAndEnqueue;
  const b = p.breakdown;
  const atDefault = r.send.rows.find((row) => row.concurrency === r.send.providerConcurrency)!;
  const best = r.send.rows.reduce((a, c) => (c.oursPerSecond > a.oursPerSecond ? c : a));
  const lines = [
    `# Campaign email benchmark (${r.date}, Node ${r.node}, ${r.cpus} CPUs)`,
    '',
    'One run; each figure beside a floor measured in the same run. The local Cosmos API server',
    '(dev/cosmos-server.ts, in memory) and the SendGrid-shaped server (tests/fakes/sendgrid-server.ts,',
    'no delay) run in the parent process, Azurite (dev/azurite.ts, in memory) in its own; each phase',
    'runs in a child process.',
    '',
    '## 1. Plan and enqueue a campaign to 100k contacts',
    '',
    `${p.contacts} contacts seeded through the Cosmos contact store's createMany (${p.seedSeconds} s, not counted).`,
    "Then what the send-email queue's `plan` message does: planAndQueue — planCampaign (read the audience in",
    'pages of 5,000, bulk-create one step-1 message per contact, written as queued when due now), then',
    `send batches of ${BATCH} ids to the email-send queue on Azurite, one after another, then closeIfFinished.`,
    'Floor: the storage work alone — the same documents bulk-created once through the same bulk helper,',
    'and the same number of queue messages sent one after another.',
    '',
    '| | s |',
    '|---|---:|',
    `| **total** | **${p.seconds}** |`,
    `| · audience read (contact pages) | ${b.audienceRead} |`,
    `| · message creates (bulk) | ${b.messageCreates} |`,
    `| · enqueue (${b.enqueued} queue messages) | ${b.enqueue} |`,
    `| floor: bulk create of the same ${p.messages} documents | ${p.floor.bulkCreates} |`,
    `| floor: ${b.enqueued} queue sends | ${p.floor.queueSends} |`,
    `| **floor total** | **${p.floor.seconds}** |`,
    '',
    `Messages written: ${p.messages} (${p.skippedNoEmail} skipped, no email); queued: ${p.queued};`,
    `on the queue: ${p.queueMessages}. Ratio to the floor: ${p.ratioToFloor}×. Peak RSS of the process: ${p.peakRssMB} MB.`,
    '',
    '## 2. Render',
    '',
    `compileTemplate(...).render for ${r.render.renders} contacts (${r.render.parts}; 6 variables with fallbacks)`,
    'vs the floor: Handlebars alone, the same text compiled once per part, template(ctx) per contact with the',
    'same values (each variable a helper with the same fallback rule). Both produce the same bytes',
    `(${r.render.outputMB} MB). Median of 3 alternating runs (spread: fastest–slowest).`,
    '',
    '| | s | spread | renders/s |',
    '|---|---:|---:|---:|',
    `| floor (Handlebars alone) | ${r.render.floorSeconds} | ${r.render.floorSpread} | ${r.render.floorRendersPerSecond} |`,
    `| compileTemplate().render | ${r.render.oursSeconds} | ${r.render.oursSpread} | ${r.render.oursRendersPerSecond} |`,
    '',
    `Ratio (our rate / floor rate): ${r.render.ratio}. For reference: with no hand-written text part (text derived`,
    `from the HTML by html-to-text) ${r.render.derivedTextRendersPerSecond} renders/s; htmlToText alone on this HTML`,
    `${r.render.htmlToTextPerSecond}/s.`,
    '',
    '## 3. Send',
    '',
    `${r.send.rows[0]?.emails} emails (${r.send.bodyBytes} bytes of JSON each) through createSendGridEmail (the real`,
    `@sendgrid/mail SDK, keep-alive agent, sockets = concurrency), handed over in batches of ${BATCH} as sendBatch does,`,
    'to the SendGrid-shaped server. Floor: plain node:http POSTs of the same JSON, keep-alive, same',
    `concurrency, same batches. The provider sends ${r.send.providerConcurrency} at a time (SENDGRID_CONCURRENCY) unless`,
    'told otherwise (SendGridOptions.concurrency; the registry passes none). It was 4 before this benchmark.',
    '',
    '| concurrency | floor emails/s | SDK emails/s | SDK s | ratio |',
    '|---:|---:|---:|---:|---:|',
    ...r.send.rows.map(
      (row) =>
        `| ${row.concurrency}${row.concurrency === r.send.providerConcurrency ? ' (provider default)' : ''} | ${row.floorPerSecond} | ${row.oursPerSecond} | ${row.oursSeconds} | ${row.ratio} |`,
    ),
    '',
    `Accepted by the server: ${r.send.acceptedByServer} (the measured sends plus 200 warm-up sends per run).`,
    '',
    '## 4. Worker',
    '',
    `One process runs what the queue handler does per \`send\` message — sendBatch(…, sendDeps()) then`,
    `closeIfFinished — for ${r.worker.batches} batches of ${BATCH} (${r.worker.messages} messages of one campaign), against the local`,
    `Cosmos API and the SendGrid-shaped server (the configured provider, ${r.send.providerConcurrency} in flight).`,
    '',
    `Sent ${r.worker.sent}, skipped ${r.worker.skipped}, failed ${r.worker.failed}, deferred ${r.worker.deferred}; campaign ${r.worker.campaignStatus};`,
    `accepted by the server: ${r.worker.acceptedByServer}. ${r.worker.seconds} s (${r.worker.emailsPerSecond} emails/s end to end).`,
    `RSS with the modules loaded: ${r.worker.baselineRssMB} MB; peak: ${r.worker.peakRssMB} MB.`,
    '',
    '## Targets',
    '',
    `- plan + enqueue 100k < ${TARGETS.planAndEnqueueSeconds} s: ${p.seconds} s — ${v(r.verdicts.planAndEnqueue!)} (floor ${p.floor.seconds} s, ${p.ratioToFloor}×)`,
    `- render ≥ ${TARGETS.renderToFloor}× the floor's rate: ${r.render.ratio}× — ${v(r.verdicts.render!)}`,
    `- send ≥ ${TARGETS.sendsPerSecond} emails/s at the provider's concurrency (${r.send.providerConcurrency}): ${atDefault.oursPerSecond}/s — ${v(r.verdicts.sendAtProviderConcurrency!)};` +
      ` best: ${best.oursPerSecond}/s at ${best.concurrency} — ${v(r.verdicts.sendBest!)}`,
    `- worker peak RSS < ${TARGETS.workerPeakRssMB} MB: ${r.worker.peakRssMB} MB — ${v(r.verdicts.workerRss!)}`,
  ];
  return `${lines.join('\n')}\n`;
}

const at = process.argv.indexOf(CHILD_FLAG);
if (at > 0) {
  const phase = process.argv[at + 1] as Phase;
  const input =
    phase === 'worker'
      ? await new Promise<{ batches: string[][] }>((resolve) =>
          process.once('message', (m) => resolve(m as never)),
        )
      : undefined;
  const result =
    phase === 'plan'
      ? await planPhase()
      : phase === 'render'
        ? await renderPhase()
        : phase === 'send'
          ? await sendPhase([4, 8, 16, 32])
          : phase === 'worker-setup'
            ? await workerSetupPhase()
            : await workerPhase(input!.batches);
  // Clients keep sockets open: leave once the parent has the result.
  process.send?.(result, () => process.exit(0));
} else {
  await main();
}

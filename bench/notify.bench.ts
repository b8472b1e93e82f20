/**
 * Notifications benchmark (npm run bench:notify). Not a test: it measures and reports.
 *
 * MEETINGS booked meetings of one organizer who chose SMS (Twilio) and Slack for "booked"; every
 * contact has a phone and SMS consent. One notify message per meeting goes to the `notify` queue
 * on Azurite (as the booking would), then the local host's queue runner — the same registrations
 * the Azure host gets — handles them: per meeting four notifications (contact email to the outbox,
 * contact SMS, organizer SMS, organizer Slack), each claimed and settled as a delivery record in
 * the local Cosmos API. Reported: notifications per second from the first enqueue to the last
 * provider call, p50 / p95 delay from a message's enqueue to its contact's SMS reaching the local
 * Twilio server, and duplicates (vendor calls beyond one per notification: must be 0).
 *
 * The vendor servers and the queue runner share this process; the Cosmos API server and Azurite
 * run in their own, as Cosmos DB and Storage are their own services on Azure. Writes
 * bench/results/notify.json and notify.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startAzurite } from '../dev/azurite.js';
import { COSMOS_EMULATOR_KEY } from '../dev/cosmos-server.js';
import { loadFunctions } from '../dev/host.js';
import { startQueueTriggers } from '../dev/queue-runner.js';
import { startFakeSlack } from '../tests/fakes/slack-server.js';
import { startFakeTwilio } from '../tests/fakes/twilio-server.js';
import { startCosmosProcess } from './support/cosmos-process.js';

const MEETINGS = Number(process.env.NOTIFY_BENCH_MEETINGS ?? 2500);
const BATCH = Number(process.env.NOTIFY_BENCH_BATCH ?? 32);
const OWNER = 'bench-owner';
const TARGET_PER_SECOND = 500;
const RESULTS = new URL('./results/', import.meta.url);

/** An array whose pushes are timed: when each provider call reached the local server. */
class Timed<T> extends Array<T> {
  readonly times: number[] = [];
  override push(...items: T[]): number {
    for (const _ of items) this.times.push(performance.now());
    return super.push(...items);
  }
}

const phoneOf = (i: number) => `+4479${String(11_000_000 + i).padStart(8, '0')}`;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function main() {
  const [cosmos, azurite, twilio, slack] = await Promise.all([
    startCosmosProcess(),
    startAzurite({ quiet: true }),
    startFakeTwilio(),
    startFakeSlack(),
  ]);
  const sms = new Timed<(typeof twilio.accepted)[number]>();
  twilio.accepted = sms;
  Object.assign(process.env, {
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: COSMOS_EMULATOR_KEY,
    COSMOS_DISABLE_ENDPOINT_DISCOVERY: 'true',
    COSMOS_DATABASE: `bench-notify-${randomBytes(4).toString('hex')}`,
    AzureWebJobsStorage: azurite.connectionString,
    SIGNING_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    CREDENTIAL_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    TWILIO_API_URL: twilio.url,
    SLACK_API_URL: slack.apiUrl,
    APP_BASE_URL: 'https://meet.example',
  });

  const { putChannelConnection } = await import('../functions/notifications/connections.js');
  const { connectionDeps } = await import('../functions/notifications/deps.js');
  const { cosmosPreferenceStore } = await import('../functions/notifications/cosmos-stores.js');
  const { putNotificationPreferences, DEFAULT_NOTIFICATION_PREFERENCES } = await import(
    '../functions/notifications/preferences.js'
  );
  const { createCosmosContactStore } = await import('../functions/contacts/cosmos-contact-store.js');
  const { getContainer } = await import('../functions/_shared/cosmos/client.js');
  const { enqueue, getQueue } = await import('../functions/_shared/storage.js');
  const { notifyQueue } = await import('../functions/notify/queue.js');

  // The organizer's setup, as the API would write it.
  const deps = connectionDeps();
  await putChannelConnection(
    OWNER,
    'sms-twilio',
    { accountSid: twilio.accountSid, authToken: twilio.authToken, from: '+14155552671' },
    deps,
  );
  await putChannelConnection(OWNER, 'slack', { botToken: slack.botToken, channel: '#meetings' }, deps);
  await putNotificationPreferences(
    OWNER,
    {
      ...DEFAULT_NOTIFICATION_PREFERENCES,
      events: { ...DEFAULT_NOTIFICATION_PREFERENCES.events, booked: ['sms', 'slack'] },
      phone: '+447911123789',
    },
    cosmosPreferenceStore,
    new Date(),
  );

  // Contacts with consent, and their meetings.
  const at = new Date().toISOString();
  const contacts = createCosmosContactStore();
  const meetings = await getContainer('meetings');
  const settings = await getContainer('settings');
  // items.bulk takes at most 100 operations per partition.
  for (let i = 0; i < MEETINGS; i += 100) {
    const n = Math.min(100, MEETINGS - i);
    const ids = Array.from({ length: n }, (_, k) => i + k);
    await contacts.createMany(
      OWNER,
      ids.map((j) => ({
        id: `c-${j}`,
        ownerId: OWNER,
        email: `person${j}@example.com`,
        firstName: `Ada${j}`,
        phone: phoneOf(j),
        status: 'new',
        source: 'manual',
        flags: [],
        tags: [],
        searchText: '',
        tagKeys: [],
        createdAt: at,
        updatedAt: at,
      })) as never,
    );
    await settings.items.bulk(
      ids.map((j) => ({
        operationType: 'Create' as const,
        resourceBody: {
          id: `consent-c-${j}`,
          ownerId: OWNER,
          contactId: `c-${j}`,
          sms: { granted: true, at, source: 'bench' },
          whatsapp: null,
          updatedAt: at,
        },
        partitionKey: OWNER,
      })),
    );
    await meetings.items.bulk(
      ids.map((j) => ({
        operationType: 'Create' as const,
        partitionKey: OWNER,
        resourceBody: meetingDoc(j, at),
      })),
    );
  }

  const registrations = (await loadFunctions(path.resolve(import.meta.dirname, '../functions'))).filter(
    (r) => r.kind === 'queue' && r.name === 'notify',
  );
  await getQueue(notifyQueue.name);
  const enqueuedAt = new Map<string, number>();
  const runner = startQueueTriggers(registrations, {
    connectionString: azurite.connectionString,
    log: process.env.NOTIFY_BENCH_LOG ? (line) => console.log(line) : () => undefined,
    batchSize: BATCH,
    maxPollMs: 50,
  });
  const started = performance.now();
  // Bookings arrive from many instances at once: 16 enqueues in flight, so enqueueing is not the limit.
  let next = 0;
  const enqueuer = async () => {
    for (let j = next++; j < MEETINGS; j = next++) {
      enqueuedAt.set(phoneOf(j), performance.now());
      await enqueue(notifyQueue, { ownerId: OWNER, meetingId: `m-${j}`, notice: 'booked', sequence: 0 });
    }
  };
  await Promise.all(Array.from({ length: 16 }, enqueuer));
  const enqueueSeconds = (performance.now() - started) / 1000;
  const expectedSms = MEETINGS * 2;
  const deadline = Date.now() + 30 * 60_000;
  while ((sms.length < expectedSms || slack.posted.length < MEETINGS) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 50));
  const lastCall = Math.max(...sms.times, performance.now() - 1);
  await new Promise((r) => setTimeout(r, 2000)); // anything sent twice would arrive by now
  await runner.stop();

  const delays = sms
    .map((a, i) => ({ to: a.form.To!, at: sms.times[i]! }))
    .filter((a) => enqueuedAt.has(a.to))
    .map((a) => a.at - enqueuedAt.get(a.to)!)
    .sort((a, b) => a - b);
  const { resources: outbox } = await (await getContainer('outbox')).items
    .query<number>('SELECT VALUE COUNT(1) FROM c')
    .fetchAll();
  const notifications = sms.length + slack.posted.length + (outbox[0] ?? 0);
  const seconds = (lastCall - started) / 1000;
  const smsSent = sms.length;
  const slackSent = slack.posted.length;
  // The floor, in the same run: the same SMS and Slack calls made straight through the channels
  // (no queue, no Cosmos, no routing), BATCH at a time — what the vendor servers and SDKs allow here.
  const floor = await channelsAlone(twilio, slack, Math.min(MEETINGS, 1000));

  const result = {
    meetings: MEETINGS,
    notifications,
    expected: MEETINGS * 4,
    duplicates: Math.max(0, smsSent - expectedSms) + Math.max(0, slackSent - MEETINGS),
    seconds: Number(seconds.toFixed(2)),
    notificationsPerSecond: Math.round(notifications / seconds),
    targetPerSecond: TARGET_PER_SECOND,
    p50DelayMs: Math.round(pct(delays, 0.5)),
    p95DelayMs: Math.round(pct(delays, 0.95)),
    queueBatchSize: BATCH,
    floor,
    /** The pipeline's rate as a share of the channels-alone floor. */
    ratioToFloor: Number((notifications / seconds / floor.perSecond).toFixed(3)),
    /** How long putting the messages on the queue took (one at a time, as bookings do). */
    enqueueSeconds: Number(enqueueSeconds.toFixed(2)),
    node: process.version,
    at: new Date().toISOString(),
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(new URL('notify.json', RESULTS), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(
    new URL('notify.md', RESULTS),
    [
      '# Notifications benchmark',
      '',
      `${result.meetings} booking notices → ${result.notifications} of ${result.expected} notifications (email, 2 SMS, Slack each) in ${result.seconds} s: **${result.notificationsPerSecond}/s** (target ${TARGET_PER_SECOND}/s), duplicates **${result.duplicates}**.`,
      `Enqueue → contact's SMS at the Twilio server: p50 ${result.p50DelayMs} ms, p95 ${result.p95DelayMs} ms (all enqueued at once, in ${result.enqueueSeconds} s: the delay includes the backlog).`,
      '',
      `Floor, same run: ${floor.sends} SMS and Slack sends straight through the channels (no queue, Cosmos or routing), ${BATCH} at a time: **${floor.perSecond}/s**. The pipeline runs at **${result.ratioToFloor}×** the floor.`,
      '',
      'One process holds the vendor servers and the queue runner (batch ' +
        `${BATCH}); the Cosmos API server and Azurite run in their own. ${result.node}, ${result.at}.`,
      '',
    ].join('\n'),
  );
  console.log(JSON.stringify(result, null, 2));
  await Promise.all([twilio.close(), slack.close()]);
  await azurite.stop();
  await cosmos.stop();
}

/** SMS (two per meeting) and Slack (one) sent directly through the channel objects, BATCH at a time. */
async function channelsAlone(
  twilio: Awaited<ReturnType<typeof startFakeTwilio>>,
  slack: Awaited<ReturnType<typeof startFakeSlack>>,
  meetings: number,
) {
  const { createTwilioSmsChannel } = await import('../functions/_integrations/channels/sms-twilio.js');
  const { createSlackChannel } = await import('../functions/_integrations/channels/slack.js');
  const smsChannel = createTwilioSmsChannel({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    from: '+14155552671',
    apiUrl: twilio.url,
  });
  const slackChannel = createSlackChannel({
    botToken: slack.botToken,
    channel: '#meetings',
    apiUrl: slack.apiUrl,
  });
  const sends = Array.from({ length: meetings }, (_, j) => [
    () => smsChannel.send(floorNotice(`floor-sms-c-${j}`, phoneOf(j))),
    () => smsChannel.send(floorNotice(`floor-sms-o-${j}`, '+447911123789')),
    () => slackChannel.send(floorNotice(`floor-slack-${j}`)),
  ]).flat();
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: BATCH }, async () => {
      while (next < sends.length) await sends[next++]!();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    sends: sends.length,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(sends.length / seconds),
  };
}

const floorNotice = (id: string, phone?: string) => ({
  id,
  ownerId: OWNER,
  from: { name: 'Hana Host', email: 'hana@example.com' },
  to: { name: 'Ada', ...(phone ? { phone } : {}) },
  subject: 'New meeting: Intro call with Ada — Mon 4 Jan 2027, 09:00–09:30 (London time)',
  text: 'Ada booked an Intro call with you.\nWhen: Mon 4 Jan 2027, 09:00–09:30 (London time)\nJoin: https://meet.jit.si/momentum-1',
  html: '<p>Ada booked an Intro call with you.</p>',
});

function meetingDoc(j: number, at: string) {
  const start = new Date(Date.UTC(2027, 0, 4, 9) + j * 3_600_000).toISOString();
  return {
    id: `m-${j}`,
    ownerId: OWNER,
    title: `Intro call: Hana Host and Ada${j}`,
    start,
    end: new Date(Date.parse(start) + 1_800_000).toISOString(),
    status: 'booked',
    source: 'booking-page',
    contactId: `c-${j}`,
    contact: { name: `Ada${j}`, email: `person${j}@example.com` },
    meetingType: { id: 'intro', name: 'Intro call', location: 'video', durationMinutes: 30 },
    organizer: { name: 'Hana Host', email: 'hana@example.com' },
    organizerZone: 'Europe/London',
    contactZone: 'Europe/London',
    joinUrl: `https://meet.jit.si/momentum-${j}`,
    videoProvider: 'jitsi',
    calendar: { provider: 'local', eventId: `evt-${j}`, connectionId: null },
    claimId: `m-${j}`,
    claimDays: [start.slice(0, 10)],
    sequence: 0,
    note: '',
    createdAt: at,
    updatedAt: at,
    cancelledAt: null,
    cancelReason: '',
    events: [],
  };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

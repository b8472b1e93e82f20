// Bot turn latency (npm run bench:bot). One run, nothing asserted on time.
//
// The deterministic bot as Azure Bot Service would reach it — each turn is the registered
// `bot-messages` handler called with a real Activity (expectReplies), so it includes the
// adapter, the rate limits, the state read and eTag write, the transcript and the ports — over
// the local Cosmos API server (in memory, this process) and Azurite. Scripted conversations of
// seven turns (join with the booking link, name, email, company, need → three times offered,
// "1" → booked, a thank-you) until BOT_BENCH_TURNS turns. The floor, timed in the same run: the
// booking use case alone (bookMeeting with the same deps) and the slot search alone.
//
// Writes bench/results/bot.json and bot.md. Options (env): BOT_BENCH_TURNS (1000),
// BOT_BENCH_FLOOR_RUNS (50).

import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import azureFunctions, { type HttpHandler } from '@azure/functions';
import { round, type Summary, summarize } from './booking/measure.js';

const TURNS = Number(process.env.BOT_BENCH_TURNS ?? 1000);
const FLOOR_RUNS = Number(process.env.BOT_BENCH_FLOOR_RUNS ?? 50);
const TARGET_P95_MS = 50;
const RESULTS = new URL('./results/', import.meta.url);

/** Nearest-rank p95 (measure.ts reports p50 and p99). */
function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? 0);
}
const describe = (samples: number[]): Summary & { p95: number } => ({
  ...summarize(samples),
  p95: p95(samples),
});

async function run() {
  const { startCosmosServer } = await import('../dev/cosmos-server.js');
  const { startAzurite } = await import('../dev/azurite.js');
  const [cosmos, azurite] = await Promise.all([startCosmosServer(), startAzurite()]);
  Object.assign(process.env, {
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: cosmos.key,
    COSMOS_DISABLE_ENDPOINT_DISCOVERY: 'true',
    COSMOS_DATABASE: 'bench-bot',
    AzureWebJobsStorage: azurite.connectionString,
    SIGNING_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    BOT_RATE_LIMIT_PER_HOUR: '100000000',
    BOT_RATE_LIMIT_PER_DAY: '100000000',
  });
  delete process.env.COSMOS_CONNECTION_STRING;
  delete process.env.BOT_LLM_MODEL;
  try {
    const { listRegistrations } = await import('../functions/_shared/registry.js');
    await import('../functions/bot/function.js');
    const { putAvailability, DEFAULT_MEETING_TYPES } = await import(
      '../functions/availability/availability.js'
    );
    const { cosmosAvailabilityStore } = await import(
      '../functions/availability/cosmos-availability-store.js'
    );
    const { parseAvailabilityRules } = await import('../functions/_shared/scheduling/rules.js');
    const { bookingToken } = await import('../functions/booking/tokens.js');
    const { bookingDeps } = await import('../functions/booking/deps.js');
    const { bookMeeting } = await import('../functions/confirm-meeting/confirm.js');
    const { bookingSetup, searchSlots } = await import('../functions/suggest-slots/slots.js');

    const ownerId = 'bench-organizer';
    const hours = [{ start: '09:00', end: '17:00' }];
    await putAvailability(
      ownerId,
      {
        rules: parseAvailabilityRules({
          timeZone: 'America/New_York',
          weeklyHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
          minimumNoticeMinutes: 0,
          maxDaysAhead: 120,
        }),
        meetingTypes: DEFAULT_MEETING_TYPES,
        etag: null,
      },
      { store: cosmosAvailabilityStore, now: () => new Date() },
      { name: 'Olivia Organizer', email: 'olivia@example.com' },
    );
    const token = bookingToken(
      { ownerId, contactId: '', meetingTypeId: 'intro', name: '', email: '' },
      new Date(),
    ).token;

    const handler = (
      listRegistrations().find((r) => r.name === 'bot-messages')!.options as {
        handler: HttpHandler;
      }
    ).handler;
    const turn = async (conversation: string, fields: Record<string, unknown>) => {
      const req = new azureFunctions.HttpRequest({
        method: 'POST',
        url: 'http://localhost/api/messages',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1' },
        body: {
          string: JSON.stringify({
            type: 'message',
            channelId: 'webchat',
            deliveryMode: 'expectReplies',
            serviceUrl: 'https://webchat.botframework.com/',
            localTimezone: 'Europe/London',
            from: { id: `visitor-${conversation}` },
            recipient: { id: 'bot' },
            conversation: { id: conversation },
            ...fields,
          }),
        },
      });
      const t = performance.now();
      const res = await handler(req, new azureFunctions.InvocationContext({ functionName: 'bot-messages' }));
      const ms = performance.now() - t;
      if ((res as { status?: number }).status !== 200)
        throw new Error(`turn answered ${(res as { status?: number }).status}`);
      return {
        ms,
        replies: ((res as { jsonBody?: { activities?: { text: string }[] } }).jsonBody?.activities ?? []).map(
          (a) => a.text,
        ),
      };
    };

    const script = (i: number): [string, Record<string, unknown>][] => [
      [
        'join',
        {
          type: 'conversationUpdate',
          membersAdded: [{ id: `visitor-${i}` }],
          channelData: { bookingToken: token },
        },
      ],
      ['lead', { text: `Visitor Number${String.fromCharCode(65 + (i % 26))}` }],
      ['lead', { text: `visitor${i}@example.com` }],
      ['lead', { text: 'Acme' }],
      ['offer', { text: 'A demo for the team' }],
      ['book', { text: '1' }],
      ['after', { text: 'thanks' }],
    ];

    console.log('Warming up…');
    for (const [, fields] of script(-1)) await turn('warm', fields);

    console.log(`Running ${TURNS} turns…`);
    const byKind: Record<string, number[]> = {};
    const all: number[] = [];
    let booked = 0;
    const started = performance.now();
    for (let c = 0; all.length < TURNS; c++) {
      for (const [kind, fields] of script(c)) {
        if (all.length === TURNS) break;
        const { ms, replies } = await turn(`bench-${c}`, fields);
        if (kind === 'book' && replies[0]?.startsWith("You're booked")) booked++;
        all.push(ms);
        byKind[kind] = [...(byKind[kind] ?? []), ms];
      }
    }
    const wallMs = performance.now() - started;

    console.log('Timing the floor (the booking use case and the slot search alone)…');
    const deps = bookingDeps();
    const setup = await bookingSetup(ownerId, 'intro', deps, { activeOnly: true });
    const search = await searchSlots(
      ownerId,
      setup,
      { contact: { timeZone: 'Europe/London' }, suggestions: 0 },
      deps,
    );
    const free = search.slots.slice(-FLOOR_RUNS * 3);
    const bookSamples: number[] = [];
    const searchSamples: number[] = [];
    for (let i = 0; i < FLOOR_RUNS; i++) {
      let t = performance.now();
      await searchSlots(
        ownerId,
        await bookingSetup(ownerId, 'intro', bookingDeps(), { activeOnly: true }),
        { contact: { timeZone: 'Europe/London' }, suggestions: 3 },
        bookingDeps(),
      );
      searchSamples.push(performance.now() - t);
      const slot = free[i * 3]!;
      t = performance.now();
      await bookMeeting(
        {
          ownerId,
          meetingTypeId: 'intro',
          start: slot.start,
          contact: { name: `Floor ${i}`, email: `floor${i}@example.com`, timeZone: 'Europe/London' },
          source: 'bot',
          by: 'contact',
          activeOnly: true,
        },
        bookingDeps(),
      );
      bookSamples.push(performance.now() - t);
    }

    const turns = describe(all);
    const result = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      turns: { ...turns, wallMs: round(wallMs), conversations: byKind.join?.length ?? 0, booked },
      byKind: Object.fromEntries(Object.entries(byKind).map(([k, v]) => [k, describe(v)])),
      floor: { bookMeeting: describe(bookSamples), slotSearch: describe(searchSamples) },
      target: { p95Ms: TARGET_P95_MS, met: turns.p95 < TARGET_P95_MS },
    };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(new URL('bot.json', RESULTS), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(new URL('bot.md', RESULTS), markdown(result));
    console.log(markdown(result));
  } finally {
    await azurite.stop();
    await cosmos.stop();
  }
}

function markdown(r: {
  date: string;
  machine: { cpus: number; node: string };
  turns: Summary & { p95: number; wallMs: number; conversations: number; booked: number };
  byKind: Record<string, Summary & { p95: number }>;
  floor: Record<string, Summary & { p95: number }>;
  target: { p95Ms: number; met: boolean };
}): string {
  const row = (name: string, s: Summary & { p95: number }) =>
    `| ${name} | ${s.calls} | ${s.p50} | ${s.p95} | ${s.p99} | ${s.mean} |`;
  return [
    `# Bot turn latency (${r.date}, ${r.machine.cpus} CPUs, Node ${r.machine.node})`,
    '',
    `${r.turns.calls} turns in ${r.turns.conversations} scripted conversations (${r.turns.booked} booked), ` +
      `${round(r.turns.wallMs / 1000, 1)} s. Target p95 < ${r.target.p95Ms} ms: ${r.target.met ? 'met' : 'not met'}.`,
    '',
    '| ms | calls | p50 | p95 | p99 | mean |',
    '|---|---|---|---|---|---|',
    row('every turn', r.turns),
    ...Object.entries(r.byKind).map(([k, s]) => row(`turn: ${k}`, s)),
    ...Object.entries(r.floor).map(([k, s]) => row(`floor: ${k} alone`, s)),
    '',
  ].join('\n');
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});

// Busy-time cache (npm run bench:calendars). One run; every figure beside a floor measured in the
// same run; nothing is asserted on time.
//
// One organizer with 3 connected calendars: Radicale (CalDAV, Debian's package) with 2,000 events
// of which 400 weekly series, the Google-shaped server with 2,000 (400 weekly series) and the
// Graph-shaped server (https, throwaway CA) with 2,000 (400 weekly series). Each is read through
// its real provider (tsdav, @googleapis/calendar, the Graph client); the Cosmos API server
// (dev/cosmos-server.ts, in memory) holds the connections, the ledger and the cache.
//
// The measured call is suggest-slots' use case (searchSlots with bookingDeps(), as the endpoint
// runs it, over the whole booking window), one request at a time:
//   cold  — the three cache entries emptied before each request (each calendar read, then kept);
//   warm  — the entries kept (read from Cosmos, no vendor call);
//   floor — the same search for an organizer with no connected calendar (Cosmos + the engine).
// Vendor calls per request are counted at the three servers (a counting proxy in front of
// Radicale). Cold and warm must return the same slots (exit code 1 otherwise).
//
// Writes bench/results/calendars.json and calendars.md. Options (env): CALENDARS_BENCH_COLD_RUNS
// (15), CALENDARS_BENCH_WARM_RUNS (200), CALENDARS_BENCH_EVENTS (2000).

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { Agent, fetch as undiciFetch } from 'undici';
import { startCosmosServer } from '../dev/cosmos-server.js';
import { startRadicale } from '../dev/radicale.js';
import { anotherCalDavApp, icsFromAnotherApp } from '../tests/fakes/caldav-another-app.js';
import { googleSettingsFor, startFakeGoogleCalendar } from '../tests/fakes/google-calendar-server.js';
import { microsoftSettingsFor, startFakeMicrosoftGraph } from '../tests/fakes/microsoft-graph-server.js';
import { round } from './booking/measure.js';

const COLD_RUNS = Number(process.env.CALENDARS_BENCH_COLD_RUNS ?? 15);
const WARM_RUNS = Number(process.env.CALENDARS_BENCH_WARM_RUNS ?? 200);
const EVENTS = Number(process.env.CALENDARS_BENCH_EVENTS ?? 2000);
const SERIES = Math.round(EVENTS / 5);
const TARGET = { warmP95Ms: 50, warmVendorCalls: 0 };
const DAY = 86_400_000;
const RESULTS = new URL('./results/', import.meta.url);

const pct = (samples: number[], q: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0);
};

/** Event n: any hour of a day within -60…+120 days (a fifth are weekly series of 20). */
function eventAt(n: number) {
  const day = Math.floor(Date.now() / DAY) - 60 + (n % 180);
  const hour = (n * 7) % 24;
  const start = day * DAY + hour * 3_600_000 + ((n * 13) % 4) * 900_000;
  return { start: new Date(start), end: new Date(start + (30 + (n % 3) * 30) * 60_000), weekly: n < SERIES };
}

const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

async function main() {
  const loadBefore = loadavg().map((n) => round(n));
  const [cosmos, radicale, google, ms] = await Promise.all([
    startCosmosServer(),
    startRadicale(),
    startFakeGoogleCalendar(),
    startFakeMicrosoftGraph(),
  ]);
  // Radicale behind a proxy that counts what the provider asks of it.
  let caldavCalls = 0;
  const radicalePort = Number(new URL(radicale.url).port);
  const proxy = createServer((req, res) => {
    caldavCalls++;
    const upstream = request(
      { host: '127.0.0.1', port: radicalePort, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const caldavUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`;

  Object.assign(process.env, {
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: cosmos.key,
    COSMOS_DISABLE_ENDPOINT_DISCOVERY: 'true',
    COSMOS_DATABASE: `bench-${randomUUID().slice(0, 8)}`,
    CREDENTIAL_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    SIGNING_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    CALENDAR_BUSY_CACHE_MINUTES: '60',
    // Nothing is queued (no booking); the setting is required all the same.
    AzureWebJobsStorage: 'UseDevelopmentStorage=true',
    ...googleSettingsFor(google),
    ...microsoftSettingsFor(ms),
  });
  const trust = new Agent({ connect: { ca: ms.ca } });
  const { useMicrosoftFetchForTests: routeGraphCalls } = await import(
    '../functions/_integrations/calendar/microsoft-client.js'
  );
  routeGraphCalls(((input: string, init?: RequestInit) =>
    undiciFetch(input, { ...(init as object), dispatcher: trust })) as unknown as typeof fetch);
  const { bookingDeps } = await import('../functions/booking/deps.js');
  const { bookingSetup, searchSlots } = await import('../functions/suggest-slots/slots.js');
  const { sealCredentials } = await import('../functions/calendars/connections.js');
  const { cosmosBusyCacheStore, cosmosConnectionStore } = await import('../functions/calendars/store.js');

  // Seed the three calendars.
  const seedStart = performance.now();
  const other = await anotherCalDavApp({
    serverUrl: radicale.url,
    username: radicale.username,
    password: radicale.password,
  });
  const work = await other.newCalendar('Work');
  for (let n = 0; n < EVENTS; n += 25) {
    await Promise.all(
      Array.from({ length: Math.min(25, EVENTS - n) }, (_, i) => {
        const e = eventAt(n + i);
        return other.put(
          work,
          `e${n + i}.ics`,
          icsFromAnotherApp(
            'BEGIN:VEVENT',
            `UID:bench-${n + i}@another.app`,
            'DTSTAMP:20260101T000000Z',
            `DTSTART:${stamp(e.start)}`,
            `DTEND:${stamp(e.end)}`,
            ...(e.weekly ? ['RRULE:FREQ=WEEKLY;COUNT=20'] : []),
            'SUMMARY:Busy',
            'END:VEVENT',
          ),
        );
      }),
    );
  }
  for (let n = 0; n < EVENTS; n++) {
    const e = eventAt(n);
    google.putEvent(google.email, {
      id: `benchevent${n}`,
      summary: 'Busy',
      start: { dateTime: e.start.toISOString() },
      end: { dateTime: e.end.toISOString() },
      ...(e.weekly ? { recurrence: ['RRULE:FREQ=WEEKLY;COUNT=20'] } : {}),
    });
  }
  const graphCalendarId = await defaultGraphCalendar(ms.url, ms.grant().accessToken, trust);
  for (let n = 0; n < EVENTS; n++) {
    const e = eventAt(n);
    ms.putEvent(graphCalendarId, {
      id: `AAMkADbench${n}`,
      subject: 'Busy',
      showAs: 'busy',
      start: { dateTime: e.start.toISOString().slice(0, 19), timeZone: 'UTC' },
      end: { dateTime: e.end.toISOString().slice(0, 19), timeZone: 'UTC' },
      ...(e.weekly
        ? {
            recurrence: {
              pattern: { type: 'weekly', interval: 1 },
              range: { type: 'numbered', numberOfOccurrences: 20 },
            },
          }
        : {}),
    });
  }
  const seedMs = round(performance.now() - seedStart, 0);

  const owner = 'bench-owner';
  const at = new Date().toISOString();
  const connection = (kind: 'caldav' | 'google' | 'microsoft', secret: Record<string, string>, over = {}) => {
    const id = randomUUID();
    return cosmosConnectionStore.create({
      id,
      ownerId: owner,
      kind,
      label: kind,
      serverUrl: kind === 'caldav' ? caldavUrl : kind === 'google' ? 'https://www.googleapis.com' : ms.url,
      username: kind === 'caldav' ? radicale.username : kind,
      secret: sealCredentials(secret, owner, id),
      status: 'ok',
      lastError: null,
      checkedAt: at,
      calendars: [],
      readCalendarUrls: [],
      writeCalendarUrl: null,
      createdAt: at,
      updatedAt: at,
      ...over,
    });
  };
  const connections = await Promise.all([
    connection('caldav', { password: radicale.password }, { readCalendarUrls: [work] }),
    connection('google', google.grant()),
    connection('microsoft', ms.grant()),
  ]);

  const vendorCalls = () => caldavCalls + google.requests.length + ms.requests.length;
  const search = async (ownerId: string) => {
    const deps = bookingDeps();
    const setup = await bookingSetup(ownerId, undefined, deps);
    return searchSlots(ownerId, setup, {}, deps);
  };
  const empty = () =>
    Promise.all(connections.map((c) => cosmosBusyCacheStore.empty(owner, c.id, Date.now())));

  async function measure(runs: number, ownerId: string, before?: () => Promise<unknown>) {
    const samples: number[] = [];
    const calls: number[] = [];
    let slots: string[] = [];
    for (let i = 0; i < runs; i++) {
      await before?.();
      const v = vendorCalls();
      const t = performance.now();
      const result = await search(ownerId);
      samples.push(performance.now() - t);
      calls.push(vendorCalls() - v);
      slots = result.slots.map((s) => s.start);
    }
    return {
      runs,
      p50: pct(samples, 0.5),
      p95: pct(samples, 0.95),
      max: pct(samples, 1),
      vendorCallsPerRequest: round(calls.reduce((a, b) => a + b, 0) / runs),
      slots,
    };
  }

  // Untimed warm-up of every path (module loading, connections, JIT).
  await empty();
  await search(owner);
  await search(owner);
  await search('bench-floor');
  const cold = await measure(COLD_RUNS, owner, empty);
  const warm = await measure(WARM_RUNS, owner);
  const floor = await measure(WARM_RUNS, 'bench-floor');
  const sameSlots = JSON.stringify(cold.slots) === JSON.stringify(warm.slots);
  const entry = await cosmosBusyCacheStore.read(owner, connections[0]!.id);

  const result = {
    at: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadBefore,
    loadAfter: loadavg().map((n) => round(n)),
    events: { perCalendar: EVENTS, weeklySeriesPerCalendar: SERIES, seedMs },
    cachedIntervalsCalDav: entry?.busy?.length ?? 0,
    cold: { ...cold, slots: cold.slots.length },
    warm: { ...warm, slots: warm.slots.length },
    floor: { ...floor, slots: floor.slots.length },
    ratios: {
      warmP95OverFloorP95: round(warm.p95 / floor.p95),
      coldP50OverWarmP50: round(cold.p50 / warm.p50),
    },
    target: TARGET,
    targetMet: warm.p95 < TARGET.warmP95Ms && warm.vendorCallsPerRequest === TARGET.warmVendorCalls,
    sameSlots,
  };
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(new URL('calendars.json', RESULTS), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(new URL('calendars.md', RESULTS), markdown(result));
  console.log(markdown(result));

  routeGraphCalls(undefined);
  await trust.close();
  proxy.close();
  await Promise.all([google.close(), ms.close(), radicale.stop(), cosmos.stop()]);
  if (!sameSlots) {
    console.error('Cold and warm searches returned different slots.');
    process.exitCode = 1;
  }
}

/** The id of the Graph account's default calendar, as the provider would find it. */
async function defaultGraphCalendar(base: string, token: string, trust: Agent): Promise<string> {
  const res = await undiciFetch(`${base}/v1.0/me/calendar`, {
    headers: { authorization: `Bearer ${token}` },
    dispatcher: trust,
  });
  return ((await res.json()) as { id: string }).id;
}

type Result = {
  at: string;
  node: string;
  cpus: number;
  loadBefore: number[];
  loadAfter: number[];
  events: { perCalendar: number; weeklySeriesPerCalendar: number; seedMs: number };
  cachedIntervalsCalDav: number;
  cold: Row;
  warm: Row;
  floor: Row;
  ratios: { warmP95OverFloorP95: number; coldP50OverWarmP50: number };
  targetMet: boolean;
  sameSlots: boolean;
};
type Row = {
  runs: number;
  p50: number;
  p95: number;
  max: number;
  vendorCallsPerRequest: number;
  slots: number;
};

function markdown(r: Result): string {
  const row = (name: string, x: Row) =>
    `| ${name} | ${x.runs} | ${x.p50} | ${x.p95} | ${x.max} | ${x.vendorCallsPerRequest} | ${x.slots} |`;
  return `# Calendars benchmark (${r.at}, Node ${r.node}, ${r.cpus} CPUs)

One run; each figure beside a floor measured in the same run; nothing asserted on time. suggest-slots'
use case (searchSlots with bookingDeps(), the whole booking window) for one organizer with 3 connected
calendars — Radicale (CalDAV), the Google-shaped and the Graph-shaped servers — each holding
${r.events.perCalendar} events (${r.events.weeklySeriesPerCalendar} of them weekly series of 20), read
through the real providers; one request at a time. Seeding took ${r.events.seedMs} ms. Load average
before ${r.loadBefore.join(' / ')}, after ${r.loadAfter.join(' / ')}.

| run | requests | p50 ms | p95 ms | max ms | vendor calls / request | slots |
|---|---:|---:|---:|---:|---:|---:|
${row('cold (cache emptied before each)', r.cold)}
${row('**warm** (cache kept)', r.warm)}
${row('floor: no connected calendar', r.floor)}

- warm p95 is **${r.ratios.warmP95OverFloorP95}×** the floor's p95; cold p50 is ${r.ratios.coldP50OverWarmP50}× warm p50.
- Target (warm p95 < 50 ms with 0 vendor calls): **${r.targetMet ? 'met' : 'not met'}**.
- Cold and warm returned the same slots: ${r.sameSlots}. The CalDAV entry holds ${r.cachedIntervalsCalDav} merged busy intervals.
`;
}

await main();

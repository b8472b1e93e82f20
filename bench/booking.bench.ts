// Booking under load (npm run bench:booking). One run; every figure beside a floor measured in the
// same run; nothing is asserted on time.
//
// The app is the server the integration tests drive (dev/app-server in front of the real function
// registrations, bench/booking/app-child.ts) in its own process; the Cosmos API server
// (dev/cosmos-server.ts, in memory) runs in this process, Azurite (dev/azurite.ts) in its own, and
// autocannon (bench/booking/load-child.ts) in its own. One organizer (New York, weekday hours with
// a lunch break, 15/10 min buffers, 14 days ahead, at most 6 a day), 5 calendars × 4 events a working
// day in the local calendar provider, a few meetings booked through the API, one signed booking
// link per seeded contact; each request picks a random link. BOOKING_RATE_LIMIT_PER_LINK and
// _PER_CLIENT are set far above the load: the limiter would otherwise answer 429, as it should.
//
// 1. Slots: GET /api/public/booking/{token}/slots (the whole 14-day window), N connections, S s.
//    Floor: findSlots alone with the inputs the endpoint assembles (same rules, busy intervals,
//    meetings, window), timed per call; also each Cosmos step alone, the use case without HTTP,
//    the endpoint with one connection, and GET /api/health through the same server at N connections.
// 2. Confirm: POST /api/public/booking/{token} with a random slot from the free list fetched once
//    before the run; most answer 409 once the first request took the time (expected, not an error;
//    5xx and socket errors are). Afterwards every booked meeting is checked for overlaps including
//    the buffers (collides from functions/booking/ledger.ts) and the daily cap.
// Where the time goes: the app's handler time and per-store await times (measured inside the app
// process), and the CPU each process spent per request.
//
// Writes bench/results/booking.json and booking.md. Options (env): BOOKING_BENCH_SECONDS (20),
// BOOKING_BENCH_CONNECTIONS (200), BOOKING_BENCH_HEALTH_SECONDS (10), BOOKING_BENCH_CONTACTS (200),
// BOOKING_BENCH_ENGINE_RUNS (300), BOOKING_BENCH_TIMEOUT_SECONDS (30).

import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Link, LoadResult, LoadSpec } from './booking/load-child.js';
import { round, type Summary, summarize } from './booking/measure.js';
import { renderMarkdown } from './booking/report.js';

const SECONDS = Number(process.env.BOOKING_BENCH_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BOOKING_BENCH_CONNECTIONS ?? 200);
const HEALTH_SECONDS = Number(process.env.BOOKING_BENCH_HEALTH_SECONDS ?? 10);
const CONTACTS = Number(process.env.BOOKING_BENCH_CONTACTS ?? 200);
const ENGINE_RUNS = Number(process.env.BOOKING_BENCH_ENGINE_RUNS ?? 300);
const TIMEOUT_SECONDS = Number(process.env.BOOKING_BENCH_TIMEOUT_SECONDS ?? 30);
const PREBOOKED = 8;
const TARGETS = { slotsP99Ms: 50, confirmP99Ms: 100 };
const RESULTS = new URL('./results/', import.meta.url);
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

interface AppStats {
  wallMs: number;
  cpuMs: number;
  eventLoopUtilization: number;
  timings: Record<string, Summary>;
  profile?: { area: string; ms: number; share: number }[];
}

function ask<T>(child: ChildProcess, message: unknown): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as T));
    child.send(message as never);
  });
}

function load(spec: Omit<LoadSpec, 'timeoutSeconds'>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(here('./booking/load-child.ts'), { stdio: 'inherit' });
    child.once('message', (m) => resolve(m as LoadResult));
    child.once('exit', (code) => code !== 0 && reject(new Error(`load (${spec.kind}) exited with ${code}`)));
    child.send({ ...spec, timeoutSeconds: TIMEOUT_SECONDS });
  });
}

/** CPU of the whole machine busy over an interval, as a share of all cores. */
function machineCpu() {
  const total = () =>
    cpus().reduce(
      (acc, c) => {
        const t = c.times;
        acc.busy += t.user + t.nice + t.sys + t.irq;
        acc.all += t.user + t.nice + t.sys + t.irq + t.idle;
        return acc;
      },
      { busy: 0, all: 0 },
    );
  const start = total();
  return () => {
    const end = total();
    return round((end.busy - start.busy) / (end.all - start.all), 2);
  };
}

/** Runs one load with the app's counters reset, and what each process spent meanwhile. */
async function measured(app: ChildProcess, spec: Omit<LoadSpec, 'timeoutSeconds'>, profile = false) {
  await ask(app, { cmd: 'reset', profile });
  const cosmosCpu = process.cpuUsage();
  const machine = machineCpu();
  const result = await load(spec);
  const busy = machine();
  const cosmos = process.cpuUsage(cosmosCpu);
  const stats = await ask<AppStats>(app, { cmd: 'stats' });
  const per = (ms: number) => round(ms / Math.max(1, result.responses), 2);
  return {
    ...result,
    cpu: {
      machineBusy: busy,
      appEventLoopUtilization: round(stats.eventLoopUtilization, 2),
      appMsPerRequest: per(stats.cpuMs),
      cosmosServerMsPerRequest: per((cosmos.user + cosmos.system) / 1000),
      loadGeneratorMsPerRequest: per(result.loadCpuMs),
    },
    inside: stats.timings,
    appProfile: stats.profile ?? [],
  };
}

async function getSlots(url: string, link: Link): Promise<string[]> {
  const res = await fetch(`${url}/api/public/booking/${link.token}/slots`);
  if (res.status !== 200) throw new Error(`slots: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { slots: { start: string }[] }).slots.map((s) => s.start);
}

async function post(url: string, link: Link, start: string): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  const res = await fetch(`${url}/api/public/booking/${link.token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ start, name: link.name, email: link.email, timeZone: link.timeZone, note: '' }),
  });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t };
}

async function run() {
  const loadBefore = loadavg().map((n) => round(n));
  const { startCosmosServer } = await import('../dev/cosmos-server.js');
  const { startAzurite } = await import('../dev/azurite.js');
  const [cosmos, azurite] = await Promise.all([startCosmosServer(), startAzurite()]);
  Object.assign(process.env, {
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: cosmos.key,
    COSMOS_DISABLE_ENDPOINT_DISCOVERY: 'true',
    COSMOS_DATABASE: 'bench-booking',
    AzureWebJobsStorage: azurite.connectionString,
    SIGNING_KEYS: `bench:${randomBytes(32).toString('base64')}`,
    BOOKING_RATE_LIMIT_PER_LINK: '100000000',
    BOOKING_RATE_LIMIT_PER_CLIENT: '100000000',
  });
  delete process.env.COSMOS_CONNECTION_STRING;

  const app = fork(here('./booking/app-child.ts'), { env: process.env, stdio: 'inherit' });
  try {
    const { url } = await new Promise<{ url: string }>((resolve, reject) => {
      app.once('message', (m) => resolve(m as { url: string }));
      app.once('exit', (code) => reject(new Error(`app exited with ${code}`)));
    });
    const { setUpOwner, seedLinks, seedCalendars, RULES } = await import('./booking/seed.js');
    const { measureFloors } = await import('./booking/floor.js');
    const { checkBookings } = await import('./booking/check.js');

    console.log('Seeding the organizer, contacts, links and calendars…');
    const { ownerId } = await setUpOwner(url);
    const links = await seedLinks(ownerId, CONTACTS);
    const { events } = await seedCalendars(ownerId, { perDay: 4, days: 14, seed: 42 });

    // A few meetings booked through the API, one after another: the ledger and the calendar hold
    // them like real bookings, and the unloaded confirm time comes with them.
    const free = await getSlots(url, links[0]!);
    const booked: number[] = [];
    const step = Math.floor(free.length / PREBOOKED);
    for (let i = 0; i < PREBOOKED; i++) {
      const r = await post(url, links[i]!, free[i * step + 3]!);
      if (r.status === 201) booked.push(r.ms);
    }
    const taken: number[] = [];
    for (let i = 0; i < 5; i++) taken.push((await post(url, links[i + 20]!, free[3]!)).ms);
    const unloadedConfirm = { created: summarize(booked), refused409: summarize(taken) };

    console.log('Floors: the engine alone and each step alone…');
    const floors = await measureFloors(ownerId, links[0]!.timeZone, ENGINE_RUNS);
    const endpointSlots = await getSlots(url, links[0]!);
    const sameSlots =
      endpointSlots.length === floors.slots.length && endpointSlots.every((s, i) => s === floors.slots[i]);

    const base = { url, links, slots: [] as string[] };
    console.log('Unloaded: one connection…');
    const slotsOne = await measured(app, { ...base, kind: 'slots', connections: 1, seconds: 3 });
    console.log(`Health floor: ${CONNECTIONS} connections, ${HEALTH_SECONDS} s…`);
    const health = await measured(app, {
      ...base,
      kind: 'health',
      connections: CONNECTIONS,
      seconds: HEALTH_SECONDS,
    });
    console.log(`Slots: ${CONNECTIONS} connections, ${SECONDS} s…`);
    const slots = await measured(
      app,
      { ...base, kind: 'slots', connections: CONNECTIONS, seconds: SECONDS },
      true,
    );

    const before = await checkBookings(ownerId, RULES);
    const freeForConfirm = await getSlots(url, links[0]!);
    console.log(
      `Confirm: ${CONNECTIONS} connections, ${SECONDS} s over ${freeForConfirm.length} free slots…`,
    );
    const confirm = await measured(
      app,
      {
        ...base,
        slots: freeForConfirm,
        kind: 'confirm',
        connections: CONNECTIONS,
        seconds: SECONDS,
      },
      true,
    );
    const after = await checkBookings(ownerId, RULES);
    const created = confirm.statuses['201'] ?? 0;
    const errors = (r: LoadResult) =>
      Object.entries(r.statuses)
        .filter(([code]) => Number(code) >= 500)
        .reduce((n, [, c]) => n + c, 0) +
      r.socketErrors +
      r.timeouts;

    const result = {
      at: new Date().toISOString(),
      scenario: {
        organizerZone: RULES.timeZone,
        rules: RULES,
        contactsWithLinks: links.length,
        calendarEvents: events,
        prebookedMeetings: booked.length,
        connections: CONNECTIONS,
        seconds: SECONDS,
        rateLimits: 'BOOKING_RATE_LIMIT_PER_LINK and _PER_CLIENT = 100000000 (else 429 by design)',
        timeoutSeconds: TIMEOUT_SECONDS,
      },
      floors: {
        engine: floors.engine,
        engineInputs: floors.inputs,
        engineSameSlotsAsEndpoint: sameSlots,
        endpointFreeSlots: endpointSlots.length,
        steps: floors.steps,
        health,
        slotsOneConnection: slotsOne,
        unloadedConfirm,
      },
      slots: { ...slots, errors: errors(slots) },
      confirm: {
        ...confirm,
        freeSlotsOffered: freeForConfirm.length,
        created,
        refused409: confirm.statuses['409'] ?? 0,
        errors: errors(confirm),
        bookedBefore: before.booked,
        check: after,
        createdMatchesMeetings: after.booked - before.booked === created,
      },
      ratios: {
        slotsP50ToEngineP50: round(slots.latencyMs.p50 / floors.engine.p50, 1),
        slotsOneConnectionP50ToEngineP50: round(slotsOne.latencyMs.p50 / floors.engine.p50, 1),
        slotsRpsToHealthRps: round(slots.requestsPerSecond / health.requestsPerSecond, 3),
        confirmP50ToEngineP50: round(confirm.latencyMs.p50 / floors.engine.p50, 1),
      },
      targets: {
        slots: {
          p99BelowMs: TARGETS.slotsP99Ms,
          zeroErrors: true,
          met: slots.latencyMs.p99 < TARGETS.slotsP99Ms && errors(slots) === 0,
        },
        confirm: {
          p99BelowMs: TARGETS.confirmP99Ms,
          zeroDoubleBookings: true,
          met:
            confirm.latencyMs.p99 < TARGETS.confirmP99Ms &&
            after.doubleBookings === 0 &&
            after.daysOverCap === 0,
        },
      },
      machine: {
        node: process.version,
        cpus: cpus().length,
        loadBefore,
        loadAfter: loadavg().map((n) => round(n)),
      },
    };
    return result;
  } finally {
    app.send({ cmd: 'exit' });
    await new Promise((r) => app.once('exit', r));
    await azurite.stop();
    await cosmos.stop();
  }
}

const result = await run();
export type BookingBenchResult = typeof result;
mkdirSync(RESULTS, { recursive: true });
writeFileSync(new URL('booking.json', RESULTS), `${JSON.stringify(result, null, 2)}\n`);
const md = renderMarkdown(result);
writeFileSync(new URL('booking.md', RESULTS), md);
console.log(md);
if (result.confirm.check.doubleBookings || result.confirm.check.daysOverCap) process.exitCode = 1;

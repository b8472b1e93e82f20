/**
 * Dashboard benchmark section (bench/leads-dashboard.bench.ts runs it alone; `npm run bench:leads`
 * composes it). Not a test: it measures and reports.
 *
 * Seeds one owner (zone Europe/Berlin) with CONTACTS contacts, campaigns and templates, then
 * EVENTS message events — sends, deliveries, opens, clicks, replies over a year, in time order —
 * THROUGH `countMessageEvents`, the function the send worker, the SendGrid webhook and Inbound
 * Parse call once they have saved a message's change, in batches of 1,000 (one SendGrid POST)
 * with 4 batches at a time; and bookings, meetings held and wins THROUGH `moveLead` (the pipeline
 * path: contact replace, lead event, counters). Then times QUERIES dashboard requests through the
 * registered HTTP handler (principal header, query validation, counters read, summary) over
 * 7 / 30 / 90 / 365-day periods, all campaigns or one. Floor, in the same run: a point read of
 * one day's counter document. Also checks the year's totals equal the events generated.
 *
 * Expects the Cosmos settings (COSMOS_ENDPOINT, key, database) in the environment: the runner
 * starts the local Cosmos API server and picks a fresh database.
 */
import { DateTime } from 'luxon';

export interface DashboardBenchOptions {
  /** 1 = 100k contacts and 1M message events; 0.01 for a quick check. */
  scale?: number;
  queries?: number;
  log?: (line: string) => void;
}

const OWNER = 'bench-dashboard-owner';
const ZONE = 'Europe/Berlin';
const CAMPAIGNS = 12;
const TEMPLATES = 20;
const DAYS = 365;
const BATCH = 1000;
const PARALLEL = 4;
const KINDS = ['sent', 'delivered', 'opened', 'clicked', 'replied', 'booked', 'held', 'won'] as const;

/** A small deterministic generator: the same seed gives the same data, run after run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    n: ms.length,
    p50Ms: round(pct(sorted, 0.5)),
    p95Ms: round(pct(sorted, 0.95)),
    maxMs: round(sorted.at(-1)!),
  };
};

async function inParallel<T>(items: T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}

export async function benchDashboard(opts: DashboardBenchOptions = {}): Promise<Record<string, unknown>> {
  const scale = opts.scale ?? 1;
  const log = opts.log ?? ((line: string) => console.log(line));
  const contactsWanted = Math.round(100_000 * scale);
  const eventsWanted = Math.round(1_000_000 * scale);
  const queries = opts.queries ?? 200;
  const rnd = random(13);

  const { getContainer } = await import('../../functions/_shared/cosmos/client.js');
  const { bulkWrite } = await import('../../functions/_shared/cosmos/bulk.js');
  const { encodePrincipal, PRINCIPAL_HEADER } = await import('../../functions/_shared/auth.js');
  const { listRegistrations } = await import('../../functions/_shared/registry.js');
  const { countMessageEvents } = await import('../../functions/dashboard/count-events.js');
  const { countingDeps } = await import('../../functions/dashboard/deps.js');
  const { readCounterDay } = await import('../../functions/dashboard/store.js');
  const { moveLead } = await import('../../functions/leads/pipeline.js');
  const { pipelineDeps } = await import('../../functions/leads/deps.js');
  await import('../../functions/dashboard/function.js');
  // The package is CommonJS: its classes are on `default` under Node's ESM, on the module under tsx.
  const functionsModule = await import('@azure/functions');
  const azure =
    (functionsModule as unknown as { default?: typeof functionsModule }).default ?? functionsModule;

  // The owner's zone, templates and campaigns, as the API would have written them.
  await (await getContainer('settings')).items.upsert({
    id: 'availability',
    ownerId: OWNER,
    rules: { timeZone: ZONE },
  });
  const templates = Array.from({ length: TEMPLATES }, (_, i) => ({
    id: `tpl-${i}`,
    ownerId: OWNER,
    name: `Template ${i + 1}`,
  }));
  await bulkWrite(await getContainer('templates'), OWNER, templates, 'create');
  const campaigns = Array.from({ length: CAMPAIGNS }, (_, i) => ({
    id: `camp-${i}`,
    ownerId: OWNER,
    name: `Campaign ${i + 1}`,
    steps: [0, 1, 2].map((s) => ({
      templateId: `tpl-${(i + s * 7) % TEMPLATES}`,
      delayDays: s * 3,
      stopOn: [],
    })),
    status: 'done',
  }));
  await bulkWrite(await getContainer('campaigns'), OWNER, campaigns, 'create');

  // Contacts, written in bulk (the import's path), all already contacted.
  const t0 = performance.now();
  const created = new Date('2025-01-01T09:00:00Z').toISOString();
  const contactsContainer = await getContainer('contacts');
  for (let i = 0; i < contactsWanted; i += 10_000) {
    const docs = Array.from({ length: Math.min(10_000, contactsWanted - i) }, (_, j) => ({
      id: `c-${i + j}`,
      ownerId: OWNER,
      status: 'contacted',
      source: 'csv',
      flags: [],
      tags: [],
      tagKeys: [],
      searchText: '',
      email: `c${i + j}@example.com`,
      createdAt: created,
      updatedAt: created,
    }));
    await bulkWrite(contactsContainer, OWNER, docs, 'create');
  }
  const contactsSeconds = (performance.now() - t0) / 1000;
  log(`dashboard: ${contactsWanted} contacts in ${round(contactsSeconds, 1)} s`);

  // A year of message events in time order; about 2 events per email.
  const end = DateTime.fromISO('2026-11-30T23:00:00', { zone: ZONE });
  const start = end.minus({ days: DAYS }).startOf('day');
  const span = end.toMillis() - start.toMillis();
  type Ev = {
    message: { ownerId: string; campaignId: string; step: number; sentAt: string };
    kind: 'sent' | 'delivered' | 'opened' | 'clicked' | 'replied';
    at: string;
    t: number;
  };
  const events: Ev[] = [];
  const generated = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<(typeof KINDS)[number], number>;
  while (events.length < eventsWanted) {
    const campaign = Math.floor(rnd() * CAMPAIGNS);
    const day = start.toMillis() + Math.floor(rnd() * (span / 86_400_000)) * 86_400_000;
    // Business hours mostly, 07:00–19:00 in the owner's zone.
    const sentT = day + (7 + rnd() * 12) * 3_600_000;
    if (sentT > end.toMillis()) continue;
    const message = {
      ownerId: OWNER,
      campaignId: `camp-${campaign}`,
      step: 1 + Math.floor(rnd() * 3),
      sentAt: new Date(sentT).toISOString(),
    };
    const add = (kind: Ev['kind'], t: number) => {
      if (t > end.toMillis() || events.length >= eventsWanted) return;
      events.push({ message, kind, at: new Date(t).toISOString(), t });
      generated[kind]++;
    };
    add('sent', sentT);
    if (rnd() < 0.95) add('delivered', sentT + 60_000);
    if (rnd() < 0.45) {
      const opened = sentT + rnd() * 2 * 86_400_000;
      add('opened', opened);
      if (rnd() < 0.18) add('clicked', opened + 30_000);
    }
    if (rnd() < 0.05) add('replied', sentT + rnd() * 3 * 86_400_000);
  }
  events.sort((a, b) => a.t - b.t);
  const batches: Ev[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  const deps = countingDeps();
  const t1 = performance.now();
  await inParallel(batches, PARALLEL, async (batch) => {
    await countMessageEvents(
      batch.map(({ message, kind, at }) => ({ message, kind, at })),
      deps,
    );
  });
  const eventsSeconds = (performance.now() - t1) / 1000;
  log(`dashboard: ${events.length} message events counted in ${round(eventsSeconds, 1)} s`);

  // Bookings (1% of contacts), meetings held (70% of those) and wins (20% of held), through the pipeline.
  const pipeline = pipelineDeps();
  const booked = Array.from(
    { length: Math.round(contactsWanted * 0.01) },
    (_, i) => (i * 97) % contactsWanted,
  );
  const t2 = performance.now();
  let moves = 0;
  await inParallel(booked, PARALLEL, async (n) => {
    const at = start.toMillis() + rnd() * (span - 10 * 86_400_000);
    const id = `c-${n}`;
    const steps = [
      { event: { kind: 'booking', at: new Date(at).toISOString() } as const, ref: `m-${n}`, p: 1 },
      {
        event: { kind: 'meeting-passed', at: new Date(at + 3 * 86_400_000).toISOString() } as const,
        ref: `m-${n}`,
        p: 0.7,
      },
      {
        event: { kind: 'manual', stage: 'won', at: new Date(at + 9 * 86_400_000).toISOString() } as const,
        ref: undefined,
        p: 0.2,
      },
    ];
    for (const s of steps) {
      if (rnd() >= s.p) break;
      const t = await moveLead(OWNER, id, s.event, pipeline, s.ref);
      if (t?.moved) {
        moves++;
        generated[s.event.kind === 'booking' ? 'booked' : s.event.kind === 'manual' ? 'won' : 'held']++;
      }
    }
  });
  const movesSeconds = (performance.now() - t2) / 1000;
  log(`dashboard: ${moves} lead moves in ${round(movesSeconds, 1)} s`);

  // Dashboard requests through the registered handler, as the API host calls it.
  const handler = listRegistrations().find((r) => r.kind === 'http' && r.name === 'dashboard');
  if (handler?.kind !== 'http') throw new Error('the dashboard route is not registered');
  const principal = encodePrincipal({
    identityProvider: 'bench',
    userId: OWNER,
    userDetails: 'bench@example.com',
    userRoles: ['authenticated'],
  });
  const ask = async (query: string) => {
    const res = await handler.options.handler(
      new azure.HttpRequest({
        method: 'GET',
        url: `http://localhost/api/dashboard?${query}`,
        headers: { [PRINCIPAL_HEADER]: principal },
      }),
      new azure.InvocationContext({ functionName: 'dashboard' }),
    );
    if (res.status !== 200) throw new Error(`dashboard answered ${res.status}`);
    return (res as { jsonBody?: unknown }).jsonBody as { totals: Record<string, number> };
  };
  const lastDay = end.toISODate()!;
  const whole = await ask(`from=${start.toISODate()}&to=${lastDay}`);
  const countsMatch = KINDS.every((k) => whole.totals[k] === generated[k]);
  if (!countsMatch)
    log(
      `dashboard: totals ${JSON.stringify(whole.totals)} differ from generated ${JSON.stringify(generated)}`,
    );

  const periods = [7, 30, 90, 365];
  const byPeriod: Record<string, number[]> = {};
  const all: number[] = [];
  for (let i = 0; i < queries; i++) {
    const days = periods[i % periods.length]!;
    const campaign = i % 2 ? `&campaign=camp-${i % CAMPAIGNS}` : '';
    const from = end.minus({ days: days - 1 }).toISODate()!;
    const q0 = performance.now();
    await ask(`from=${from}&to=${lastDay}${campaign}`);
    const ms = performance.now() - q0;
    all.push(ms);
    const list = byPeriod[`${days}d`] ?? [];
    list.push(ms);
    byPeriod[`${days}d`] = list;
  }
  const floor: number[] = [];
  for (let i = 0; i < queries; i++) {
    const day = end.minus({ days: i % DAYS }).toISODate()!;
    const q0 = performance.now();
    await readCounterDay(OWNER, day, 'all');
    floor.push(performance.now() - q0);
  }
  const query = stats(all);
  const floorStats = stats(floor);
  const result = {
    scale,
    contacts: contactsWanted,
    messageEvents: events.length,
    leadMoves: moves,
    generated,
    countsMatch,
    seeding: {
      path: 'message events through countMessageEvents (what the send worker, SendGrid webhook and Inbound Parse call after saving the change), 1,000 a batch, 4 batches at a time; lead moves through moveLead',
      contactsSeconds: round(contactsSeconds, 1),
      eventsSeconds: round(eventsSeconds, 1),
      eventsPerSecond: Math.round(events.length / eventsSeconds),
      leadMovesSeconds: round(movesSeconds, 1),
    },
    counterDocuments: await countDocs(getContainer),
    query: {
      ...query,
      byPeriod: Object.fromEntries(Object.entries(byPeriod).map(([k, v]) => [k, stats(v)])),
    },
    targetP95Ms: 200,
    floor: { what: 'point read of one day’s counter document', ...floorStats },
    ratioToFloorP95: round(query.p95Ms / floorStats.p95Ms, 1),
    node: process.version,
    at: new Date().toISOString(),
  };
  log(
    `dashboard: p50 ${query.p50Ms} ms, p95 ${query.p95Ms} ms (target < 200); floor p95 ${floorStats.p95Ms} ms`,
  );
  return result;
}

async function countDocs(
  getContainer: (name: 'daily-counters') => Promise<import('@azure/cosmos').Container>,
) {
  const { resources } = await (await getContainer('daily-counters')).items
    .query<number>({
      query: 'SELECT VALUE COUNT(1) FROM c WHERE c.ownerId = @o',
      parameters: [{ name: '@o', value: OWNER }],
    })
    .fetchAll();
  return resources[0] ?? 0;
}

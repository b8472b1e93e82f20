// Query speed of the local Cosmos API server (npm run bench:cosmos).
//
// Loads contact-like documents of one owner through the real @azure/cosmos SDK and times the
// queries the app runs: a COUNT, the contacts search (CONTAINS/LOWER over name, email and
// company, first page of 50), the first page of 50 by createdAt DESC, and the contacts list sorted
// by name with the id as tie-breaker (composite index) — its first page and its third page, which
// the list reaches through continuation tokens. The floor is the same
// work as a plain JS loop over the documents in memory. The unpatched server (a pristine copy
// made by reversing patches/) runs the same queries at a smaller size, where it still finishes.
// Also measures snapshot and reload of the persisted store.
//
// Writes bench/results/cosmos-query.{json,md}. Options (env): COSMOS_BENCH_DOCS (100000),
// COSMOS_BENCH_UNPATCHED_DOCS (20000, 0 to skip), COSMOS_BENCH_RUNS (5).

import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Container, CosmosClient, type OperationInput, type SqlQuerySpec } from '@azure/cosmos';
import { COSMOS_EMULATOR_KEY, startCosmosServer } from '../dev/cosmos-server.js';
import { CONTAINER_DEFINITIONS } from '../functions/_shared/cosmos/containers.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const DOCS = Number(process.env.COSMOS_BENCH_DOCS ?? 100_000);
const UNPATCHED_DOCS = Number(process.env.COSMOS_BENCH_UNPATCHED_DOCS ?? 20_000);
const RUNS = Number(process.env.COSMOS_BENCH_RUNS ?? 5);
const OWNER = 'owner-bench';
const SEARCH = 'smi';
const PAGE = 50;

interface Contact {
  id: string;
  ownerId: string;
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  tags: string[];
  status: string;
  createdAt: string;
  sortName: string;
}

function contacts(n: number): Contact[] {
  const first = ['Ada', 'Ben', 'Chloé', 'Dev', 'Eun', 'Femi', 'Gus', 'Hana', 'Ivo', 'Jo'];
  const last = ['Smith', 'Ng', 'García', 'Okafor', 'Schmidt', 'Rossi', 'Kowalski', 'Tanaka', 'Lee', 'Moreau'];
  const companies = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Smithers & Co', 'Vandelay', 'Wonka'];
  const statuses = ['new', 'contacted', 'replied', 'booked', 'won', 'lost'];
  const start = Date.UTC(2025, 0, 1);
  return Array.from({ length: n }, (_, i) => {
    const firstName = first[i % first.length]!;
    const lastName = last[Math.floor(i / 7) % last.length]!;
    return {
      id: `contact-${i}`,
      ownerId: OWNER,
      email: `${firstName}.${lastName}.${i}@example.com`.toLowerCase(),
      firstName,
      lastName,
      company: companies[Math.floor(i / 3) % companies.length]!,
      tags: i % 5 === 0 ? ['vip', 'import'] : ['import'],
      status: statuses[i % statuses.length]!,
      // Shuffled, so ORDER BY has real sorting to do.
      createdAt: new Date(start + ((i * 7919) % n) * 60_000).toISOString(),
      // Ten first names × ten last names: thousands of ties that only the id orders.
      sortName: `${firstName} ${lastName}`.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase(),
    };
  });
}

const params = (extra: { name: string; value: string }[] = []) => [{ name: '@o', value: OWNER }, ...extra];
const BY_NAME = 'SELECT * FROM c WHERE c.ownerId = @o ORDER BY c.sortName ASC, c.id ASC';
const queries: { name: string; spec: SqlQuerySpec; page?: number; pages?: number }[] = [
  {
    name: 'count',
    spec: { query: 'SELECT VALUE COUNT(1) FROM c WHERE c.ownerId = @o', parameters: params() },
  },
  {
    name: 'search (first page of 50)',
    page: PAGE,
    spec: {
      query:
        'SELECT * FROM c WHERE c.ownerId = @o AND (CONTAINS(LOWER(c.firstName), @q) OR ' +
        'CONTAINS(LOWER(c.lastName), @q) OR CONTAINS(LOWER(c.email), @q) OR CONTAINS(LOWER(c.company), @q))',
      parameters: params([{ name: '@q', value: SEARCH }]),
    },
  },
  {
    name: 'ORDER BY createdAt DESC (first page of 50)',
    page: PAGE,
    spec: { query: 'SELECT * FROM c WHERE c.ownerId = @o ORDER BY c.createdAt DESC', parameters: params() },
  },
  {
    name: 'list by name, ties by id (first page of 50)',
    page: PAGE,
    spec: { query: BY_NAME, parameters: params() },
  },
  {
    name: 'list by name, ties by id (third page of 50, by continuation)',
    page: PAGE,
    pages: 3,
    spec: { query: BY_NAME, parameters: params() },
  },
];

// The same work as plain JS over the in-memory array: the fastest any server could answer.
function floors(docs: Contact[]): Record<string, () => unknown> {
  const mine = (d: Contact) => d.ownerId === OWNER;
  const matches = (d: Contact) =>
    [d.firstName, d.lastName, d.email, d.company].some((v) => v.toLowerCase().includes(SEARCH));
  return {
    count: () => {
      let n = 0;
      for (const d of docs) if (mine(d)) n += 1;
      return n;
    },
    // The whole filter, like the server (it orders by _rid before it pages, so it cannot stop early).
    'search (first page of 50)': () => {
      const out: Contact[] = [];
      for (const d of docs) if (mine(d) && matches(d)) out.push(d);
      return out.slice(0, PAGE);
    },
    'ORDER BY createdAt DESC (first page of 50)': () =>
      docs
        .filter(mine)
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
        .slice(0, PAGE),
    'list by name, ties by id (first page of 50)': () => byName().slice(0, PAGE),
    'list by name, ties by id (third page of 50, by continuation)': () => byName().slice(2 * PAGE, 3 * PAGE),
  };
  function byName() {
    return docs
      .filter(mine)
      .sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : 1));
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function timeRuns(fn: () => unknown, runs: number): Promise<number[]> {
  await fn(); // warm-up: compile the query, JIT
  const out: number[] = [];
  for (let i = 0; i < runs; i += 1) out.push(await time(fn));
  return out;
}

function client(endpoint: string): CosmosClient {
  return new CosmosClient({
    endpoint,
    key: COSMOS_EMULATOR_KEY,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
}

async function contactsContainer(endpoint: string): Promise<Container> {
  const { database } = await client(endpoint).databases.createIfNotExists({ id: 'momentum' });
  const { container } = await database.containers.createIfNotExists({
    id: 'contacts',
    partitionKey: { paths: ['/ownerId'] },
    indexingPolicy: { compositeIndexes: [...CONTAINER_DEFINITIONS.contacts.compositeIndexes] },
  });
  return container;
}

async function load(container: Container, docs: Contact[]): Promise<void> {
  const batches: OperationInput[][] = [];
  for (let i = 0; i < docs.length; i += 100) {
    batches.push(docs.slice(i, i + 100).map((d) => ({ operationType: 'Create', resourceBody: { ...d } })));
  }
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      const results = await container.items.bulk(batch);
      const failed = results.find((r) => r.statusCode >= 400);
      if (failed) throw new Error(`bulk create failed with ${failed.statusCode}`);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

async function runQuery(container: Container, q: (typeof queries)[number]): Promise<number> {
  if (q.pages) {
    // As the list pages: each page is a new request carrying the previous page's token.
    let token: string | undefined;
    let rows = 0;
    for (let i = 0; i < q.pages; i += 1) {
      const page = await container.items
        .query(q.spec, { maxItemCount: q.page, continuationToken: token })
        .fetchNext();
      token = page.continuationToken;
      rows = page.resources.length;
    }
    return rows;
  }
  const iterator = container.items.query(q.spec, q.page ? { maxItemCount: q.page } : {});
  const { resources } = q.page ? await iterator.fetchNext() : await iterator.fetchAll();
  return resources.length;
}

async function timeQueries(container: Container, runs: number) {
  const out: Record<string, { runsMs: number[]; medianMs: number; rows: number }> = {};
  for (const q of queries) {
    const rows = await runQuery(container, q);
    const runsMs = await timeRuns(() => runQuery(container, q), runs);
    out[q.name] = { runsMs: runsMs.map(round), medianMs: round(median(runsMs)), rows };
  }
  return out;
}

const round = (ms: number) => Math.round(ms * 10) / 10;
const roundFine = (ms: number) => Math.round(ms * 1000) / 1000;

// A copy of both packages as published: node_modules' copies with patches/ reversed.
async function startUnpatchedServer(root: string): Promise<{ endpoint: string; close(): Promise<void> }> {
  await mkdir(root, { recursive: true });
  await symlink(join(repo, 'node_modules'), join(root, 'node_modules'));
  const pristine = join(root, 'pristine');
  for (const pkg of ['@zeit/cosmosdb-query', '@vercel/cosmosdb-server']) {
    await mkdir(join(pristine, 'node_modules', pkg, '..'), { recursive: true });
    await cp(join(repo, 'node_modules', pkg), join(pristine, 'node_modules', pkg), { recursive: true });
  }
  for (const patch of await readdir(join(repo, 'patches'))) {
    execFileSync('patch', ['-R', '-p1', '-s', '-i', join(repo, 'patches', patch)], { cwd: pristine });
  }
  const require = createRequire(join(pristine, 'index.js'));
  const serverPath = require.resolve('@vercel/cosmosdb-server');
  const helpers = createRequire(serverPath)('@zeit/cosmosdb-query/lib/helpers.js') as Record<string, unknown>;
  if ('appendAll' in helpers) throw new Error('the pristine copy still carries the patch');
  const { createHttpServer } = require(serverPath) as { createHttpServer: () => Server };
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'cosmos-query-bench-'));
  const stops: (() => Promise<void>)[] = [];
  try {
    const docs = contacts(DOCS);
    const dataDir = join(work, 'data');
    const results: Record<string, unknown> = {
      node: process.version,
      date: new Date().toISOString(),
      docs: DOCS,
      runs: RUNS,
    };

    console.log(`patched server, ${DOCS} documents, dataDir on`);
    let server = await startCosmosServer({ dataDir });
    stops.push(() => server.stop());
    const loadMs = await time(async () => load(await contactsContainer(server.endpoint), docs));

    // One more write, so stop() surely writes a full snapshot of everything loaded.
    await client(server.endpoint)
      .database('momentum')
      .container('contacts')
      .items.upsert({ ...docs[0], status: 'contacted' });
    docs[0]!.status = 'contacted';
    const snapshotMs = await time(() => server.stop());
    stops.pop();
    const snapshotBytes = (await stat(join(dataDir, 'snapshot.ndjson'))).size;
    // Queries run on the reloaded store: nothing is written, so no snapshot competes for the CPU.
    const reloadMs = await time(async () => {
      server = await startCosmosServer({ dataDir });
    });
    stops.push(() => server.stop());
    const container = client(server.endpoint).database('momentum').container('contacts');
    const { resources: count } = await container.items.query(queries[0]!.spec).fetchAll();
    if (count[0] !== DOCS) throw new Error(`reload lost data: count ${count[0]}`);
    results.loadMs = round(loadMs);
    results.persistence = { snapshotMs: round(snapshotMs), snapshotBytes, reloadMs: round(reloadMs) };

    const patched = await timeQueries(container, RUNS);
    const floorMs: Record<string, number> = {};
    for (const [name, fn] of Object.entries(floors(docs))) {
      floorMs[name] = roundFine(median(await timeRuns(fn, 20)));
    }
    results.patched = Object.fromEntries(
      Object.entries(patched).map(([name, r]) => [
        name,
        { ...r, floorMs: floorMs[name], ratioToFloor: Math.round(r.medianMs / floorMs[name]!) },
      ]),
    );
    await server.stop();
    stops.pop();

    if (UNPATCHED_DOCS > 0) {
      const small = docs.slice(0, UNPATCHED_DOCS);
      const compare: Record<string, unknown> = {};
      for (const variant of ['unpatched', 'patched'] as const) {
        console.log(`${variant} server, ${UNPATCHED_DOCS} documents`);
        const s =
          variant === 'unpatched'
            ? await startUnpatchedServer(join(work, 'unpatched'))
            : await startCosmosServer().then((p) => ({ endpoint: p.endpoint, close: p.stop }));
        stops.push(s.close);
        const c = await contactsContainer(s.endpoint);
        await load(c, small);
        compare[variant] = await timeQueries(c, variant === 'unpatched' ? Math.min(RUNS, 3) : RUNS);
        await s.close();
        stops.pop();
      }
      results.smaller = { docs: UNPATCHED_DOCS, ...compare };
    }

    await mkdir(join(repo, 'bench/results'), { recursive: true });
    await writeFile(join(repo, 'bench/results/cosmos-query.json'), `${JSON.stringify(results, null, 2)}\n`);
    await writeFile(join(repo, 'bench/results/cosmos-query.md'), markdown(results));
    console.log(markdown(results));
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  }
}

type QueryResult = { medianMs: number; rows: number; floorMs?: number; ratioToFloor?: number };

function markdown(r: Record<string, unknown>): string {
  const patched = r.patched as Record<string, QueryResult>;
  const persistence = r.persistence as { snapshotMs: number; snapshotBytes: number; reloadMs: number };
  const lines = [
    '# Local Cosmos API server: query speed',
    '',
    `${r.date}, Node ${r.node}. ${r.docs} contact documents of one owner, loaded through the SDK's bulk API in ${r.loadMs} ms (journal on). Median of ${r.runs} runs through @azure/cosmos; floor = the same work as a plain JS loop over the in-memory array.`,
    '',
    '| query | rows | median ms | floor ms | ratio to floor |',
    '|---|---:|---:|---:|---:|',
    ...Object.entries(patched).map(
      ([name, q]) => `| ${name} | ${q.rows} | ${q.medianMs} | ${q.floorMs} | ${q.ratioToFloor}× |`,
    ),
    '',
    `Persistence: final snapshot (on stop) ${persistence.snapshotMs} ms, ${(persistence.snapshotBytes / 1e6).toFixed(1)} MB; cold start reloading it ${persistence.reloadMs} ms.`,
  ];
  const smaller = r.smaller as
    | { docs: number; unpatched: Record<string, QueryResult>; patched: Record<string, QueryResult> }
    | undefined;
  if (smaller) {
    lines.push(
      '',
      `## Unpatched vs patched at ${smaller.docs} documents`,
      '',
      '| query | unpatched median ms | patched median ms | speed-up |',
      '|---|---:|---:|---:|',
      ...Object.keys(smaller.patched).map((name) => {
        const u = smaller.unpatched[name]!.medianMs;
        const p = smaller.patched[name]!.medianMs;
        return `| ${name} | ${u} | ${p} | ${Math.round(u / p)}× |`;
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}

await main();

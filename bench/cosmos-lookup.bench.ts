// Import lookups and bulk writes on the local Cosmos API server (npm run bench:lookup).
//
// Loads contacts of one owner (plus another owner's, so the owner filter has work) through the
// real @azure/cosmos SDK with items.bulk (100 Create operations a call, one call at a time, as the
// import does), journal on. Then times the import's lookup query (all identity hashes of a chunk
// of 500 rows, 1,500 values) through the patched server's lookup index and as the plain scan
// (setLookupIndex(false)), and bulk Replace with ifMatch. Floors are plain JS over the same data:
// a Map lookup for the query; for bulk writes, the serialisation any JSON-over-HTTP server with a
// journal must do (parse the operation, store a stamped copy, stringify the journal record and the
// response). Reports ratios; nothing is asserted on time.
//
// Writes bench/results/cosmos-lookup.{json,md}. Options (env): LOOKUP_BENCH_DOCS (100000),
// LOOKUP_BENCH_QUERIES (20), LOOKUP_BENCH_SCANS (2).

import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Container, CosmosClient, type OperationInput, type SqlQuerySpec } from '@azure/cosmos';
import { setLookupIndex, startCosmosServer } from '../dev/cosmos-server.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
const DOCS = Number(process.env.LOOKUP_BENCH_DOCS ?? 100_000);
const QUERIES = Number(process.env.LOOKUP_BENCH_QUERIES ?? 20);
const SCANS = Number(process.env.LOOKUP_BENCH_SCANS ?? 2);
const OWNER = 'owner-bench';
const OTHER = 'owner-other';
const CHUNK_ROWS = 500;
const LOOKUP =
  'SELECT * FROM c WHERE c.ownerId = @owner AND (ARRAY_CONTAINS(@ids, c.id) OR ' +
  'EXISTS(SELECT VALUE i FROM i IN c.identities WHERE ARRAY_CONTAINS(@ids, i)))';

const hash = (key: string) => createHash('sha256').update(key).digest('base64url').slice(0, 32);
const keysOf = (i: number) => [`email:c${i}@example.com`, `linkedin:c${i}`, `phone:+4930${i}`].map(hash);

interface Contact {
  id: string;
  ownerId: string;
  identities?: string[];
  email: string;
  firstName: string;
  company: string;
  tags: string[];
  status: string;
  importId: string;
  createdAt: string;
}

function contacts(n: number, ownerId: string, offset = 0): Contact[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const identities = keysOf(i);
    return {
      id: identities[0]!,
      ownerId,
      // Every tenth stored before identities existed: found by id only.
      ...(i % 10 === 9 ? {} : { identities }),
      email: `c${i}@example.com`,
      firstName: 'Ada',
      company: 'Acme',
      tags: ['import'],
      status: 'new',
      importId: 'bench',
      createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    };
  });
}

/** The identity hashes of one chunk of file rows: half stored contacts, half new ones. */
function chunkValues(q: number): string[] {
  const out: string[] = [];
  for (let r = 0; r < CHUNK_ROWS; r += 1) {
    const row = (q * 7919 + r * 2) % (2 * DOCS); // rows ≥ DOCS are contacts not stored yet
    out.push(...keysOf(row));
  }
  return out;
}

const lookup = (values: string[]): SqlQuerySpec => ({
  query: LOOKUP,
  parameters: [
    { name: '@owner', value: OWNER },
    { name: '@ids', value: values },
  ],
});

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

async function bulk(
  container: Container,
  docs: Contact[],
  op: 'Create' | 'Replace',
  etags?: Map<string, string>,
) {
  for (let i = 0; i < docs.length; i += 100) {
    const ops: OperationInput[] = docs.slice(i, i + 100).map((d) =>
      op === 'Create'
        ? { operationType: 'Create', partitionKey: d.ownerId, resourceBody: { ...d } }
        : {
            operationType: 'Replace',
            partitionKey: d.ownerId,
            id: d.id,
            ifMatch: etags!.get(d.id)!,
            resourceBody: { ...d, status: 'contacted' },
          },
    );
    const results = await container.items.bulk(ops, { continueOnError: true });
    const failed = results.find((r) => r.statusCode >= 400);
    if (failed) throw new Error(`bulk ${op} failed with ${failed.statusCode}`);
  }
}

/** What any JSON-over-HTTP server with a journal does per written document, in plain JS. */
function writeFloor(docs: Contact[]): number {
  const store = new Map<string, unknown>();
  const t = performance.now();
  for (let i = 0; i < docs.length; i += 100) {
    const body = JSON.stringify(
      docs.slice(i, i + 100).map((d) => ({ operationType: 'Create', resourceBody: d })),
    );
    const ops = JSON.parse(body) as { resourceBody: Contact }[];
    const stored = ops.map((o, k) => {
      const doc = { ...o.resourceBody, _rid: `r${i + k}`, _etag: randomUUID(), _ts: 0 };
      store.set(`${doc.ownerId}:${doc.id}`, doc);
      return doc;
    });
    let journal = '';
    for (const doc of stored) journal += `${JSON.stringify({ op: 'put', data: doc })}\n`;
    JSON.stringify(stored.map((d) => ({ statusCode: 201, resourceBody: d })));
    if (!journal) throw new Error('unreachable');
  }
  return performance.now() - t;
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'cosmos-lookup-bench-'));
  const server = await startCosmosServer({ dataDir: join(work, 'data') });
  try {
    const client = new CosmosClient({
      endpoint: server.endpoint,
      key: server.key,
      connectionPolicy: { enableEndpointDiscovery: false },
    });
    const { database } = await client.databases.createIfNotExists({ id: 'momentum' });
    const { container } = await database.containers.createIfNotExists({
      id: 'contacts',
      partitionKey: { paths: ['/ownerId'] },
    });
    const mine = contacts(DOCS, OWNER);
    const others = contacts(Math.round(DOCS / 20), OTHER, DOCS / 2);
    console.log(`bulk create ${mine.length + others.length} documents (journal on)`);
    const createStart = performance.now();
    await bulk(container, mine, 'Create');
    await bulk(container, others, 'Create');
    const createMs = performance.now() - createStart;
    const createFloorMs = median([1, 2, 3].map(() => writeFloor(mine)));

    // Floor for the lookup: a Map from id and from every identity to the owner's documents.
    const byKey = new Map<string, Contact[]>();
    for (const d of [...mine, ...others]) {
      for (const key of new Set([d.id, ...(d.identities ?? [])])) {
        const list = byKey.get(key) ?? [];
        list.push(d);
        byKey.set(key, list);
      }
    }
    const floorLookup = (values: string[]) => {
      const found = new Map<string, Contact>();
      for (const v of values) for (const d of byKey.get(v) ?? []) if (d.ownerId === OWNER) found.set(d.id, d);
      return found.size;
    };

    const timeQuery = async (values: string[]) => {
      const t = performance.now();
      const { resources } = await container.items.query(lookup(values), { partitionKey: OWNER }).fetchAll();
      return { ms: performance.now() - t, rows: resources.length };
    };
    console.log(`lookup query, ${QUERIES} chunks of ${CHUNK_ROWS} rows (${CHUNK_ROWS * 3} values), indexed`);
    await timeQuery(chunkValues(QUERIES + 1)); // warm-up: parse, compile, JIT
    const indexed: number[] = [];
    const floor: number[] = [];
    for (let q = 0; q < QUERIES; q += 1) {
      const values = chunkValues(q);
      const r = await timeQuery(values);
      const t = performance.now();
      const expected = floorLookup(values);
      floor.push(performance.now() - t);
      if (r.rows !== expected) throw new Error(`lookup returned ${r.rows} contacts, expected ${expected}`);
      indexed.push(r.ms);
    }
    console.log(`lookup query, ${SCANS} chunks, plain scan`);
    const scan: number[] = [];
    setLookupIndex(false);
    try {
      for (let q = 0; q < SCANS; q += 1) {
        const values = chunkValues(q);
        const r = await timeQuery(values);
        if (r.rows !== floorLookup(values)) throw new Error('scan returned a different number of contacts');
        scan.push(r.ms);
      }
    } finally {
      setLookupIndex(true);
    }

    console.log(`bulk replace ${mine.length} documents with ifMatch`);
    const { resources: stored } = await container.items
      .query<{ id: string; _etag: string }>(
        {
          query: 'SELECT c.id, c._etag FROM c WHERE c.ownerId = @o',
          parameters: [{ name: '@o', value: OWNER }],
        },
        { partitionKey: OWNER },
      )
      .fetchAll();
    const etags = new Map(stored.map((d) => [d.id, d._etag]));
    const replaceStart = performance.now();
    await bulk(container, mine, 'Replace', etags);
    const replaceMs = performance.now() - replaceStart;

    const created = mine.length + others.length;
    const results = {
      node: process.version,
      date: new Date().toISOString(),
      docs: created,
      lookup: {
        values: CHUNK_ROWS * 3,
        indexedMedianMs: round(median(indexed)),
        scanMedianMs: round(median(scan)),
        floorMedianMs: round(median(floor), 3),
        scanToIndexed: Math.round(median(scan) / median(indexed)),
        indexedToFloor: Math.round(median(indexed) / median(floor)),
      },
      bulkCreate: {
        docsPerSecond: Math.round(created / (createMs / 1000)),
        floorDocsPerSecond: Math.round(mine.length / (createFloorMs / 1000)),
      },
      bulkReplace: { docsPerSecond: Math.round(mine.length / (replaceMs / 1000)) },
    };
    await mkdir(join(repo, 'bench/results'), { recursive: true });
    await writeFile(join(repo, 'bench/results/cosmos-lookup.json'), `${JSON.stringify(results, null, 2)}\n`);
    const l = results.lookup;
    const md = [
      '# Local Cosmos API server: import lookups and bulk writes',
      '',
      `${results.date}, Node ${results.node}. ${created} contacts (${mine.length} of the queried owner, every tenth without \`identities\`), server in the same process as the SDK, journal on.`,
      '',
      `| what | server | floor (plain JS) | ratio |`,
      '|---|---:|---:|---:|',
      `| lookup query, ${l.values} values, indexed (median ms) | ${l.indexedMedianMs} | ${l.floorMedianMs} | ${l.indexedToFloor}× |`,
      `| lookup query, plain scan (median ms) | ${l.scanMedianMs} | ${l.floorMedianMs} | ${Math.round(l.scanMedianMs / l.floorMedianMs)}× (${l.scanToIndexed}× the indexed) |`,
      `| bulk Create, 100 a call (docs/s) | ${results.bulkCreate.docsPerSecond} | ${results.bulkCreate.floorDocsPerSecond} | ${round(results.bulkCreate.floorDocsPerSecond / results.bulkCreate.docsPerSecond)}× |`,
      `| bulk Replace with ifMatch, 100 a call (docs/s) | ${results.bulkReplace.docsPerSecond} | | |`,
      '',
      'Bulk floor: per document, parse the operation from JSON, store a stamped copy in a Map, stringify the journal record and the response.',
      '',
    ].join('\n');
    await writeFile(join(repo, 'bench/results/cosmos-lookup.md'), md);
    console.log(md);
  } finally {
    await server.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();

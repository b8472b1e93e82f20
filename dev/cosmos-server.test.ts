import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Container,
  CosmosClient,
  type FeedOptions,
  type ItemDefinition,
  type SqlQuerySpec,
} from '@azure/cosmos';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTAINER_DEFINITIONS } from '../functions/_shared/cosmos/containers.js';
import {
  type CosmosServer,
  lookupIndexUses,
  setLookupIndex,
  setSortedPages,
  sortedPageUses,
  startCosmosServer,
} from './cosmos-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cosmos-server-test-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function start(dataDir?: string): Promise<CosmosServer> {
  const server = await startCosmosServer(dataDir ? { dataDir } : {});
  cleanups.push(() => server.stop());
  return server;
}

function client(server: CosmosServer): CosmosClient {
  return new CosmosClient({
    endpoint: server.endpoint,
    key: server.key,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
}

async function contactsContainer(server: CosmosServer): Promise<Container> {
  const { database } = await client(server).databases.createIfNotExists({ id: 'momentum' });
  const { container } = await database.containers.createIfNotExists({
    id: 'contacts',
    partitionKey: { paths: ['/ownerId'] },
  });
  return container;
}

const contacts = [
  {
    id: 'ann',
    ownerId: 'owner-1',
    status: 'lead',
    createdAt: '2026-01-05T09:00:00.000Z',
    tags: ['vip', 'founder'],
  },
  { id: 'bob', ownerId: 'owner-1', status: 'lead', createdAt: '2026-01-03T09:00:00.000Z', tags: ['cto'] },
  { id: 'cid', ownerId: 'owner-1', status: 'lead', createdAt: '2026-01-05T09:00:00.000Z', tags: [] },
  { id: 'dee', ownerId: 'owner-1', status: 'won', createdAt: '2026-01-01T09:00:00.000Z', tags: ['vip'] },
  { id: 'eve', ownerId: 'owner-1', status: 'lead', createdAt: '2026-01-04T09:00:00.000Z' },
  { id: 'fay', ownerId: 'owner-1', status: 'lead', createdAt: '2026-01-02T09:00:00.000Z', tags: ['vip'] },
  // Same id in another partition: point reads and owner-filtered queries must keep them apart.
  { id: 'ann', ownerId: 'owner-2', status: 'lead', createdAt: '2026-01-06T09:00:00.000Z', tags: ['vip'] },
];

async function allDocuments(container: Container): Promise<ItemDefinition[]> {
  const { resources } = await container.items.readAll().fetchAll();
  return resources;
}

describe('startCosmosServer with a data directory', () => {
  it('brings back databases, containers and documents unchanged after a restart', async () => {
    const dataDir = await tempDir();
    const first = await start(dataDir);
    const container = await contactsContainer(first);
    for (const contact of contacts) await container.items.create(contact);
    await container.item('bob', 'owner-1').replace({ ...contacts[1], status: 'met' });
    await container.item('dee', 'owner-1').delete();
    await container.item('eve', 'owner-1').patch([{ op: 'add', path: '/tags', value: ['new'] }]);
    const database = (await container.database.read()).resource;
    const definition = (await container.read()).resource;
    const documents = await allDocuments(container);
    await first.stop();

    const second = await start(dataDir);
    const restored = client(second).database('momentum').container('contacts');
    expect((await restored.database.read()).resource).toEqual(database);
    expect((await restored.read()).resource).toEqual(definition);
    expect(definition?.partitionKey?.paths).toEqual(['/ownerId']);
    expect(await allDocuments(restored)).toEqual(documents);
    expect(documents.map((d) => `${d.ownerId}/${d.id}`).sort()).toEqual(
      ['owner-1/ann', 'owner-1/bob', 'owner-1/cid', 'owner-1/eve', 'owner-1/fay', 'owner-2/ann'].sort(),
    );

    const ann2 = (await restored.item('ann', 'owner-2').read()).resource;
    expect(ann2).toEqual(documents.find((d) => d.id === 'ann' && d.ownerId === 'owner-2'));
    expect((await restored.item('dee', 'owner-1').read()).statusCode).toBe(404);
    const { resources: leads } = await restored.items
      .query({
        query: 'SELECT VALUE c.id FROM c WHERE c.ownerId = @owner AND c.status = @status',
        parameters: [
          { name: '@owner', value: 'owner-1' },
          { name: '@status', value: 'lead' },
        ],
      })
      .fetchAll();
    expect(leads.sort()).toEqual(['ann', 'cid', 'eve', 'fay']);

    // The restored _etag still guards writes, and new documents get fresh _rids.
    const bob = documents.find((d) => d.id === 'bob')!;
    await expect(
      restored
        .item('bob', 'owner-1')
        .replace({ ...bob, status: 'won' }, { accessCondition: { type: 'IfMatch', condition: 'stale' } }),
    ).rejects.toMatchObject({ code: 412 });
    const replaced = await restored
      .item('bob', 'owner-1')
      .replace({ ...bob, status: 'won' }, { accessCondition: { type: 'IfMatch', condition: bob._etag! } });
    expect(replaced.statusCode).toBe(200);
    await restored.items.create({ id: 'gus', ownerId: 'owner-1' });
    const rids = (await allDocuments(restored)).map((d) => d._rid);
    expect(new Set(rids).size).toBe(7);
  });

  it("keeps a container's documents when its indexing policy is replaced, across a restart too", async () => {
    const dataDir = await tempDir();
    const first = await start(dataDir);
    const container = await contactsContainer(first);
    for (const doc of contacts) await container.items.create(doc);
    const { resource } = await container.read();
    const compositeIndexes = [
      [
        { path: '/createdAt', order: 'descending' as const },
        { path: '/id', order: 'descending' as const },
      ],
    ];
    await container.replace({
      ...resource!,
      indexingPolicy: { ...resource!.indexingPolicy, compositeIndexes },
    });
    expect(await allDocuments(container)).toHaveLength(contacts.length);
    const query = 'SELECT c.id FROM c WHERE c.ownerId = @o ORDER BY c.createdAt DESC, c.id DESC';
    const ordered = async (c: Container) =>
      (
        await c.items.query({ query, parameters: [{ name: '@o', value: 'owner-1' }] }).fetchAll()
      ).resources.map((r) => r.id);
    expect(await ordered(container)).toEqual(['cid', 'ann', 'eve', 'bob', 'fay', 'dee']);
    await container.items.create({ id: 'gus', ownerId: 'owner-1', createdAt: '2026-01-07T09:00:00.000Z' });
    await first.stop();
    const restored = await contactsContainer(await start(dataDir));
    expect(await allDocuments(restored)).toHaveLength(contacts.length + 1);
    expect((await ordered(restored))[0]).toBe('gus');
  });

  it('keeps every acknowledged write when the process is killed without stopping', async () => {
    const dataDir = await tempDir();
    // A separate process, so the kill is real: no stop(), no exit handlers, nothing flushed late.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', crashChild(dataDir)],
      {
        cwd: fileURLToPath(new URL('..', import.meta.url)),
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    cleanups.push(async () => void child.kill('SIGKILL'));
    const acknowledged = await new Promise<ItemDefinition[]>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        const line = out.split('\n').find((l) => l.startsWith('ACKED '));
        if (!line) return;
        child.kill('SIGKILL');
        resolve(JSON.parse(line.slice('ACKED '.length)));
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${out}`)));
    });
    await new Promise((resolve) => child.once('exit', resolve));

    const server = await start(dataDir);
    const restored = client(server).database('momentum').container('contacts');
    expect(await allDocuments(restored)).toEqual(acknowledged);
    expect(acknowledged.map((d) => `${d.id}:${d.status}`).sort()).toEqual([
      'ann:met',
      'bob:lead',
      'zed:lead',
    ]);
  }, 30_000);
});

// Writes some contacts, lets them reach a snapshot, then changes them again (journal only) and
// reports what the client was acknowledged, and waits to be killed.
function crashChild(dataDir: string): string {
  const module = new URL('./cosmos-server.ts', import.meta.url).href;
  return `
    import { CosmosClient } from '@azure/cosmos';
    import { startCosmosServer } from ${JSON.stringify(module)};
    const server = await startCosmosServer({ dataDir: ${JSON.stringify(dataDir)}, snapshotDelayMs: 20 });
    const client = new CosmosClient({ endpoint: server.endpoint, key: server.key,
      connectionPolicy: { enableEndpointDiscovery: false } });
    const { database } = await client.databases.createIfNotExists({ id: 'momentum' });
    const { container } = await database.containers.createIfNotExists({ id: 'contacts',
      partitionKey: { paths: ['/ownerId'] } });
    for (const id of ['ann', 'bob', 'cid']) await container.items.create({ id, ownerId: 'o', status: 'lead' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await container.item('ann', 'o').replace({ id: 'ann', ownerId: 'o', status: 'met' });
    await container.item('cid', 'o').delete();
    await container.items.create({ id: 'zed', ownerId: 'o', status: 'lead' });
    const { resources } = await container.items.readAll().fetchAll();
    console.log('ACKED ' + JSON.stringify(resources));
    setInterval(() => {}, 1000);
  `;
}

describe('queries through the patched server', () => {
  it('pages a parameterised ORDER BY query with continuation tokens', async () => {
    const container = await contactsContainer(await start());
    for (const contact of contacts) await container.items.create(contact);
    const iterator = container.items.query(
      {
        query:
          'SELECT c.id, c.createdAt FROM c WHERE c.ownerId = @owner AND c.status = @status ORDER BY c.createdAt DESC',
        parameters: [
          { name: '@owner', value: 'owner-1' },
          { name: '@status', value: 'lead' },
        ],
      },
      { maxItemCount: 2 },
    );
    const pages: unknown[] = [];
    while (iterator.hasMoreResults()) {
      const { resources } = await iterator.fetchNext();
      if (resources.length) pages.push(resources);
    }
    expect(pages).toEqual([
      [
        { id: 'ann', createdAt: '2026-01-05T09:00:00.000Z' },
        { id: 'cid', createdAt: '2026-01-05T09:00:00.000Z' },
      ],
      [
        { id: 'eve', createdAt: '2026-01-04T09:00:00.000Z' },
        { id: 'bob', createdAt: '2026-01-03T09:00:00.000Z' },
      ],
      [{ id: 'fay', createdAt: '2026-01-02T09:00:00.000Z' }],
    ]);
  });

  it('answers JOIN and COUNT queries within one owner', async () => {
    const container = await contactsContainer(await start());
    for (const contact of contacts) await container.items.create(contact);
    const owner = [{ name: '@owner', value: 'owner-1' }];
    const { resources: tags } = await container.items
      .query({
        query: 'SELECT c.id, t AS tag FROM c JOIN t IN c.tags WHERE c.ownerId = @owner',
        parameters: owner,
      })
      .fetchAll();
    expect(tags).toEqual([
      { id: 'ann', tag: 'vip' },
      { id: 'ann', tag: 'founder' },
      { id: 'bob', tag: 'cto' },
      { id: 'dee', tag: 'vip' },
      { id: 'fay', tag: 'vip' },
    ]);
    const { resources: count } = await container.items
      .query({
        query: "SELECT VALUE COUNT(1) FROM c WHERE c.ownerId = @owner AND ARRAY_CONTAINS(c.tags, 'vip')",
        parameters: owner,
      })
      .fetchAll();
    expect(count).toEqual([3]);
  });
});

// The patched server answers queries that pin documents down by id or `identities` from an index
// (lib/account/lookup-index.js in the patch). Each query here runs twice, through the index and
// as the full scan the package does as published, and both answers must be identical.
describe('lookup index of the patched server', () => {
  const LOOKUP =
    'SELECT * FROM c WHERE c.ownerId = @owner AND (ARRAY_CONTAINS(@ids, c.id) OR ' +
    'EXISTS(SELECT VALUE i FROM i IN c.identities WHERE ARRAY_CONTAINS(@ids, i)))';
  const lookup = (owner: string, ids: unknown[]): SqlQuerySpec => ({
    query: LOOKUP,
    parameters: [
      { name: '@owner', value: owner },
      { name: '@ids', value: ids as string[] },
    ],
  });

  afterEach(() => setLookupIndex(true));

  /** Runs the query with the index and with the full scan; returns both answers and whether the index was used. */
  async function both(container: Container, spec: SqlQuerySpec, options: FeedOptions = {}) {
    const run = async (indexed: boolean) => {
      setLookupIndex(indexed);
      const before = lookupIndexUses();
      const iterator = container.items.query(spec, options);
      const pages: unknown[][] = [];
      while (iterator.hasMoreResults()) {
        const { resources } = await iterator.fetchNext();
        if (resources.length) pages.push(resources);
      }
      return { pages, used: lookupIndexUses() > before };
    };
    const scan = await run(false);
    const fast = await run(true);
    setLookupIndex(true);
    expect(scan.used).toBe(false);
    return { fast: fast.pages, scan: scan.pages, used: fast.used };
  }

  const ids = (pages: unknown[][]) =>
    pages
      .flat()
      .map((d) => `${(d as ItemDefinition).ownerId}/${(d as ItemDefinition).id}`)
      .sort();

  it('finds by id and by any identity, only within the owner, exactly as the scan does', async () => {
    const container = await contactsContainer(await start());
    const docs = [
      { id: 'h-ann', ownerId: 'o1', identities: ['h-ann', 'h-ann-phone', 'h-ann-linkedin'] },
      { id: 'h-bob', ownerId: 'o1', identities: ['h-bob'] },
      // Stored before identities existed: found by id only.
      { id: 'h-old', ownerId: 'o1' },
      { id: 'h-nul', ownerId: 'o1', identities: null },
      { id: 'h-num', ownerId: 'o1', identities: [7, null, true, { h: 'h-obj' }] },
      // Another owner with the same id and an identity of ann's.
      { id: 'h-ann', ownerId: 'o2', identities: ['h-ann', 'h-ann-phone'] },
      { id: 'h-eve', ownerId: 'o2', identities: ['h-bob'] },
    ];
    for (const doc of docs) await container.items.create(doc);

    const asked = ['h-ann-phone', 'h-old', 'h-bob', 'nobody', 7, null, true, 'h-eve'];
    const o1 = await both(container, lookup('o1', asked));
    expect(o1.used).toBe(true);
    expect(o1.fast).toEqual(o1.scan);
    expect(ids(o1.fast)).toEqual(['o1/h-ann', 'o1/h-bob', 'o1/h-num', 'o1/h-old']);
    const o2 = await both(container, lookup('o2', asked));
    expect(o2.fast).toEqual(o2.scan);
    expect(ids(o2.fast)).toEqual(['o2/h-ann', 'o2/h-eve']);

    // Paged: the same pages and continuation tokens.
    const paged = await both(container, lookup('o1', asked), { maxItemCount: 2 });
    expect(paged.fast).toEqual(paged.scan);
    expect(paged.fast).toHaveLength(2);

    // Other recognised shapes.
    for (const spec of [
      { query: 'SELECT VALUE c.id FROM c WHERE c.id = @id', parameters: [{ name: '@id', value: 'h-ann' }] },
      {
        query: 'SELECT VALUE COUNT(1) FROM c WHERE ARRAY_CONTAINS(c.identities, @one)',
        parameters: [{ name: '@one', value: 'h-bob' }],
      },
      { query: "SELECT c.id, c.ownerId FROM c WHERE ARRAY_CONTAINS(c.identities, 7) AND c.ownerId = 'o1'" },
      {
        query: 'SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id) ORDER BY c.ownerId DESC',
        parameters: [{ name: '@ids', value: ['h-ann', 'h-old'] }],
      },
    ]) {
      const r = await both(container, spec);
      expect(r.used, spec.query).toBe(true);
      expect(r.fast, spec.query).toEqual(r.scan);
      expect(r.fast.flat().length, spec.query).toBeGreaterThan(0);
    }

    // Shapes the index cannot bound fall back to the scan, with the same answer.
    for (const spec of [
      {
        query: "SELECT * FROM c WHERE ARRAY_CONTAINS(@ids, c.id) OR c.ownerId = 'o2'",
        parameters: [{ name: '@ids', value: ['h-ann'] }],
      },
      // An object among the values could equal an object element: not indexed.
      lookup('o1', ['nobody', { h: 'h-obj' }]),
      {
        query: 'SELECT * FROM c WHERE NOT ARRAY_CONTAINS(@ids, c.id)',
        parameters: [{ name: '@ids', value: ['h-ann'] }],
      },
    ]) {
      const r = await both(container, spec);
      expect(r.used, spec.query).toBe(false);
      expect(r.fast, spec.query).toEqual(r.scan);
    }
  });

  it('follows replaces, upserts, patches and deletes, and is rebuilt after a restart', async () => {
    const dataDir = await tempDir();
    const server = await start(dataDir);
    const container = await contactsContainer(server);
    // A small pool of identity values, so documents share them and the index holds several
    // documents per value; operations picked by a fixed pseudo-random sequence.
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pool = Array.from({ length: 12 }, (_, i) => `v${i}`);
    const pick = () => Array.from({ length: next(4) }, () => pool[next(pool.length)]!);
    const owners = ['o1', 'o2'];
    const docId = () => `d${next(20)}`;
    for (let step = 0; step < 150; step += 1) {
      const id = docId();
      const ownerId = owners[next(2)]!;
      const body = next(5) === 0 ? { id, ownerId } : { id, ownerId, identities: pick() };
      const existing = (await container.item(id, ownerId).read()).resource;
      const op = next(5);
      if (!existing) await container.items.create(body);
      else if (op === 0) await container.item(id, ownerId).delete();
      else if (op === 1) await container.item(id, ownerId).replace(body);
      else if (op === 2) await container.items.upsert(body);
      else if (op === 3)
        await container.item(id, ownerId).patch([{ op: 'set', path: '/identities', value: pick() }]);
      else
        await container
          .item(id, ownerId)
          .patch([{ op: 'remove', path: '/identities' }])
          .catch(() => undefined);
    }
    const check = async (c: Container) => {
      let nonEmpty = 0;
      for (let q = 0; q < 12; q += 1) {
        for (const owner of owners) {
          const asked = [...pick(), docId(), docId()];
          const r = await both(c, lookup(owner, asked));
          expect(r.used).toBe(true);
          expect(r.fast, JSON.stringify(asked)).toEqual(r.scan);
          if (r.fast.length) nonEmpty += 1;
        }
      }
      expect(nonEmpty).toBeGreaterThan(5);
    };
    await check(container);
    await server.stop();
    const restarted = await start(dataDir);
    await check(client(restarted).database('momentum').container('contacts'));
  }, 60_000);

  it('answers a document whose identities is not an array as the scan does', async () => {
    const container = await contactsContainer(await start());
    await container.items.create({ id: 'a', ownerId: 'o1', identities: ['x'] });
    await container.items.create({ id: 'b', ownerId: 'o1', identities: 'x' });
    const outcome = async (indexed: boolean) => {
      setLookupIndex(indexed);
      return container.items
        .query(lookup('o1', ['x']))
        .fetchAll()
        .then(
          (r) => ({ ok: r.resources }),
          (e: { code?: number }) => ({ error: e.code }),
        );
    };
    const scan = await outcome(false);
    const fast = await outcome(true);
    expect(fast).toEqual(scan);
  });
});

describe('ARRAY_CONTAINS over a parameter array (patched to use a Set)', () => {
  it('matches the element-by-element comparison of an inline array', () => {
    const query = createRequire(import.meta.url)('@zeit/cosmosdb-query').default as (sql: string) => {
      exec(
        docs: unknown[],
        options: { parameters: { name: string; value: unknown }[] },
      ): { result: unknown[] };
    };
    const values = ['a', 'b', 1, 0, null, true, false, { k: 1 }, [1], '1'];
    const docs = [...values, 'zz', 2, { k: 2 }, [2], -0].map((v, i) => ({ id: `d${i}`, _rid: `r${i}`, v }));
    const inline = query(
      `SELECT VALUE c.id FROM c WHERE ARRAY_CONTAINS(${JSON.stringify(values)}, c.v)`,
    ).exec(docs, {
      parameters: [],
    });
    const param = query('SELECT VALUE c.id FROM c WHERE ARRAY_CONTAINS(@vs, c.v)').exec(docs, {
      parameters: [{ name: '@vs', value: values }],
    });
    expect(param.result).toEqual(inline.result);
    // Ordered by _rid (strings): d14 (the -0, equal to 0) sorts before d2.
    expect(param.result).toEqual(['d0', 'd1', 'd14', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9']);
  });
});

// ORDER BY pages come from a bounded selection in the patched query engine (`sortPage` in
// patches/@zeit+cosmosdb-query+0.7.2.patch) instead of a full sort per page. Each query here is
// paged to the end, a request per page carrying the previous token, once with the selection and
// once as published (setSortedPages(false)); pages and tokens must be identical.
describe('ORDER BY pages of the patched server', () => {
  const names = ['ada ng', 'ben lee', 'ada ng', 'cy ro', 'ben lee', 'ada ng', 'dee', 'cy ro'];
  // Few distinct values, so most rows tie on the sort field and only the id (or _rid) orders them.
  // Inserted out of id order; some lack sortName, one has it null, one has a number.
  const docs = Array.from({ length: 37 }, (_, i) => {
    const n = (i * 11) % 37;
    const doc: Record<string, unknown> = {
      id: `c-${String(n).padStart(2, '0')}`,
      ownerId: n % 9 === 0 ? 'owner-2' : 'owner-1',
      status: n % 3 === 0 ? 'won' : 'lead',
      createdAt: `2026-01-0${1 + (n % 4)}T09:00:00.000Z`,
      updatedAt: `2026-02-0${1 + (n % 3)}T09:00:00.000Z`,
      sortCompany: n % 2 ? 'acme' : 'globex',
      tags: n % 4 === 0 ? ['vip', 'cto'] : ['vip'],
    };
    if (n % 10 !== 7) doc.sortName = names[n % names.length];
    if (n === 12) doc.sortName = null;
    if (n === 13) doc.sortName = 42;
    return doc;
  });
  const owner = { name: '@owner', value: 'owner-1' };

  async function container(): Promise<Container> {
    const { database } = await client(await start()).databases.createIfNotExists({ id: 'momentum' });
    const { container: c } = await database.containers.createIfNotExists({
      id: 'contacts',
      partitionKey: { paths: ['/ownerId'] },
      indexingPolicy: { compositeIndexes: [...CONTAINER_DEFINITIONS.contacts.compositeIndexes] },
    });
    for (const doc of docs) await c.items.create(doc);
    return c;
  }

  type Page = { ids: unknown[]; token: string | undefined };
  async function pages(c: Container, spec: SqlQuerySpec, maxItemCount: number): Promise<Page[]> {
    const out: Page[] = [];
    let token: string | undefined;
    do {
      const page = await c.items.query(spec, { maxItemCount, continuationToken: token }).fetchNext();
      token = page.continuationToken;
      out.push({ ids: page.resources.map((r) => (typeof r === 'object' && r ? [r.id, r.t] : r)), token });
      // As published, a token over a row lacking the field stores null for it, so a DESC composite
      // order can serve the same row again and again; both paths must do exactly that, so stop.
      if (out.length > 60) break;
    } while (token);
    return out;
  }

  async function sameAsPublished(
    c: Container,
    spec: SqlQuerySpec,
    maxItemCount: number,
    everyPage = true,
  ): Promise<Page[]> {
    const before = sortedPageUses();
    const fast = await pages(c, spec, maxItemCount);
    const used = sortedPageUses() - before;
    setSortedPages(false);
    try {
      const published = await pages(c, spec, maxItemCount);
      expect(sortedPageUses() - before).toBe(used);
      expect(fast).toEqual(published);
    } finally {
      setSortedPages(true);
    }
    // Every page came from the selection (the published path would not count). Rows of one
    // document (JOIN) may run back across a page start, and that page is left to the full sort.
    if (everyPage) expect(used).toBe(fast.length);
    else expect(used).toBeGreaterThan(0);
    return fast;
  }

  const ids = (ps: Page[]) => ps.flatMap((p) => p.ids.map((v) => (Array.isArray(v) ? v[0] : v)));

  it('returns every page and token as the full sort does, for single and composite keys', async () => {
    const c = await container();
    const filters = ['', ' AND c.status = @status', ' AND ARRAY_CONTAINS(c.tags, @tag)'];
    for (const field of ['sortName', 'sortCompany', 'createdAt', 'updatedAt']) {
      for (const dir of ['ASC', 'DESC']) {
        for (const [f, filter] of filters.entries()) {
          const parameters = [
            owner,
            { name: '@status', value: 'lead' },
            { name: '@tag', value: 'cto' },
          ].slice(0, 1 + f);
          const where = `WHERE c.ownerId = @owner${filter}`;
          for (const order of [`c.${field} ${dir}`, `c.${field} ${dir}, c.id ${dir}`]) {
            const spec = {
              query: `SELECT * FROM c ${where} ORDER BY ${order}`,
              parameters: parameters.slice(0, 1 + f),
            };
            for (const size of [1, 3, 50]) await sameAsPublished(c, spec, size);
          }
        }
      }
    }
  }, 120_000);

  it('orders ties by id, keeps rows lacking the field only under a composite ORDER BY', async () => {
    const c = await container();
    const mine = docs.filter((d) => d.ownerId === 'owner-1');
    const composite = await sameAsPublished(
      c,
      {
        query: 'SELECT * FROM c WHERE c.ownerId = @owner ORDER BY c.sortName ASC, c.id ASC',
        parameters: [owner],
      },
      4,
    );
    // Undefined first, then null, numbers, strings; ties by id.
    const rank = (v: unknown) => (v === undefined ? 0 : v === null ? 1 : typeof v === 'number' ? 2 : 3);
    const expected = [...mine]
      .sort((a, b) => {
        const [x, y] = [a.sortName, b.sortName];
        if (rank(x) !== rank(y)) return rank(x) - rank(y);
        if (x !== y) return (x as string) < (y as string) ? -1 : 1;
        return (a.id as string) < (b.id as string) ? -1 : 1;
      })
      .map((d) => d.id);
    expect(ids(composite)).toEqual(expected);
    const single = await sameAsPublished(
      c,
      { query: 'SELECT * FROM c WHERE c.ownerId = @owner ORDER BY c.sortName DESC', parameters: [owner] },
      5,
    );
    expect(new Set(ids(single))).toEqual(
      new Set(mine.filter((d) => d.sortName !== undefined).map((d) => d.id)),
    );
  }, 60_000);

  it('pages TOP, id-after and projected queries, and JOINs whose rows share a document', async () => {
    const c = await container();
    const specs: SqlQuerySpec[] = [
      {
        query: 'SELECT TOP 7 * FROM c WHERE c.ownerId = @owner AND c.id > @after ORDER BY c.id',
        parameters: [owner, { name: '@after', value: 'c-05' }],
      },
      {
        query: 'SELECT TOP @n * FROM c WHERE c.ownerId = @owner ORDER BY c.createdAt DESC, c.id DESC',
        parameters: [owner, { name: '@n', value: 11 }],
      },
      { query: 'SELECT TOP 0 * FROM c WHERE c.ownerId = @owner ORDER BY c.id', parameters: [owner] },
      {
        query: 'SELECT c.id, c.sortName FROM c WHERE c.ownerId = @owner ORDER BY c.updatedAt ASC, c.id ASC',
        parameters: [owner],
      },
      {
        query: 'SELECT c.id, t FROM c JOIN t IN c.tags WHERE c.ownerId = @owner ORDER BY c.createdAt DESC',
        parameters: [owner],
      },
    ];
    for (const spec of specs) {
      for (const size of [1, 2, 3, 50]) await sameAsPublished(c, spec, size, !spec.query.includes('JOIN'));
    }
    const top = await sameAsPublished(c, specs[0]!, 3);
    expect(ids(top)).toEqual(
      docs
        .filter((d) => d.ownerId === 'owner-1' && (d.id as string) > 'c-05')
        .map((d) => d.id as string)
        .sort()
        .slice(0, 7),
    );
    expect(top.map((p) => p.ids.length)).toEqual([3, 3, 1]);
  }, 60_000);
});

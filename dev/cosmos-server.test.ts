import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Container, CosmosClient, type ItemDefinition } from '@azure/cosmos';
import { afterEach, describe, expect, it } from 'vitest';
import { type CosmosServer, startCosmosServer } from './cosmos-server.js';

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

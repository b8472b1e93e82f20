import { fork } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startCosmosServer } from '../dev/cosmos-server.js';
import type { ContactStore } from '../functions/contacts/contact-store.js';

/**
 * One import of a CSV into the local Cosmos API, through the code the import-jobs worker runs:
 * openTable → processTable → applyChunk (upsert by identity) with the counting Cosmos contact store.
 * Runs in a child process (bench/import.bench.ts) whose environment already points the functions
 * code at the server, so its peak RSS is the import's own and the server works on another core.
 */
export interface CosmosRun {
  rows: number;
  chunks: number;
  seconds: number;
  /** Operations on the contacts container, each one inside a bulk call counted. */
  contactOperations: number;
  /** The import document saved after each chunk (import.ts): one operation per chunk. */
  progressOperations: number;
  created: number;
  updated: number;
  unchanged: number;
  duplicatesInFile: number;
  rejected: number;
  /** Time spent waiting for the store, per kind of call. */
  storeSeconds: { create: number; findByIdentities: number; replace: number };
  /** Contacts of the owner in the container afterwards (a COUNT query, not part of the import). */
  storedContacts: number;
  maxRssMB: number;
}

export const BENCH_OWNER = 'bench-owner';
const CHUNK_ROWS = 500; // IMPORT_CHUNK_ROWS' default
const round = (n: number) => Number(n.toFixed(2));

export async function importIntoCosmos(file: string, importId: string): Promise<CosmosRun> {
  if (!process.env.COSMOS_ENDPOINT)
    throw new Error('COSMOS_ENDPOINT must be set before the functions code loads');
  // Loaded only now: the functions code reads its configuration from the environment on first use.
  const { openTable } = await import('../functions/import/parse/open-table.js');
  const { processTable } = await import('../functions/import/pipeline.js');
  const { applyChunk } = await import('../functions/import/apply-chunk.js');
  const { createCosmosContactStore } = await import('../functions/contacts/cosmos-contact-store.js');
  const { autoMap } = await import('../functions/import/mapping.js');
  const { getContainer } = await import('../functions/_shared/cosmos/client.js');
  const contacts = await getContainer('contacts'); // creates database and container outside the timing

  const cosmos = createCosmosContactStore();
  // Where the time goes: the lookup by identity is a query, which the local server answers by scanning.
  const waited = { createMs: 0, readMs: 0, replaceMs: 0 };
  const timed =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>, key: keyof typeof waited) =>
    async (...args: A): Promise<R> => {
      const t = performance.now();
      try {
        return await fn(...args);
      } finally {
        waited[key] += performance.now() - t;
      }
    };
  const store: ContactStore = {
    ...cosmos,
    createMany: timed(cosmos.createMany, 'createMs'),
    findByIdentities: timed(cosmos.findByIdentities, 'readMs'),
    replaceMany: timed(cosmos.replaceMany, 'replaceMs'),
  };
  const run = { rows: 0, chunks: 0, created: 0, updated: 0, unchanged: 0, duplicatesInFile: 0, rejected: 0 };
  const started = performance.now();
  const table = await openTable({
    fileName: file,
    source: createReadStream(file),
    maxBytes: Number.POSITIVE_INFINITY,
  });
  const mapping = autoMap(table.headers, table.format);
  for await (const chunk of processTable(table, mapping, { chunkRows: CHUNK_ROWS, source: table.format })) {
    const now = new Date().toISOString();
    const written = await applyChunk(
      { ownerId: BENCH_OWNER, importId, now, drafts: chunk.drafts, seenEarlier: chunk.seenEarlier },
      store,
    );
    run.rows += chunk.rowCount;
    run.chunks++;
    run.created += written.created;
    run.updated += written.updated;
    run.unchanged += written.unchanged;
    run.duplicatesInFile += chunk.duplicatesInFile + written.duplicatesInFile;
    run.rejected += chunk.rejected.length;
  }
  const seconds = (performance.now() - started) / 1000;

  const { resources } = await contacts.items
    .query<number>({
      query: 'SELECT VALUE COUNT(1) FROM c WHERE c.ownerId = @owner',
      parameters: [{ name: '@owner', value: BENCH_OWNER }],
    })
    .fetchAll();
  return {
    ...run,
    seconds,
    contactOperations: cosmos.operations(),
    storeSeconds: {
      create: round(waited.createMs / 1000),
      findByIdentities: round(waited.readMs / 1000),
      replace: round(waited.replaceMs / 1000),
    },
    progressOperations: run.chunks,
    storedContacts: resources[0] ?? 0,
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

export interface EndToEnd {
  /** Every contact new to the container. */
  first: CosmosRun;
  /** The same file again: every contact already stored, nothing to change. */
  again: CosmosRun;
}

const CHILD_FLAG = '--cosmos-import';
const CHILD_TIMEOUT_MS = 15 * 60_000;

/** Starts the local Cosmos API (in memory), imports the file twice, each in its own process, and stops it. */
export async function endToEndIntoCosmos(file: string): Promise<EndToEnd> {
  const server = await startCosmosServer();
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      COSMOS_ENDPOINT: server.endpoint,
      COSMOS_KEY: server.key,
      COSMOS_DISABLE_ENDPOINT_DISCOVERY: 'true',
      COSMOS_DATABASE: 'bench',
      // Required by the configuration; no queue or blob is touched by this path.
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
    };
    delete env.COSMOS_CONNECTION_STRING;
    const first = await child(file, 'bench-import-1', env);
    const again = await child(file, 'bench-import-2', env);
    // Figures from a wrong import would be worthless: the counts must add up.
    const consistent =
      first.storedContacts === first.created &&
      again.created + again.updated === 0 &&
      again.unchanged === first.created &&
      again.storedContacts === first.storedContacts;
    if (!consistent) throw new Error(`import counts do not add up: ${JSON.stringify({ first, again })}`);
    return { first, again };
  } finally {
    await server.stop();
  }
}

function child(file: string, importId: string, env: NodeJS.ProcessEnv): Promise<CosmosRun> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, file, importId], {
      env,
      stdio: 'inherit',
    });
    const timer = setTimeout(() => {
      proc.kill();
      reject(new Error(`import into Cosmos did not finish within ${CHILD_TIMEOUT_MS / 60_000} min`));
    }, CHILD_TIMEOUT_MS);
    proc.once('message', (message) => resolve(message as CosmosRun));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`import into Cosmos exited with ${code}`));
    });
  });
}

const childAt = process.argv.indexOf(CHILD_FLAG);
if (childAt > 0) {
  const result = await importIntoCosmos(process.argv[childAt + 1]!, process.argv[childAt + 2]!);
  // The Cosmos client keeps sockets open: leave once the parent has the result.
  process.send?.(result, () => process.exit(0));
}

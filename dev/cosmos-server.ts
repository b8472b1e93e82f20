import type { Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { createHttpServer } from '@vercel/cosmosdb-server';
import { Journal, type LoadedDataDir, loadDataDir, lockDataDir, writeSnapshot } from './cosmos-data-dir.js';
import { type Account, applyRecord, type StoreRecord, snapshotRecords, watchStore } from './cosmos-store.js';

/** The Cosmos DB Emulator's published key. The local server accepts any key; clients need one. */
export const COSMOS_EMULATOR_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

export interface CosmosServerOptions {
  /** 0 (the default) picks a free port; the chosen one is returned. */
  port?: number;
  host?: string;
  /** Keeps the store here across restarts. Without it, data lives in memory only. */
  dataDir?: string;
  /** Quiet time after the last write before the journal is compacted into a snapshot. */
  snapshotDelayMs?: number;
}

export interface CosmosServer {
  endpoint: string;
  key: string;
  port: number;
  /** Finishes in-flight requests, writes a final snapshot and releases the data directory. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const serverItems = require('@vercel/cosmosdb-server/lib/account/items.js') as {
  default: { lookupIndexEnabled?: boolean; lookupIndexUses: number };
};

/**
 * Switches the patched server's lookup index (patches/@vercel+cosmosdb-server+1.0.1.patch,
 * lib/account/lookup-index.js) on or off for every server in this process. Off, every query scans
 * all documents as the package does as published; tests and benchmarks compare the two.
 */
export function setLookupIndex(enabled: boolean): void {
  if (serverItems.default.lookupIndexEnabled === undefined)
    throw new Error('lookup index missing: is the cosmosdb-server patch applied?');
  serverItems.default.lookupIndexEnabled = enabled;
}

/** How many queries the lookup index has answered in this process (for tests). */
export function lookupIndexUses(): number {
  return serverItems.default.lookupIndexUses;
}

const queryHelpers = require('@zeit/cosmosdb-query/lib/helpers.js') as {
  sortPageEnabled?: boolean;
  sortPageUses: number;
};

/**
 * Switches the patched query engine's page selection for ORDER BY queries
 * (patches/@zeit+cosmosdb-query+0.7.2.patch, `sortPage` in lib/helpers.js) on or off for this
 * process. Off, every page sorts all matching rows and slices at the continuation, as published.
 */
export function setSortedPages(enabled: boolean): void {
  if (queryHelpers.sortPageEnabled === undefined)
    throw new Error('sortPage missing: is the cosmosdb-query patch applied?');
  queryHelpers.sortPageEnabled = enabled;
}

/** How many ORDER BY pages the page selection has answered in this process (for tests). */
export function sortedPageUses(): number {
  return queryHelpers.sortPageUses;
}

// Under constant writes the trailing debounce would never fire, so the journal is also compacted
// once it has grown as large as the last snapshot (at least this much). A size bound rather than
// a time bound: a full snapshot of 100k documents costs ~1 s of the server's only thread, and
// taking one every few seconds during a bulk import slowed the import; by size, compaction work
// stays proportional to the writes, and a restart replays at most about one snapshot's worth.
const COMPACT_MIN_JOURNAL_BYTES = 32 * 1024 * 1024;

/**
 * Starts the Cosmos DB API for the local runtime and tests: @vercel/cosmosdb-server on plain
 * HTTP, patched (patches/) for linear-time queries. Connect the real SDK with
 *   new CosmosClient({ endpoint, key, connectionPolicy: { enableEndpointDiscovery: false } })
 * because the account advertises https:// locations that discovery would switch to.
 *
 * Durability with `dataDir`: each change is appended to a journal before its response is sent,
 * so whatever a client saw acknowledged survives a restart, including kill -9 of this process.
 * The journal is not fsynced per write, so an OS crash or power loss can drop the last moments;
 * snapshots are fsynced before they replace the previous one.
 */
export async function startCosmosServer(options: CosmosServerOptions = {}): Promise<CosmosServer> {
  const { port = 0, host = '127.0.0.1', dataDir, snapshotDelayMs = 1000 } = options;
  const unlock = dataDir ? await lockDataDir(dataDir) : undefined;
  try {
    const loaded = dataDir ? await loadDataDir(dataDir) : undefined;
    const server = createHttpServer() as Server & { account?: Account };
    let persistence: Persistence | undefined;
    let restoreError: unknown;
    // Runs after the server's own 'listening' handler created the store and before any request
    // can reach it, so no client ever sees a half-restored store.
    server.once('listening', () => {
      if (!dataDir || !loaded) return;
      try {
        if (!server.account) throw new Error('server.account missing: is the cosmosdb-server patch applied?');
        persistence = new Persistence(dataDir, server.account, loaded, snapshotDelayMs);
      } catch (error) {
        restoreError = error;
      }
    });
    // The acknowledgement of a change must not leave before the change is in the journal.
    server.prependListener('request', (_req, res: ServerResponse) => {
      if (!persistence) return;
      const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
      res.end = ((...args: unknown[]) => {
        persistence?.flush();
        return end(...args);
      }) as ServerResponse['end'];
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    if (restoreError) {
      await closeServer(server);
      throw restoreError;
    }
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    const hostInUrl = host.includes(':') ? `[${host}]` : host;
    let stopping: Promise<void> | undefined;
    return {
      endpoint: `http://${hostInUrl}:${actualPort}/`,
      key: COSMOS_EMULATOR_KEY,
      port: actualPort,
      stop: () => {
        stopping ??= (async () => {
          await closeServer(server);
          await persistence?.close();
          await unlock?.();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await unlock?.();
    throw error;
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}

/** Restores the store from disk, journals every change, and compacts the journal into snapshots. */
class Persistence {
  private readonly journal: Journal;
  private pending: StoreRecord[] = [];
  private dirty = false;
  private journalBytes = 0;
  private compactAtBytes = COMPACT_MIN_JOURNAL_BYTES;
  private timer: NodeJS.Timeout | undefined;
  private snapshotting: Promise<void> | undefined;

  constructor(
    private readonly dir: string,
    private readonly account: Account,
    loaded: LoadedDataDir,
    private readonly delayMs: number,
  ) {
    for (const record of loaded.records) applyRecord(account, record);
    this.journal = new Journal(dir, loaded.nextGeneration);
    watchStore(account, (record) => this.pending.push(record));
    if (loaded.replayedJournal) this.scheduleSnapshot();
  }

  /** Writes pending changes to the journal; called before every response is sent. */
  flush(): void {
    if (this.pending.length === 0) return;
    this.journalBytes += this.journal.append(this.pending);
    this.pending = [];
    this.scheduleSnapshot();
  }

  async close(): Promise<void> {
    this.flush();
    await this.snapshot();
    clearTimeout(this.timer);
    this.journal.close();
  }

  private scheduleSnapshot(): void {
    this.dirty = true;
    clearTimeout(this.timer);
    const wait = this.journalBytes >= this.compactAtBytes ? 0 : this.delayMs;
    this.timer = setTimeout(
      () => {
        this.snapshot().catch((error) =>
          console.error('cosmos-server: snapshot failed, journal kept', error),
        );
      },
      Math.max(0, wait),
    ).unref();
  }

  private async snapshot(): Promise<void> {
    // A failed earlier attempt was already reported; this one retries from the current state.
    while (this.snapshotting) await this.snapshotting.catch(() => undefined);
    if (!this.dirty) return;
    // Until the new snapshot is renamed into place, the old one plus the journals must hold
    // everything, so pending changes go to the old generation before switching.
    this.flush();
    const journalFrom = this.journal.rotate();
    const records = snapshotRecords(this.account);
    this.dirty = false;
    this.journalBytes = 0;
    clearTimeout(this.timer);
    this.snapshotting = writeSnapshot(this.dir, journalFrom, records)
      .then((bytes) => {
        this.compactAtBytes = Math.max(COMPACT_MIN_JOURNAL_BYTES, bytes);
      })
      .catch((error) => {
        this.scheduleSnapshot();
        throw error;
      })
      .finally(() => {
        this.snapshotting = undefined;
      });
    await this.snapshotting;
  }
}

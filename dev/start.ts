import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { createAppServer, type Middleware } from './app-server.js';
import { startAzurite } from './azurite.js';
import { COSMOS_EMULATOR_KEY, startCosmosServer } from './cosmos-server.js';
import { createDevAuth } from './dev-auth.js';
import { createHttpDispatcher } from './host.js';
import { ensurePortFree, freePort } from './ports.js';
import { loadLocalSettings, wantsLocalCosmos, wantsLocalStorage } from './settings.js';
import { startFunctionHost } from './start-host.js';
import { loadSwaConfig } from './swa-rules.js';

/**
 * `npm start`: the whole product on loopback with no credentials — Cosmos API server and
 * Azurite (data under .data/), the local Functions host, and the SPA at http://localhost:4280.
 */
const root = path.resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 4280);
const dataDir = path.resolve(root, process.env.DATA_DIR ?? '.data');
const serveBuilt = process.argv.includes('--built');
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 23)} ${line}`);

async function main() {
  await ensurePortFree(port, 'the app', `start on another port: PORT=${port + 1} npm start`);
  mkdirSync(dataDir, { recursive: true });
  const stops: (() => Promise<void>)[] = [];

  const settings = loadLocalSettings(root);
  if (wantsLocalCosmos(settings)) {
    const cosmos = await startCosmosServer({ dataDir: path.join(dataDir, 'cosmos') });
    stops.unshift(cosmos.stop);
    Object.assign(settings, {
      COSMOS_ENDPOINT: cosmos.endpoint,
      COSMOS_KEY: COSMOS_EMULATOR_KEY,
      COSMOS_DISABLE_ENDPOINT_DISCOVERY: 'true',
    });
    log(`Cosmos DB API (local) at ${cosmos.endpoint}, data in ${path.relative(root, dataDir)}/cosmos`);
  }
  if (wantsLocalStorage(settings)) {
    const azurite = await startAzurite({ location: path.join(dataDir, 'azurite') });
    stops.unshift(azurite.stop);
    settings.AzureWebJobsStorage = azurite.connectionString;
    log(
      `Azurite queues :${azurite.queuePort}, blobs :${azurite.blobPort}, data in ${path.relative(root, dataDir)}/azurite`,
    );
  }
  // Public links (unsubscribe) are signed; a fresh machine gets its own key, kept under .data.
  if (!settings.SIGNING_KEYS && !process.env.SIGNING_KEYS) settings.SIGNING_KEYS = `local:${signingKey()}`;
  // Stored calendar credentials are encrypted; the local key is kept under .data the same way.
  if (!settings.CREDENTIAL_KEYS && !process.env.CREDENTIAL_KEYS) {
    settings.CREDENTIAL_KEYS = `local:${localKey('credentials.key')}`;
  }
  Object.assign(process.env, settings);

  const host = await startFunctionHost(root, log);
  stops.unshift(host.stop);
  const dispatch = createHttpDispatcher(host.registrations, log);

  const auth = createDevAuth(devAuthSecret());
  const swaConfig = loadSwaConfig(path.join(root, 'staticwebapp.config.json'));
  let spa: Middleware | undefined;
  if (!serveBuilt) {
    const { createServer } = await import('vite');
    const vite = await createServer({
      configFile: path.join(root, 'web/vite.config.ts'),
      server: { middlewareMode: true, hmr: { port: await freePort() } },
      appType: 'spa',
      logLevel: 'warn',
    });
    spa = vite.middlewares as unknown as Middleware;
    stops.unshift(() => vite.close());
  }
  const server = createAppServer({ swaConfig, auth, dispatch, spa, staticDir: path.join(root, 'web/dist') });
  await listen(server, port, '127.0.0.1');
  stops.unshift(() => new Promise<void>((resolve) => server.close(() => resolve())));
  log(`Momentum Meet is running at http://localhost:${port}  (Ctrl-C to stop)`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping…`);
    server.closeAllConnections?.();
    for (const stop of stops) {
      try {
        await stop();
      } catch (err) {
        log(`while stopping: ${(err as Error).message}`);
      }
    }
    log('Stopped cleanly.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Signs public links locally; kept under .data so links in the outbox keep working after a restart. */
const signingKey = (): string => localKey('signing.key');

/** 32 random bytes (base64) made once per machine and kept under .data, readable only by its owner. */
function localKey(name: string): string {
  const file = path.join(dataDir, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** Signs the dev session cookie; kept under .data so sign-ins survive restarts. */
function devAuthSecret(): Buffer {
  const file = path.join(dataDir, 'dev-auth.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

function listen(server: Server, listenPort: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, host, () => resolve());
  });
}

main().catch((err) => {
  console.error(`\nCould not start Momentum Meet: ${(err as Error).message}\n`);
  process.exit(1);
});

import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startCosmosServer } from '../../dev/cosmos-server.js';

/**
 * The local Cosmos API server in its own process, as Azure Cosmos DB is its own service: a
 * benchmark's workers then do not share an event loop (and a core) with the database they call.
 */
export interface CosmosProcess {
  endpoint: string;
  stop(): Promise<void>;
}

const CHILD_FLAG = '--cosmos-process';

export function startCosmosProcess(): Promise<CosmosProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [CHILD_FLAG], { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the Cosmos API process exited with ${code}`)));
    child.once('message', (message) => {
      const { endpoint } = message as { endpoint: string };
      resolve({
        endpoint,
        stop: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}

if (process.argv.includes(CHILD_FLAG)) {
  const server = await startCosmosServer();
  process.send?.({ endpoint: server.endpoint });
  process.on('message', async (message) => {
    if (message !== 'stop') return;
    await server.stop();
    process.exit(0);
  });
}

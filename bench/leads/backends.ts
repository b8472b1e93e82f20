import { fork } from 'node:child_process';
import { startAzurite } from '../../dev/azurite.js';
import { startCosmosServer } from '../../dev/cosmos-server.js';

/**
 * The local Cosmos API (in this process) and Azurite (its own process) for the leads benchmarks,
 * and a child runner: each measured part runs in a fresh child whose environment points the
 * functions code at them, so its peak RSS (process.resourceUsage().maxRSS) is its own.
 */
export interface Backends {
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function startBackends(database: string): Promise<Backends> {
  const [cosmos, azurite] = await Promise.all([startCosmosServer(), startAzurite()]);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: cosmos.key,
    COSMOS_DISABLE_ENDPOINT_DISCOVERY: 'true',
    COSMOS_DATABASE: database,
    AzureWebJobsStorage: azurite.connectionString,
  };
  delete env.COSMOS_CONNECTION_STRING;
  return { env, stop: async () => void (await Promise.all([cosmos.stop(), azurite.stop()])) };
}

const TIMEOUT_MS = 20 * 60_000;

/** Runs `file` with `args` in a child process and resolves with the message it sends back. */
export function runChild<T>(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = fork(file, args, { env, stdio: 'inherit' });
    const timer = setTimeout(() => {
      proc.kill();
      reject(new Error(`${args.join(' ')} did not finish within ${TIMEOUT_MS / 60_000} min`));
    }, TIMEOUT_MS);
    proc.once('message', (message) => resolve(message as T));
    proc.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}`));
    });
  });
}

export const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);
export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

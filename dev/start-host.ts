import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Registration } from '../functions/_shared/registry.js';
import { type Logger, loadFunctions } from './host.js';
import { startQueueTriggers } from './queue-runner.js';
import { startTimerTriggers } from './timer-runner.js';

export interface QueueSettings {
  maxDequeueCount: number;
  batchSize: number;
}

/** host.json's queue settings, with the Functions host's defaults for any it leaves out. */
export function readQueueSettings(root: string): QueueSettings {
  const hostJson = JSON.parse(readFileSync(path.join(root, 'host.json'), 'utf8'));
  const queues = hostJson.extensions?.queues ?? {};
  return { maxDequeueCount: queues.maxDequeueCount ?? 5, batchSize: queues.batchSize ?? 4 };
}

/**
 * The Functions host's start-up, shared by `npm start` and the worker-only host: loads every
 * function, then runs its queue triggers (configured by host.json, as on Azure) and timers.
 */
export async function startFunctionHost(
  root: string,
  log: Logger,
): Promise<{ registrations: readonly Registration[]; stop: () => Promise<void> }> {
  const registrations = await loadFunctions(path.join(root, 'functions'));
  log(`Functions: ${registrations.map((r) => `${r.name} [${r.kind}]`).join(', ')}`);
  const queues = startQueueTriggers(registrations, {
    connectionString: process.env.AzureWebJobsStorage!,
    log,
    ...readQueueSettings(root),
    leaseSeconds: Number(process.env.QUEUE_LEASE_SECONDS ?? 60),
  });
  const timers = startTimerTriggers(registrations, log);
  const stop = async () => {
    await timers.stop();
    await queues.stop();
  };
  return { registrations, stop };
}

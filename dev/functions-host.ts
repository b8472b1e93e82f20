import path from 'node:path';
import { loadFunctions } from './host.js';
import { startQueueTriggers } from './queue-runner.js';
import { startTimerTriggers } from './timer-runner.js';

/**
 * The local Functions host without the web front: queue and timer triggers only, configured by
 * the environment (the settings `npm start` would set). Tests run it as a separate process to
 * kill a worker mid-job and start another, as a crash on Azure would.
 */
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 23)} ${line}`);
const registrations = await loadFunctions(path.resolve(import.meta.dirname, '../functions'));
const queues = startQueueTriggers(registrations, {
  connectionString: process.env.AzureWebJobsStorage!,
  log,
  leaseSeconds: Number(process.env.QUEUE_LEASE_SECONDS ?? 60),
});
const timers = startTimerTriggers(registrations, log);
log('worker host ready');

const stop = async () => {
  await Promise.all([queues.stop(), timers.stop()]);
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

import path from 'node:path';
import { startFunctionHost } from './start-host.js';

/**
 * The local Functions host without the web front: queue and timer triggers only, configured by
 * host.json and the environment (the settings `npm start` would set). Tests run it as a separate
 * process to kill a worker mid-job and start another, as a crash on Azure would.
 */
const log = (line: string) => console.log(`${new Date().toISOString().slice(11, 23)} ${line}`);
const host = await startFunctionHost(path.resolve(import.meta.dirname, '..'), log);
log('worker host ready');

const stop = async () => {
  await host.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

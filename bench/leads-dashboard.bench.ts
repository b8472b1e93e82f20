/**
 * The dashboard section of the leads benchmark, alone (npm run bench:leads:dashboard -- --scale 0.01).
 * Starts the local Cosmos API server in this process, runs benchDashboard on a fresh database and
 * merges its figures into bench/results/leads.json under "dashboard".
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { COSMOS_EMULATOR_KEY, startCosmosServer } from '../dev/cosmos-server.js';
import { benchDashboard } from './leads/dashboard.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const RESULTS = new URL('./results/', import.meta.url);

async function main() {
  const scale = Number(arg('scale') ?? 1);
  const queries = Number(arg('queries') ?? 200);
  const cosmos = await startCosmosServer();
  Object.assign(process.env, {
    COSMOS_ENDPOINT: cosmos.endpoint,
    COSMOS_KEY: COSMOS_EMULATOR_KEY,
    COSMOS_DISABLE_ENDPOINT_DISCOVERY: 'true',
    COSMOS_DATABASE: `bench-dashboard-${randomBytes(4).toString('hex')}`,
    // Required by the settings schema; nothing here touches a queue or blob.
    AzureWebJobsStorage: process.env.AzureWebJobsStorage ?? 'UseDevelopmentStorage=true',
  });
  try {
    const dashboard = await benchDashboard({ scale, queries });
    mkdirSync(RESULTS, { recursive: true });
    const file = new URL('leads.json', RESULTS);
    const current = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
    writeFileSync(file, `${JSON.stringify({ ...current, dashboard }, null, 2)}\n`);
    console.log(JSON.stringify(dashboard, null, 2));
  } finally {
    await cosmos.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);

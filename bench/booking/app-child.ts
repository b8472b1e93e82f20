// The app under load for bench/booking.bench.ts, in a process of its own: the server the
// integration tests drive (dev/app-server with the real registrations, as startTestApp builds it),
// pointed at the parent's Cosmos API server and Azurite through the environment.
//
// Measures from inside, without changing the product: the handler time of every request (the
// dispatcher's own log line), the await time of each Cosmos-backed store call the booking paths
// make (the module-level stores are wrapped in place), CPU time and event-loop utilisation.
// The parent asks for them over IPC: { cmd: 'reset' } and { cmd: 'stats' }.

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAppServer } from '../../dev/app-server.js';
import { createDevAuth } from '../../dev/dev-auth.js';
import { createHttpDispatcher, loadFunctions } from '../../dev/host.js';
import { loadSwaConfig } from '../../dev/swa-rules.js';
import { calendarProviders } from '../../functions/_integrations/calendar/registry.js';
import { cosmosAvailabilityStore } from '../../functions/availability/cosmos-availability-store.js';
import { cosmosLedgerStore } from '../../functions/booking/cosmos-ledger-store.js';
import { cosmosMeetingStore } from '../../functions/booking/meeting-store.js';
import { summarize } from './measure.js';
import { createProfiler } from './profile.js';

const root = path.resolve(import.meta.dirname, '../..');
const samples = new Map<string, number[]>();
const record = (key: string, ms: number) => {
  const list = samples.get(key);
  if (list) list.push(ms);
  else samples.set(key, [ms]);
};

// biome-ignore lint/suspicious/noExplicitAny: wraps any async method in place
type AnyAsync = (...args: any[]) => Promise<unknown>;
function timed<T extends object>(target: T, name: string, methods: (keyof T & string)[]): T {
  for (const method of methods) {
    const original = target[method] as unknown as AnyAsync;
    (target as Record<string, AnyAsync>)[method] = async (...args) => {
      const t = performance.now();
      try {
        return await original.apply(target, args);
      } finally {
        record(`${name}.${method}`, performance.now() - t);
      }
    };
  }
  return target;
}

timed(cosmosLedgerStore, 'ledger', ['read', 'write', 'range']);
timed(cosmosAvailabilityStore, 'availability', ['read']);
timed(cosmosMeetingStore, 'meetings', ['create', 'booked']);
const local = calendarProviders.local;
calendarProviders.local = (ownerId) => timed(local(ownerId), 'calendar', ['listBusy', 'createEvent']);

const EXECUTED = /^Executed '([^']+)' \w+ \S+ → (\d+) \((\d+) ms\)$/;
const log = (line: string) => {
  const m = EXECUTED.exec(line);
  if (m) {
    record(`handler.${m[1]}`, Number(m[3]));
    record(`handler.${m[1]}.${m[2]}`, Number(m[3]));
  } else if (/ error: /.test(line)) console.error(line.slice(0, 400));
};

const registrations = await loadFunctions(path.join(root, 'functions'));
const server = createAppServer({
  swaConfig: loadSwaConfig(path.join(root, 'staticwebapp.config.json')),
  auth: createDevAuth(randomBytes(32)),
  dispatch: createHttpDispatcher(registrations, log),
  staticDir: path.join(root, 'web/dist'),
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

const profiler = createProfiler();
let profiling = false;
let since = { cpu: process.cpuUsage(), elu: performance.eventLoopUtilization(), at: performance.now() };
process.on('message', async (message: { cmd: 'reset' | 'stats' | 'exit'; profile?: boolean }) => {
  if (message.cmd === 'exit') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  } else if (message.cmd === 'reset') {
    samples.clear();
    if (message.profile) {
      await profiler.start();
      profiling = true;
    }
    since = { cpu: process.cpuUsage(), elu: performance.eventLoopUtilization(), at: performance.now() };
    process.send?.({ ok: true });
  } else {
    const cpu = process.cpuUsage(since.cpu);
    const elu = performance.eventLoopUtilization(since.elu).utilization;
    const wallMs = performance.now() - since.at;
    const profile = profiling ? await profiler.stop() : undefined;
    profiling = false;
    process.send?.({
      profile,
      wallMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      eventLoopUtilization: elu,
      timings: Object.fromEntries([...samples].map(([key, list]) => [key, summarize(list)])),
    });
  }
});
process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });

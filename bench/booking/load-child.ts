// The load generator for bench/booking.bench.ts: autocannon in a process of its own, so its CPU
// is neither the app's nor the Cosmos API server's. Receives a LoadSpec over IPC, answers a
// LoadResult. Each request picks a random booking link (and, for confirm, a random free slot).

import autocannon from 'autocannon';
import { round } from './measure.js';

export interface Link {
  token: string;
  name: string;
  email: string;
  timeZone: string;
}

export interface LoadSpec {
  kind: 'slots' | 'confirm' | 'health';
  url: string;
  connections: number;
  seconds: number;
  timeoutSeconds: number;
  links: Link[];
  /** Free slot starts (UTC ISO), for confirm. */
  slots: string[];
}

const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;

function request(spec: LoadSpec): autocannon.Request {
  if (spec.kind === 'health') return { method: 'GET', path: '/api/health' };
  if (spec.kind === 'slots')
    return {
      method: 'GET',
      setupRequest: (req) => ({ ...req, path: `/api/public/booking/${pick(spec.links).token}/slots` }),
    };
  return {
    method: 'POST',
    setupRequest: (req) => {
      const link = pick(spec.links);
      return {
        ...req,
        path: `/api/public/booking/${link.token}`,
        headers: { ...req.headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          start: pick(spec.slots),
          name: link.name,
          email: link.email,
          timeZone: link.timeZone,
          note: '',
        }),
      };
    },
  };
}

export async function runLoad(spec: LoadSpec) {
  const cpu = process.cpuUsage();
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    timeout: spec.timeoutSeconds,
    requests: [request(spec)],
  });
  const used = process.cpuUsage(cpu);
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
  );
  return {
    kind: spec.kind,
    connections: spec.connections,
    seconds: round(result.duration, 1),
    responses: Object.values(statuses).reduce((a, b) => a + b, 0),
    requestsPerSecond: round(result.requests.average, 1),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      mean: round(result.latency.average),
      max: result.latency.max,
    },
    statuses,
    non2xx: result.non2xx,
    '5xx': result['5xx'],
    socketErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    loadCpuMs: round((used.user + used.system) / 1000),
  };
}
export type LoadResult = Awaited<ReturnType<typeof runLoad>>;

if (process.send) {
  process.once('message', async (spec: LoadSpec) => {
    const result = await runLoad(spec);
    process.send?.(result, () => process.exit(0));
  });
}

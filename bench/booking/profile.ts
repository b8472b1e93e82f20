// CPU profile of the app process during one load (node:inspector), summed by where the code
// lives: the Cosmos SDK, zod, the slot engine, the rest of functions/, the local host, Node.

import { Session } from 'node:inspector/promises';
import { round } from './measure.js';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const AREAS: [string, RegExp][] = [
  ['Cosmos SDK (@azure/cosmos, @azure/core-*)', /node_modules\/@azure\//],
  ['zod (validation)', /node_modules\/zod\//],
  ['luxon', /node_modules\/luxon\//],
  ['slot engine (functions/_shared/scheduling)', /functions\/_shared\/scheduling\//],
  ['booking code (functions/*)', /\/functions\//],
  ['local host + app server (dev/)', /\/dev\//],
  ['other packages', /node_modules\//],
  ['Node internals (http, streams, crypto…)', /^node:|^internal\//],
];

function areaOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : 'native / V8 builtins';
  return AREAS.find(([, re]) => re.test(url))?.[0] ?? 'other';
}

export function createProfiler() {
  const session = new Session();
  session.connect();
  return {
    async start() {
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 500 });
      await session.post('Profiler.start');
    },
    /** Self time by area, in ms and as a share of the profiled time (idle included). */
    async stop() {
      const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const totals = new Map<string, number>();
      let all = 0;
      profile.samples.forEach((id, i) => {
        const us = profile.timeDeltas[i] ?? 0;
        all += us;
        const area = areaOf(byId.get(id)!);
        totals.set(area, (totals.get(area) ?? 0) + us);
      });
      return [...totals]
        .sort((a, b) => b[1] - a[1])
        .map(([area, us]) => ({ area, ms: round(us / 1000, 0), share: round(us / all, 3) }));
    },
  };
}

/** One dependency's state as the health endpoint reports it. */
export interface Check {
  ok: boolean;
  ms: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: Record<string, Check>;
}

/** Runs each probe with a time limit; the report names every dependency that failed and why. */
export async function checkHealth(
  probes: Record<string, () => Promise<unknown>>,
  timeoutMs = 3000,
): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => {
      const started = performance.now();
      try {
        await Promise.race([
          probe(),
          new Promise((_, reject) =>
            setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs),
          ),
        ]);
        return [name, { ok: true, ms: Math.round(performance.now() - started) }] as const;
      } catch (err) {
        const check: Check = {
          ok: false,
          ms: Math.round(performance.now() - started),
          error: (err as Error).message,
        };
        return [name, check] as const;
      }
    }),
  );
  const checks = Object.fromEntries(entries);
  return { status: entries.every(([, c]) => c.ok) ? 'ok' : 'degraded', checks };
}

/** Messages waiting in a queue and in its `<queue>-poison` twin (jobs that failed five times). */
export interface QueueDepth {
  waiting: number;
  poison: number;
}

/** Approximate depth of each queue and its poison twin; a queue that cannot be read is left out. */
export async function queueDepths(
  queues: readonly string[],
  count: (queue: string) => Promise<number>,
): Promise<Record<string, QueueDepth>> {
  const entries = await Promise.all(
    queues.map(async (queue) => {
      const [waiting, poison] = await Promise.all([count(queue), count(`${queue}-poison`)]);
      return [queue, { waiting, poison }] as const;
    }),
  );
  return Object.fromEntries(entries);
}

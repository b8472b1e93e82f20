/** Nearest-rank percentiles of timings in ms, with call count, mean and total. */
export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  const total = sorted.reduce((a, b) => a + b, 0);
  return {
    calls: sorted.length,
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    mean: round(sorted.length ? total / sorted.length : 0),
    totalMs: round(total),
  };
}
export type Summary = ReturnType<typeof summarize>;

export const round = (n: number, digits = 2) => Number(n.toFixed(digits));

/** Times `fn` sequentially `runs` times (after `warm` untimed calls). */
export async function timeCalls(runs: number, fn: (i: number) => unknown, warm = 3): Promise<Summary> {
  for (let i = 0; i < warm; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

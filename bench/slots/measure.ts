/** p50 / p95 (nearest rank) of timings in ms. */
export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), runs: sorted.length };
}

export function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}

export function repeat(runs: number, fn: (i: number) => unknown): number[] {
  return Array.from({ length: runs }, (_, i) => time(() => fn(i))[1]);
}

export const round = (n: number) => Math.round(n * 100) / 100;

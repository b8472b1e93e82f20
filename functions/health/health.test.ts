import { describe, expect, it } from 'vitest';
import { checkHealth, queueDepths } from './health.js';

describe('checkHealth', () => {
  it('reports ok when every dependency answers', async () => {
    const report = await checkHealth({ cosmos: async () => 1, queues: async () => 2 });
    expect(report.status).toBe('ok');
    expect(Object.keys(report.checks)).toEqual(['cosmos', 'queues']);
  });

  it('names the dependency that failed and why', async () => {
    const report = await checkHealth({
      cosmos: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:8081');
      },
      queues: async () => 2,
    });
    expect(report.status).toBe('degraded');
    expect(report.checks.cosmos).toMatchObject({ ok: false, error: 'connect ECONNREFUSED 127.0.0.1:8081' });
    expect(report.checks.queues?.ok).toBe(true);
  });

  it('treats a dependency that hangs as down', async () => {
    const report = await checkHealth({ cosmos: () => new Promise(() => {}) }, 50);
    expect(report.checks.cosmos).toMatchObject({ ok: false, error: 'no answer in 50 ms' });
  });
});

describe('queueDepths', () => {
  it('reports each queue with its poison twin', async () => {
    const counts: Record<string, number> = { 'import-jobs': 3, 'import-jobs-poison': 1 };
    expect(await queueDepths(['import-jobs'], async (q) => counts[q] ?? 0)).toEqual({
      'import-jobs': { waiting: 3, poison: 1 },
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Registration } from '../functions/_shared/registry.js';
import { startTimerTriggers } from './timer-runner.js';

describe('startTimerTriggers', () => {
  it('fires a timer on its six-field schedule with a context named after the function, and stops', async () => {
    const calls: string[] = [];
    const registration: Registration = {
      kind: 'timer',
      name: 'every-second',
      options: { schedule: '* * * * * *', handler: async (_timer, ctx) => void calls.push(ctx.functionName) },
    };
    const lines: string[] = [];
    const timers = startTimerTriggers([registration], (line) => lines.push(line));
    await new Promise((r) => setTimeout(r, 2300));
    await timers.stop();
    const fired = calls.length;
    expect(fired).toBeGreaterThanOrEqual(2);
    expect(calls.every((name) => name === 'every-second')).toBe(true);
    expect(lines.some((l) => /Executed 'every-second' \(Succeeded, \d+ ms\)/.test(l))).toBe(true);
    await new Promise((r) => setTimeout(r, 1200));
    expect(calls.length).toBe(fired);
  });

  it('logs a failing timer and keeps its schedule', async () => {
    let runs = 0;
    const registration: Registration = {
      kind: 'timer',
      name: 'flaky',
      options: {
        schedule: '* * * * * *',
        handler: async () => {
          runs++;
          throw new Error('calendar API down');
        },
      },
    };
    const lines: string[] = [];
    const timers = startTimerTriggers([registration], (line) => lines.push(line));
    await new Promise((r) => setTimeout(r, 2300));
    await timers.stop();
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(lines).toContain("Executed 'flaky' (Failed): calendar API down");
  });
});

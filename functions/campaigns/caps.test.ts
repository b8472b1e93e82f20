import { describe, expect, it } from 'vitest';
import { capacity, dailyLimit } from './caps.js';

const NOW = new Date('2026-11-30T12:00:00Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const sender = { dailyCap: 100, hourlyCap: null, warmUp: false, warmUpStartedAt: null };

describe('sending caps', () => {
  it('counts only the last 24 hours', () => {
    const sent = [
      ...Array.from({ length: 60 }, () => ago(30)),
      ...Array.from({ length: 50 }, () => ago(25 * 60)),
    ];
    expect(capacity(sender, sent, NOW)).toEqual({ available: 40, resumesAt: null, dailyLimit: 100 });
  });

  it('when the day is full, says when the oldest send of the window ages out', () => {
    const sent = [ago(23 * 60), ...Array.from({ length: 99 }, () => ago(10))];
    const cap = capacity(sender, sent, NOW);
    expect(cap.available).toBe(0);
    expect(cap.resumesAt).toBe('2026-11-30T13:00:00.000Z');
  });

  it('holds an hourly cap too, resuming when the hour frees a slot', () => {
    const hourly = { ...sender, hourlyCap: 10 };
    const sent = Array.from({ length: 10 }, (_, i) => ago(50 - i));
    const cap = capacity(hourly, sent, NOW);
    expect(cap.available).toBe(0);
    expect(cap.resumesAt).toBe('2026-11-30T12:10:00.000Z');
    expect(capacity(hourly, sent.slice(1), NOW).available).toBe(1);
  });

  it('warms a new mailbox up by 20 a day until its cap', () => {
    const warm = { ...sender, warmUp: true, warmUpStartedAt: '2026-11-28T08:00:00Z' };
    expect(dailyLimit(warm, NOW)).toBe(60);
    expect(dailyLimit({ ...warm, warmUpStartedAt: '2026-10-01T00:00:00Z' }, NOW)).toBe(100);
    expect(dailyLimit({ ...warm, warmUpStartedAt: null }, NOW)).toBe(20);
  });
});

import { describe, expect, it } from 'vitest';
import { MIN_SAMPLE, summarize } from './aggregate.js';
import type { CounterDoc } from './counters.js';

const doc = (day: string, counts: CounterDoc['counts'], extra: Partial<CounterDoc> = {}): CounterDoc => ({
  id: `${day}.all`,
  ownerId: 'o',
  day,
  campaignId: 'all',
  counts,
  templates: {},
  slots: {},
  ...extra,
});
const period = { from: '2026-03-01', to: '2026-03-03', timeZone: 'UTC', campaignId: null };

describe('the dashboard summary', () => {
  it('sums totals, fills every day of the series and turns counts into rates', () => {
    const s = summarize(
      [
        doc('2026-03-01', { sent: 80, delivered: 76, opened: 38, replied: 8 }),
        doc('2026-03-03', { sent: 20, delivered: 19, opened: 0, clicked: 5, booked: 4, held: 2, won: 1 }),
        doc('2026-03-09', { sent: 999 }),
      ],
      period,
      new Map(),
    );
    expect(s.totals).toEqual({
      sent: 100,
      delivered: 95,
      opened: 38,
      clicked: 5,
      replied: 8,
      booked: 4,
      held: 2,
      won: 1,
    });
    expect(s.rates).toEqual({
      delivered: 0.95,
      opened: 0.4,
      clicked: 5 / 95,
      replied: 0.08,
      booked: 0.04,
      held: 0.5,
      won: 0.5,
    });
    expect(s.series.map((d) => [d.day, d.sent])).toEqual([
      ['2026-03-01', 80],
      ['2026-03-02', 0],
      ['2026-03-03', 20],
    ]);
    expect(s.funnel.map((f) => f.stage)).toEqual([
      'sent',
      'delivered',
      'opened',
      'clicked',
      'replied',
      'booked',
      'held',
      'won',
    ]);
  });

  it('has no rate where nothing was sent, rather than 0% or a division by zero', () => {
    const s = summarize([], period, new Map());
    expect(s.rates.replied).toBeNull();
    expect(s.rates.won).toBeNull();
    expect(s.series).toHaveLength(3);
    expect(s.sendTimes.bestHour).toBeNull();
  });

  it('ranks templates with enough sends by reply rate, then booking rate, and counts the rest as unranked', () => {
    const s = summarize(
      [
        doc(
          '2026-03-01',
          {},
          {
            templates: {
              'short:sent': 40,
              'short:replied': 4,
              'long:sent': 50,
              'long:replied': 5,
              'long:booked': 3,
              'story:sent': 30,
              'story:replied': 6,
              'tiny:sent': MIN_SAMPLE - 1,
              'tiny:replied': MIN_SAMPLE - 1,
            },
          },
        ),
      ],
      period,
      new Map([
        ['short', 'Short intro'],
        ['long', 'Long intro'],
        ['story', 'Customer story'],
      ]),
    );
    expect(s.templates.map((t) => [t.name, t.replyRate])).toEqual([
      ['Customer story', 0.2],
      ['Long intro', 0.1],
      ['Short intro', 0.1],
    ]);
    expect(s.templatesUnranked).toBe(1);
  });

  it('adds up send slots by hour and weekday and names the best of each', () => {
    const s = summarize(
      [
        doc(
          '2026-03-01',
          {},
          {
            slots: {
              'h09:sent': 60,
              'h09:replied': 9,
              'h15:sent': 25,
              'h15:replied': 1,
              'h07:sent': 5,
              'h07:replied': 5,
              'd1:sent': 30,
              'd1:replied': 3,
              'd3:sent': 55,
              'd3:replied': 7,
              'd5:sent': 5,
              'd5:replied': 5,
            },
          },
        ),
      ],
      period,
      new Map(),
    );
    expect(s.sendTimes.byHour[9]).toMatchObject({ sent: 60, replied: 9, replyRate: 0.15 });
    expect(s.sendTimes.byWeekday[2]).toMatchObject({ weekday: 3, sent: 55, replied: 7 });
    // 07:00 and Fridays replied 100% but from 5 sends: too few to rank.
    expect(s.sendTimes.bestHour).toBe(9);
    expect(s.sendTimes.bestWeekday).toBe(3);
  });
});

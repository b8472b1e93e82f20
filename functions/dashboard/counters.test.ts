import { describe, expect, it } from 'vitest';
import { incrementsOf, newCounterDoc, slotsOf } from './counters.js';

describe('counter increments', () => {
  it('counts an event on its local day, for all campaigns and its own, by template and send slot', () => {
    // 23:30 UTC on Monday 2 March is 08:30 on Tuesday 3 March in Tokyo.
    const incs = incrementsOf(
      [
        {
          ownerId: 'o1',
          kind: 'replied',
          at: '2026-03-02T23:30:00Z',
          campaignId: 'c1',
          templateId: 't1',
          sentAt: '2026-03-02T00:15:00Z',
        },
      ],
      () => 'Asia/Tokyo',
    );
    expect(incs.map((i) => i.id)).toEqual(['2026-03-03.all', '2026-03-03.c1']);
    expect([...incs[0]!.paths]).toEqual([
      ['/counts/replied', 1],
      ['/templates/t1:replied', 1],
      // Sent at 09:15 on Monday, Tokyo time.
      ['/slots/h09:replied', 1],
      ['/slots/d1:replied', 1],
    ]);
  });

  it('merges a batch into one increment per document and escapes map keys as JSON Pointer', () => {
    const at = '2026-03-02T10:00:00Z';
    const incs = incrementsOf(
      [
        { ownerId: 'o1', kind: 'sent', at, campaignId: 'c1', templateId: 'a/b~c' },
        { ownerId: 'o1', kind: 'sent', at, campaignId: 'c2' },
        // A delivery counts per day only: templates and send times are ranked by other counts.
        { ownerId: 'o1', kind: 'delivered', at, campaignId: 'c1', templateId: 't1', sentAt: at },
        { ownerId: 'o2', kind: 'booked', at },
      ],
      () => 'UTC',
    );
    const all = incs.find((i) => i.ownerId === 'o1' && i.campaignId === 'all')!;
    expect(all.paths.get('/counts/sent')).toBe(2);
    expect(all.paths.get('/templates/a~1b~0c:sent')).toBe(1);
    expect(all.paths.get('/counts/delivered')).toBe(1);
    expect([...all.paths.keys()].filter((p) => p.includes('delivered'))).toEqual(['/counts/delivered']);
    expect(incs.filter((i) => i.ownerId === 'o2').map((i) => i.id)).toEqual(['2026-03-02.all']);
    // A new day's document starts with the counts, keys unescaped.
    expect(newCounterDoc(all)).toMatchObject({
      counts: { sent: 2 },
      templates: { 'a/b~c:sent': 1 },
      campaignId: 'all',
      day: '2026-03-02',
    });
  });

  it('names the send slot by the weekday and hour in the owner’s zone', () => {
    expect(slotsOf('2026-03-08T18:05:00Z', 'America/New_York')).toEqual(['h14', 'd7']);
  });
});

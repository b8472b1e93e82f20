import { describe, expect, it } from 'vitest';
import { formatSlot, pickOffer } from './offer.js';

const NY = 'America/New_York';
/** Half-hour slots 09:00–17:00 New York time (UTC-5 in December) on three days. */
const slots = ['2026-12-07', '2026-12-08', '2026-12-09'].flatMap((day) =>
  Array.from({ length: 16 }, (_, i) => {
    const start = new Date(Date.parse(`${day}T14:00:00Z`) + i * 1_800_000);
    return { start: start.toISOString(), end: new Date(start.getTime() + 1_800_000).toISOString() };
  }),
);
const shown = (picked: { start: string }[]) =>
  picked.map((s) => formatSlot({ start: s.start, end: s.start }, NY));

describe('pickOffer', () => {
  it('spreads three times over three days rather than three half-hours of one', () => {
    expect(shown(pickOffer(slots, { from: '', to: '' }, NY))).toEqual([
      'Mon 7 Dec, 09:00',
      'Tue 8 Dec, 09:00',
      'Wed 9 Dec, 09:00',
    ]);
  });

  it('offers afternoons only when afternoons were asked for, in the visitor’s zone', () => {
    const picked = shown(pickOffer(slots, { from: '', to: '', partOfDay: 'afternoon' }, NY));
    expect(picked).toEqual(['Mon 7 Dec, 12:00', 'Tue 8 Dec, 12:00', 'Wed 9 Dec, 12:00']);
  });

  it('offers the nearest times to a wanted start, in order', () => {
    const at = '2026-12-08T20:00:00.000Z'; // Tue 15:00 New York
    expect(shown(pickOffer(slots, { from: '', to: '', at }, NY))).toEqual([
      'Tue 8 Dec, 14:30',
      'Tue 8 Dec, 15:00',
      'Tue 8 Dec, 15:30',
    ]);
  });

  it('fills from one day with times at least an hour apart when only one day is free', () => {
    const oneDay = slots.slice(0, 16);
    expect(shown(pickOffer(oneDay, undefined, NY))).toEqual([
      'Mon 7 Dec, 09:00',
      'Mon 7 Dec, 10:00',
      'Mon 7 Dec, 11:00',
    ]);
  });

  it('offers nothing when nothing fits', () => {
    expect(pickOffer(slots, { from: '', to: '', partOfDay: 'evening' }, NY)).toEqual([]);
  });
});

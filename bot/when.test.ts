import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseWhen } from './when.js';

// Wednesday 2 December 2026, 18:30 in New York (23:30 UTC).
const NOW = new Date('2026-12-02T23:30:00Z');
const NY = 'America/New_York';
const local = (iso: string | undefined, zone = NY) =>
  DateTime.fromISO(iso!, { zone }).toFormat('ccc yyyy-MM-dd HH:mm');

describe('parseWhen reads a wish in the speaker’s zone', () => {
  it('"next Tuesday afternoon": that Tuesday, afternoons only', () => {
    const wish = parseWhen('next Tuesday afternoon', NY, NOW)!;
    expect(local(wish.from)).toBe('Tue 2026-12-08 00:00');
    expect(local(wish.to)).toBe('Wed 2026-12-09 00:00');
    expect(wish.partOfDay).toBe('afternoon');
    expect(wish.at).toBeUndefined();
  });

  it('"tomorrow at 3": 15:00 tomorrow in their zone, not 3 at night, not UTC', () => {
    const wish = parseWhen('tomorrow at 3', NY, NOW)!;
    expect(local(wish.at)).toBe('Thu 2026-12-03 15:00');
    expect(wish.at).toBe('2026-12-03T20:00:00.000Z');
  });

  it('"not before 3pm Thursday": from 15:00 to the end of Thursday', () => {
    const wish = parseWhen('not before 3pm Thursday', NY, NOW)!;
    expect(local(wish.from)).toBe('Thu 2026-12-03 15:00');
    expect(local(wish.to)).toBe('Fri 2026-12-04 00:00');
    expect(wish.at).toBeUndefined();
  });

  it('"before 11 on Friday": Friday until 11', () => {
    const wish = parseWhen('before 11am on Friday', NY, NOW)!;
    expect(local(wish.from)).toBe('Fri 2026-12-04 00:00');
    expect(local(wish.to)).toBe('Fri 2026-12-04 11:00');
  });

  it('"any morning next week": Monday to Sunday of next week, mornings', () => {
    const wish = parseWhen('any morning next week', NY, NOW)!;
    expect(local(wish.from)).toBe('Mon 2026-12-07 00:00');
    expect(local(wish.to)).toBe('Mon 2026-12-14 00:00');
    expect(wish.partOfDay).toBe('morning');
  });

  it('"tomorrow" is the speaker’s tomorrow: in Tokyo it is already Thursday, so Friday', () => {
    const wish = parseWhen('tomorrow', 'Asia/Tokyo', NOW)!;
    expect(local(wish.from, 'Asia/Tokyo')).toBe('Fri 2026-12-04 00:00');
  });

  it('a time across the March clock change lands on the wall-clock hour asked for', () => {
    const wish = parseWhen('March 9 at 10am', NY, new Date('2026-03-05T15:00:00Z'))!;
    expect(local(wish.at)).toBe('Mon 2026-03-09 10:00');
    expect(wish.at).toBe('2026-03-09T14:00:00.000Z'); // EDT, UTC-4 after the change
  });

  it('"any afternoon" searches the next two weeks', () => {
    const wish = parseWhen('any afternoon works', NY, NOW)!;
    expect(wish.partOfDay).toBe('afternoon');
    expect(Date.parse(wish.to) - Date.parse(wish.from)).toBe(14 * 86_400_000);
  });

  it('reads other languages chrono knows: Spanish, French, German', () => {
    expect(local(parseWhen('mañana a las 3', NY, NOW)!.at)).toBe('Thu 2026-12-03 15:00');
    const jeudi = parseWhen('jeudi après-midi', NY, NOW)!;
    expect([local(jeudi.from), jeudi.partOfDay]).toEqual(['Thu 2026-12-03 00:00', 'afternoon']);
    expect(local(parseWhen('nächsten Dienstag um 10 Uhr', NY, NOW)!.at)).toBe('Tue 2026-12-08 10:00');
    expect(parseWhen('quiero una reunión', NY, NOW)).toBeUndefined();
  });

  it('finds no wish in a message without a time', () => {
    expect(parseWhen('I would like a demo of the product', NY, NOW)).toBeUndefined();
    expect(parseWhen('', NY, NOW)).toBeUndefined();
  });
});

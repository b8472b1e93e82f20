import { describe, expect, it } from 'vitest';
import { firstIndexNotBefore } from './sorted-search.js';

describe('firstIndexNotBefore', () => {
  const sorted = [1, 3, 3, 5, 8];
  const lowerBound = (value: number) => firstIndexNotBefore(sorted.length, (i) => sorted[i]! < value);

  it('finds where a value belongs in a sorted list, before equal values', () => {
    expect(lowerBound(3)).toBe(1);
    expect(lowerBound(4)).toBe(3);
    expect(lowerBound(0)).toBe(0);
    expect(lowerBound(9)).toBe(5);
  });

  it('agrees with a linear scan on every position', () => {
    for (let value = -1; value <= 10; value++)
      expect(lowerBound(value)).toBe(
        sorted.findIndex((x) => x >= value) === -1 ? sorted.length : sorted.findIndex((x) => x >= value),
      );
    expect(firstIndexNotBefore(0, () => true)).toBe(0);
  });
});

/**
 * Binary search over a sorted sequence: the first index in [0, length) where `before(index)` is
 * false, given it is true for a prefix and false after (length when it is true everywhere).
 */
export function firstIndexNotBefore(length: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

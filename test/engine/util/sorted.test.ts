import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forEachMatch, kthSmallest, lowerBound } from '../../../src/engine/util/sorted.js';

describe('lowerBound', () => {
  const list = [2, 4, 4, 9];
  it.each([
    [1, 0],
    [2, 0],
    [3, 1],
    [4, 1],
    [9, 3],
    [10, 4],
  ])('finds where %i belongs in 2, 4, 4, 9: index %i', (value, index) => {
    expect(lowerBound(list, value)).toBe(index);
  });

  it('searches only the range it is given', () => {
    expect(lowerBound(list, 2, 1, 4)).toBe(1);
    expect(lowerBound(list, 9, 0, 2)).toBe(2);
    expect(lowerBound(Float64Array.from([]), 5)).toBe(0);
  });
});

describe('forEachMatch', () => {
  it.each([
    ['some held, some not', [3, 5, 9, 12], [1, 5, 6, 12, 20], [[1, 1], [3, 3]]],
    ['all held', [2, 4], [2, 4], [[0, 0], [1, 1]]],
    ['none held', [2, 4], [1, 3, 5], []],
    ['no values', [2, 4], [], []],
  ])('pairs each value with its place in the list: %s', (_, list, values, pairs) => {
    const seen: number[][] = [];
    forEachMatch(list, values, (i, k) => seen.push([i, k]));
    expect(seen).toEqual(pairs);
  });
});

describe('kthSmallest', () => {
  it.each([
    ['one value', [7], 0, 7],
    ['the smallest', [5, 1, 4], 0, 1],
    ['the largest', [5, 1, 4], 2, 5],
    ['among ties', [3, 3, 1, 3, 2], 3, 3],
    ['all equal', [2, 2, 2, 2], 1, 2],
  ])('finds the value a sort puts at k: %s', (_, values, k, expected) => {
    expect(kthSmallest(Float64Array.from(values), k)).toBe(expected);
  });

  it('gives what sorting gives, at every k, for any scores (ties, negatives, fractions)', () => {
    // -0 left out: a sort puts it before 0, which compare equal as scores.
    const score = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((v) => v + 0));
    fc.assert(fc.property(fc.array(score, { minLength: 1, maxLength: 300 }), fc.nat(), (values, at) => {
      const k = at % values.length;
      const sorted = Float64Array.from(values).sort();
      expect(kthSmallest(Float64Array.from(values), k)).toBe(sorted[k]);
    }), { numRuns: 3000 });
  });
});

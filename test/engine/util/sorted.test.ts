import { describe, expect, it } from 'vitest';
import { forEachMatch, lowerBound } from '../../../src/engine/util/sorted.js';

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

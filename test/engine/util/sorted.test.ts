import { describe, expect, it } from 'vitest';
import { lowerBound } from '../../../src/engine/util/sorted.js';

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

import { describe, expect, it } from 'vitest';
import { runsOf } from '../../src/pg/postingRewrite.js';

describe('runsOf: rows of postings cut into rewrites of bounded size', () => {
  it.each([
    { sizes: [], most: 10, runs: [] },
    { sizes: [3, 3, 3], most: 10, runs: [[3, 3, 3]] },
    { sizes: [4, 4, 4], most: 8, runs: [[4, 4], [4]] },
    { sizes: [12, 1, 1], most: 10, runs: [[12], [1, 1]] },
    { sizes: [1, 12, 1], most: 10, runs: [[1], [12], [1]] },
    { sizes: [10, 10], most: 10, runs: [[10], [10]] },
  ])('$sizes within $most: $runs', ({ sizes, most, runs }) => {
    expect(runsOf(sizes, (n) => n, most)).toEqual(runs);
  });
});

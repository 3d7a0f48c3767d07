import { describe, expect, it } from 'vitest';
import { Candidates } from '../../src/pg/candidates.js';

describe('Candidates', () => {
  it('holds each passage once, in ascending number, whatever order and repeats the postings bring', () => {
    const found = Candidates.of(Float64Array.from([7, 3, 7, 12, 3, 5]), 2);
    expect(Array.from(found.ids)).toEqual([3, 5, 7, 12]);
    expect(found.size).toBe(4);
  });

  it.each([
    [3, 0],
    [12, 3],
    [6, -1],
    [13, -1],
  ])('finds passage %i at row %i', (passage, row) => {
    expect(Candidates.of(Float64Array.from([3, 5, 7, 12]), 1).indexOf(passage)).toBe(row);
  });

  it('looks a passage up within a range of rows only', () => {
    const found = Candidates.of(Float64Array.from([3, 5, 7, 12]), 1);
    expect(found.indexOf(5, 2, 4)).toBe(-1);
    expect(found.indexOf(7, 2, 4)).toBe(2);
  });

  it('keeps what is known of the candidates a filter keeps', () => {
    const found = Candidates.of(Float64Array.from([3, 5, 7]), 2);
    found.articles.set([1, 1, 2]);
    found.lengths.set([10, 20, 30]);
    found.titleLengths.set([4, 4, 6]);
    found.textTfs.set([1, 0, 2, 1, 0, 3]);
    found.titleTfs.set([0, 1, 0, 1, 1, 1]);
    const kept = found.filter((row) => found.articles[row] === 1);
    expect(Array.from(kept.ids)).toEqual([3, 5]);
    expect(Array.from(kept.lengths)).toEqual([10, 20]);
    expect(Array.from(kept.titleLengths)).toEqual([4, 4]);
    expect(Array.from(kept.textTfs)).toEqual([1, 0, 2, 1]);
    expect(Array.from(kept.titleTfs)).toEqual([0, 1, 0, 1]);
  });
});

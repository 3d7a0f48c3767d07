import { describe, expect, it } from 'vitest';
import { bestFirst } from '../../../src/engine/search/bestFirst.js';

/** The order hits had before: a comparator sort of hit objects. */
function byComparator(ids: number[], scores: number[]) {
  return ids.map((id, i) => ({ id, score: scores[i]! })).sort((x, y) => y.score - x.score || x.id - y.id);
}

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('bestFirst', () => {
  it.each([
    ['no hit', [], []],
    ['one hit', [7], [1.5]],
    ['scores ascending', [1, 2, 3], [0.5, 1, 2]],
    ['equal scores, passages ascending', [4, 9, 12], [2.25, 2.25, 2.25]],
    ['scores a bit apart in the last bits', [1, 2, 3], [1, 1 + Number.EPSILON, 1 - Number.EPSILON / 2]],
    ['scores far apart in size', [1, 2, 3, 4], [1e-9, 3e7, 0.001, 42]],
  ])('orders %s as a comparator sort does', (_, ids, scores) => {
    expect(bestFirst(ids, scores)).toEqual(byComparator(ids, scores));
  });

  it.each([1, 2, 3])('orders 20,000 hits with many ties as a comparator sort does (seed %i)', (seed) => {
    const next = random(seed);
    const ids = Array.from({ length: 20_000 }, (_, i) => i * 3 + 1);
    // A few hundred distinct scores, as passages of one article scored on its title alone share one.
    const scores = ids.map(() => Math.round(next() * 300) / 7 + 0.01);
    expect(bestFirst(ids, scores)).toEqual(byComparator(ids, scores));
  });
});

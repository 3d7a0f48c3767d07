import { describe, expect, it } from 'vitest';
import { TextGrouper } from '../../../src/engine/quotes/grouping.js';

/** Matching words of quotations, three runs (as chunks of a parallel build). */
const RUNS = [
  ['التعاون العسكري ينمو', 'ينمو ويتسع', ''],
  ['ينمو ويتسع', 'العلاقات في افضل حالاتها'],
  ['التعاون العسكري ينمو', 'ينمو', 'العلاقات في افضل حالاتها', ''],
];

function grouped(order: number[]) {
  const grouper = new TextGrouper();
  for (const run of order) grouper.add(run, RUNS[run]!.length, (i) => RUNS[run]![i]!);
  return grouper.finish();
}

describe('TextGrouper', () => {
  it('numbers texts and words by first appearance in run order', () => {
    const { words, groupStart, groupWords, group } = grouped([0, 1, 2]);
    expect(Array.from(group)).toEqual([0, 1, 2, 1, 3, 0, 4, 3, 2]);
    const texts = Array.from({ length: groupStart.length - 1 }, (_, g) => Array.from(groupWords.subarray(groupStart[g], groupStart[g + 1]), (w) => words[w]).join(' '));
    expect(texts).toEqual(['التعاون العسكري ينمو', 'ينمو ويتسع', '', 'العلاقات في افضل حالاتها', 'ينمو']);
    expect(words).toEqual(['التعاون', 'العسكري', 'ينمو', 'ويتسع', 'العلاقات', 'في', 'افضل', 'حالاتها']);
  });

  it.each([[[2, 0, 1]], [[1, 2, 0]], [[2, 1, 0]]])('gives the same groups whatever order the runs arrive in (%j)', (order) => {
    expect(grouped(order)).toEqual(grouped([0, 1, 2]));
  });

  it('refuses to finish with a run missing', () => {
    const grouper = new TextGrouper();
    grouper.add(1, 1, () => 'ينمو');
    expect(() => grouper.finish()).toThrow(/run 0/);
  });
});

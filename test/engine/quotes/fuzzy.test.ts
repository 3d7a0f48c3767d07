import { describe, expect, it } from 'vitest';
import { EditDistance, align, containment, matchTokens, matchesIn } from '../../../src/engine/quotes/fuzzy.js';

/** The matches of `query`'s words in `quote`, exact words only (similarity 1), or `typos` (query word → quotation word) at 0.8. */
function matchesOf(query: string[], quote: string[], typos: Record<string, string> = {}) {
  const like = new Map<string, Array<[number, number]>>();
  query.forEach((w, i) => {
    for (const [t, s] of [[w, 1], [typos[w], 0.8]] as const) if (t) like.set(t, [...(like.get(t) ?? []), [i, s]]);
  });
  return matchesIn(query.length, quote, (t) => like.get(t));
}

const QUOTE = matchTokens('التعاون العسكري مع موسكو ينمو ويتسع باستمرار');
const even = (words: string[]) => words.map(() => 1);

describe('align', () => {
  it.each([
    ['the whole quotation', 'التعاون العسكري مع موسكو ينمو ويتسع باستمرار', {}, 1, [1, 1, 1, 1, 1, 1, 1]],
    ['a part of it', 'ينمو ويتسع', {}, 0.964, [1, 1]],
    ['a part with a typo', 'ينموا ويتسع', { ينموا: 'ينمو' }, 0.868, [0.8, 1]],
    ['its words out of order', 'ويتسع ينمو', {}, 0.864, [1, 1]],
    ['a reporting sentence around a part of it', 'قال رئيس الأركان إنه ينمو ويتسع', {}, 0.304, [0, 0, 0, 0, 1, 1]],
  ])('scores %s', (_, text, typos, score, matched) => {
    const query = matchTokens(text);
    const result = align(matchesOf(query, QUOTE, typos), QUOTE.length, even(query));
    expect(result.score).toBeCloseTo(score, 3);
    expect(result.matched).toEqual(matched);
  });
});

describe('containment', () => {
  it.each([
    ['a sentence holding the whole quotation', 'ووصف المسؤول التعاون العسكري مع موسكو بأنه ينمو ويتسع باستمرار', 1, 7],
    ['a sentence holding part of it', 'قال رئيس الأركان إنه ينمو ويتسع', 0.286, 2],
    ['an unrelated sentence', 'الطقس بارد في القطب الجنوبي', 0, 0],
  ])('measures %s', (_, text, score, found) => {
    const words = matchTokens(text);
    const result = containment(matchesOf(words, QUOTE), QUOTE, even(QUOTE));
    expect(result.score).toBeCloseTo(score, 3);
    expect(result.found).toHaveLength(found);
  });
});

describe('EditDistance', () => {
  it.each([
    ['ترامب', 'ترمب', 1, 1],
    ['نتنياهو', 'نتانياهو', 1, 1],
    ['بومبيو', 'بومبيو', 1, 0],
    ['ماكرون', 'مكرون', 0, 1],
    ['abcdefghij', 'abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz', 2, 3],
  ])('gives %s → %s (at most %i) as %i, or max + 1 past it', (a, b, max, d) => {
    expect(new EditDistance().between(a, b, max)).toBe(d);
  });
});

import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS } from '../../../src/engine/options.js';
import { scoreSentences, sentenceUnits } from '../../../src/engine/summary/scoring.js';

/** A sentence of twelve distinct content words, numbered so no two sentences share a word. */
function sentence(i: number): string {
  return `${Array.from({ length: 12 }, (_, k) => `كلمة${i}x${k}`).join(' ')}.`;
}

const scores = (body: string) => scoreSentences('', sentenceUnits(body), DEFAULT_WEIGHTS).map((s) => s.score);

describe('scoreSentences', () => {
  it('lets the position prior fall with the share of the article read, not the sentence count', () => {
    const short = scores(Array.from({ length: 10 }, (_, i) => sentence(i)).join('\n'));
    const long = scores(Array.from({ length: 40 }, (_, i) => sentence(i)).join('\n'));
    expect(long[4]!).toBeGreaterThan(short[4]!);
    expect(long[20]!).toBeCloseTo(short[5]!, 5);
  });

  it('still ranks the lead first in a long article', () => {
    const long = scores(Array.from({ length: 40 }, (_, i) => sentence(i)).join('\n'));
    expect(long[0]!).toBeGreaterThan(Math.max(...long.slice(1)));
  });

  it('scales down a fragment of few content words', () => {
    const body = ['الجمل أو الإبل.', sentence(1), sentence(2), sentence(3)].join('\n');
    const [fragment, full] = scores(body);
    expect(fragment!).toBeLessThan(full!);
  });
});

import { describe, expect, it } from 'vitest';
import { WordBook } from '../../../src/engine/quotes/tokens.js';
import { normalizeText } from '../../../src/engine/text/normalize.js';

/** The tokens the scanner must give: words as `WORD` matches them, and one-character punctuation. */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}\u0640\u200C\u200D'’]*|[،,.:؛;!?؟«»“”"‹›„()…\-–—]/gu;
const PUNCT = new Set('،,.:؛;!?؟«»“”"‹›„()…-–—');
const expected = (text: string) =>
  [...text.matchAll(TOKEN)].map((m) => ({ word: m[0].length > 1 || !PUNCT.has(m[0]), raw: m[0], start: m.index + 5, end: m.index + m[0].length + 5 }));

/** The tokens of `text` as the paragraph of a new article starting at `base`. */
const tokenize = (text: string, base = 0) => new WordBook(1000).article().tokenize(text, base);

describe('WordBook: tokenize', () => {
  it.each([
    ['وقال الرئيس: «لن نسمح بذلك»، مضيفا أن… (التفاصيل) - “نعم”.'],
    ['أكّدَ الـوزيرُ ٢٠١٨ و۱۳۹۷ a\u200Cb it’s l\'état'],
    ['𝐀𝐁c x😀y 😀 \uD800a \uDC00 a\uD83D 𝟘𝟙 x\u0301 \u0301y'],
    ['"a" «b» ‹c› „d“ —e– ?!؟؛;:,.'],
  ])('splits %s like the WORD pattern', (text) => {
    expect(tokenize(text, 5).map(({ word, raw, start, end }) => ({ word, raw, start, end }))).toEqual(expected(text));
  });

  it('gives the same normalised word for every spelling, once known', () => {
    const [a, b, c] = tokenize('أكّد أكد أكّد');
    expect([a!.n, b!.n, c!.n]).toEqual([normalizeText('أكّد'), 'اكد', normalizeText('أكّد')]);
    expect(c!.raw).toBe('أكّد');
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type QuotationTexts, quotationTexts } from '../../src/pg/quotationTexts.js';

/** Text `t` of `texts` as the writing thread reads it: its key, hash, day, length and distinct words. */
function text(texts: QuotationTexts, t: number) {
  const words = Array.from(texts.wordOf.subarray(texts.wordStart[t]!, texts.wordStart[t + 1]!), (w) => texts.words[w]!);
  return { key: texts.keys[t]!, hash: texts.hashes[t]!, day: texts.days[t]!, length: texts.lengths[t]!, words };
}

const md5 = (key: string) => createHash('md5').update(key).digest('hex');

// Two of the seed article's quotations, and the words whosaid matches in them (normalised, the
// article and the conjunction dropped).
const GROWING = 'لا يوجد سوء تفاهم أو غموض في الساحة العسكرية';
const GROWING_KEY = 'لا يوجد سوء تفاهم او غموض في ساحه عسكريه';
const DUTY = 'بإرادة موسكو وليس بإرادتنا';
const DUTY_KEY = 'باراده موسكو ليس بارادتنا';

describe('the quotation texts worked out on an analysis thread', () => {
  it('numbers each distinct text once, in order of first sight, keeping its earliest day', () => {
    const texts = quotationTexts([
      { text: GROWING, matching: null, day: '2021-10-20' },
      { text: DUTY, matching: null, day: '2021-10-21' },
      { text: `«${GROWING}»`, matching: null, day: '2021-10-19' },
    ]);
    // The third is the first again once its punctuation is dropped by the matching words.
    expect(Array.from(texts.textOf)).toEqual([0, 1, 0]);
    expect(text(texts, 0)).toEqual({ key: GROWING_KEY, hash: md5(GROWING_KEY), day: '2021-10-19', length: 9, words: GROWING_KEY.split(' ') });
    expect(text(texts, 1)).toEqual({ key: DUTY_KEY, hash: md5(DUTY_KEY), day: '2021-10-21', length: 4, words: ['باراده', 'موسكو', 'ليس', 'بارادتنا'] });
  });

  it.each([
    ['the words whosaid matches, when the reader gives them', { text: 'نص لا يقرأ', matching: 'تعاون عسكري' }, 'تعاون عسكري'],
    ['the text tokenised, when it gives none', { text: `«${DUTY}»`, matching: null }, DUTY_KEY],
    ['no words at all', { text: '«…»', matching: '' }, ''],
  ])('takes as a text’s key %s', (_, quotation, key) => {
    const texts = quotationTexts([{ ...quotation, day: '2021-10-20' }]);
    expect(texts.keys).toEqual([key]);
    expect(texts.hashes).toEqual([md5(key)]);
    expect(texts.lengths[0]).toBe(key ? key.split(' ').length : 0);
  });

  it('counts a repeated word in a text’s length but lists it once, and shares words across texts with their buckets', () => {
    const texts = quotationTexts([
      { text: '', matching: 'موسكو طهران موسكو', day: '2021-10-20' },
      { text: '', matching: 'طهران دمشق', day: '2021-10-20' },
    ]);
    expect(texts.words).toEqual(['موسكو', 'طهران', 'دمشق']);
    expect(texts.buckets).toEqual(['مو|5', 'طه|5', 'دم|4']);
    expect([text(texts, 0), text(texts, 1)].map((t) => [t.length, t.words])).toEqual([
      [3, ['موسكو', 'طهران']],
      [2, ['طهران', 'دمشق']],
    ]);
  });

  it('gives nothing for no quotations', () => {
    const texts = quotationTexts([]);
    expect([texts.textOf.length, texts.keys, texts.words, Array.from(texts.wordStart)]).toEqual([0, [], [], [0]]);
  });
});

import { describe, expect, it } from 'vitest';
import { hasQuoteWords, queryWords, quotedSpans, readQuoteQuery } from '../../../src/engine/quotes/query.js';

describe('quotedSpans', () => {
  it.each([
    ['straight quotes in a reporting sentence', 'رئيس الأركان قال إن التعاون العسكري مع روسيا "ينمو ويتسع"', ['ينمو ويتسع']],
    ['guillemets', 'وصف باقري التعاون بأنه «ينمو ويتسع» خلال زيارته', ['ينمو ويتسع']],
    ['reversed guillemets', 'Bagheri: »ينمو ويتسع« heute', ['ينمو ويتسع']],
    ['curly English quotes', 'He said “It is what it is” and left', ['It is what it is']],
    ['German low-high quotes', 'Er sagte „ينمو ويتسع“ gestern', ['ينمو ويتسع']],
    ['single angle quotes', 'قال ‹لا تراجع› أمس', ['لا تراجع']],
    ['single quotes, apostrophes left alone', "She said 'I don't know' and it's fine", ["I don't know"]],
    ['curly single quotes around an apostrophe', 'She said ‘I don’t know’ today', ['I don’t know']],
    ['two quotations', 'الأركان: "ينمو ويتسع" و"أهمية خاصة"', ['ينمو ويتسع', 'أهمية خاصة']],
    ['a quotation inside a quotation', 'قال: «إن التعاون "ينمو ويتسع" باستمرار»', ['إن التعاون "ينمو ويتسع" باستمرار', 'ينمو ويتسع']],
    ['an unpaired mark', 'قال باقري "ينمو ويتسع', []],
    ['marks around no word', 'انظر "" و«…»', []],
  ])('%s', (_, text, spans) => {
    expect(quotedSpans(text)).toEqual(spans);
  });
});

describe('readQuoteQuery', () => {
  it.each([
    [
      'a tweet: emoji, handle, hashtags and a link around the quotation',
      '🔥 عاجل | رئيس الأركان الإيراني @IranIntl_ar: "ينمو ويتسع" #إيران #روسيا https://t.co/AbC123',
      ['عاجل', 'رئيس', 'الأركان', 'الإيراني', 'ينمو', 'ويتسع'],
      ['ينمو ويتسع'],
    ],
    ['Discord mentions and custom emoji', '<@123456789> <:pepe:987654> قال «ينمو ويتسع» <#42>', ['قال', 'ينمو', 'ويتسع'], ['ينمو ويتسع']],
    ['a link holding a quote mark', 'https://example.com/?q="x" ينمو ويتسع', ['ينمو', 'ويتسع'], []],
  ])('%s', (_, text, words, spans) => {
    const query = readQuoteQuery(text);
    expect(queryWords(query.text).map((w) => w.surface)).toEqual(words);
    expect(query.spans).toEqual(spans);
  });
});

describe('queryWords and hasQuoteWords', () => {
  it('keeps each word as written beside its matching form', () => {
    expect(queryWords('وأهميةٌ خاصة')).toEqual([
      { surface: 'وأهميةٌ', folded: 'اهميه' },
      { surface: 'خاصة', folded: 'خاصه' },
    ]);
  });

  it.each([
    ['ينمو ويتسع', true],
    ['It is what it is', true],
    ['https://t.co/x @someone #tag 🔥', false],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(hasQuoteWords(text)).toBe(expected);
  });
});

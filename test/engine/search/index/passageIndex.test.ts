import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { segmentArticle } from '../../../../src/engine/passages/segment.js';
import { PassageIndexBuilder, TermVocabulary, buildPassageIndex } from '../../../../src/engine/search/index/builder.js';
import { mergePassageIndex } from '../../../../src/engine/search/index/merge.js';
import { queryTerms } from '../../../../src/engine/search/terms.js';
import { normalizeText, words } from '../../../../src/engine/text/normalize.js';
import type { Article } from '../../../../src/engine/types.js';

function article(id: string, title: string, body: string): Article {
  return { id, title, body, date: '2022-01-01', source: 'Test Wire', url: null, lang: 'ar', author: null, file: `${id}.md` };
}

const articles = [
  article('a', 'التعاون العسكري', 'وصف باقري التعاون العسكري بأنه ينمو ويتسع.\nوقعت إيران عقودا لشراء أسلحة روسية.'),
  article('b', 'قمة الطاقة', 'استضافت موسكو قمة حول الطاقة النووية.\nوتحدث الوزير عن الطاقة والطاقة المتجددة.\nوانتهت القمة.'),
];
const passages = articles.flatMap((a) => segmentArticle(a));
const index = buildPassageIndex(articles, passages);
/** The stem term of one word, as a question would look it up. */
const stem = (word: string) => queryTerms(word)[0]!;

describe('buildPassageIndex', () => {
  it('lists, for a word, the passages whose text holds it, in passage order', () => {
    const [text] = index.postingLists(stem('الطاقة'));
    expect(text!.field).toBe('text');
    const docs = Array.from(text!.postings.docs.subarray(text!.from, text!.to));
    expect(docs.map((n) => passages[n]!.text)).toEqual(['استضافت موسكو قمة حول الطاقة النووية.', 'وتحدث الوزير عن الطاقة والطاقة المتجددة.']);
    expect(text!.postings.tfs[text!.from + 1]).toBe(2);
    expect(index.textFrequency(stem('الطاقة'))).toBe(2);
  });

  it('stores a title once per article and counts it for each of the article passages', () => {
    const title = index.postingLists(stem('الطاقة')).find((list) => list.field === 'title')!;
    expect(title.to - title.from).toBe(1);
    expect(title.passages).toBe(3);
    expect(Array.from(index.articleOf)).toEqual([0, 0, 1, 1, 1]);
  });

  it('answers whether a passage holds a word, and knows the exact surface form beside the stem', () => {
    expect(index.hasTerm(1, stem('أسلحة'))).toBe(true);
    expect(index.hasTerm(0, stem('أسلحة'))).toBe(false);
    expect(queryTerms('روسية')).toHaveLength(2);
    for (const term of queryTerms('روسية')) expect(index.hasTerm(1, term)).toBe(true);
    expect(index.postingLists('كلمةغائبة')).toEqual([]);
  });

  it('finds index terms one edit away from a misspelt word', () => {
    expect(index.variantsOf(`${stem('موسكو')}x`)).toContain(stem('موسكو'));
  });

  it('keeps the terms sorted, so a term is found by binary search', () => {
    const terms = index.data.terms;
    expect([...terms].sort((x, y) => (x < y ? -1 : 1))).toEqual(terms);
    terms.forEach((term, n) => expect(index.termNumber(term)).toBe(n));
  });

  it('refuses passages that are not grouped by article in the articles order', () => {
    expect(() => buildPassageIndex(articles, [...passages].reverse())).toThrow(/grouped by article/);
  });
});

/** The terms of one document as the index holds them (title and body the same text), with its field length. */
function indexed(text: string): { terms: Map<string, number>; length: number } {
  const one = buildPassageIndex([article('x', text, text)], [{ id: 'x@0', articleId: 'x', index: 0, start: 0, end: text.length, text }]);
  const { start, tfs, lengths } = one.data.text;
  const terms = new Map<string, number>();
  // Every term the index holds is listed, so a term with no posting shows up as a count of 0.
  one.data.terms.forEach((term, t) => terms.set(term, start[t + 1]! > start[t]! ? tfs[start[t]!]! : 0));
  return { terms, length: lengths[0] ?? 0 };
}

/** What normalising the whole text gives: the terms a question with this text looks up, and its distinct words. */
function expected(text: string): { terms: Map<string, number>; length: number } {
  const terms = new Map<string, number>();
  for (const term of queryTerms(text)) terms.set(term, (terms.get(term) ?? 0) + 1);
  return { terms, length: new Set(words(normalizeText(text))).size };
}

describe('indexing words as written', () => {
  it.each([
    ['a word cut by an invisible character is one word', 'الطا\u200Bقة النووية', 'الطاقة'],
    ['a soft hyphen and a bidi mark join too', 'inter\u00ADnational \u200Fموسكو', 'international'],
    ['tashkeel, tatweel and alef forms are normalised', 'الطَّاقـــة إيران', 'الطاقة'],
    ['Arabic-Indic digits are numbers', 'عام ٢٠٢١ وعام 2021', '2021'],
    ['a ligature letter gives its words', 'قال ﷺ', 'صلي'],
    ['a symbol that normalises into letters is read in context', 'Brand™ news', 'brandtm'],
    ['a capital sigma is lower-cased in context', 'ΟΔΟΣ news', 'οδος'],
  ])('%s', (_, text, word) => {
    const got = indexed(text);
    expect(got).toEqual(expected(text));
    expect(got.terms.has(queryTerms(word)[0]!)).toBe(true);
  });

  it('holds exactly the terms of the whole text normalised at once, for any mix of scripts, marks and symbols', () => {
    const pieces = ['الطاقة', 'إيران', 'ـ', 'ً', 'ّ', '\u200B', '\u200C', '\u00AD', '\u06DE', ' ', '.', '«', "'", '’', '™', '㎏', '½', 'Σ', 'σ', 'ﻻ', 'ﷲ', '٣', '۴', 'ک', 'ی', 'A', 'é', 'e\u0301', '\u0301', '😀', '\uD800', '\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 24 }), (parts) => {
        const text = parts.join('');
        expect(indexed(text)).toEqual(expected(text));
      }),
      { numRuns: 400 },
    );
  });
});

/** The index of `batch` (titles and passage texts) built by a builder numbering its words in `vocabulary` (its own when left out). */
function batchIndex(batch: ReadonlyArray<{ title: string; passages: string[] }>, vocabulary?: TermVocabulary) {
  const builder = new PassageIndexBuilder(vocabulary);
  for (const a of batch) builder.add(a.title, a.passages);
  return builder.finish().data;
}

describe('a vocabulary kept across indexes', () => {
  const batches = [
    [{ title: 'التعاون العسكري', passages: ['وصف باقري التعاون العسكري بأنه ينمو ويتسع.', 'وقعت إيران عقودا لشراء أسلحة روسية.'] }],
    // Words met before and new ones, a spelling that normalises in context (™), a word cut by an invisible character.
    [{ title: 'قمة الطاقة', passages: ['استضافت موسكو قمة حول الطاقة النووية.', 'Brand™ وتحدث الوزير عن الطا\u200Bقة.'] }, { title: 'إيران', passages: ['إيران وروسيا.'] }],
    // None of the words of the batch before: the index holds none of its terms.
    [{ title: 'أخبار', passages: ['انتهت القمة اليوم.'] }],
  ];

  it('gives each index exactly what a builder of its own gives: its own terms only, numbered in their sorted order', () => {
    const vocabulary = new TermVocabulary();
    for (const batch of batches) expect(batchIndex(batch, vocabulary)).toEqual(batchIndex(batch));
    // The last batch's index holds the terms of its own words (as a question would look them up), and no earlier batch's.
    const last = batches[2]!;
    const own = new Set(last.flatMap((a) => [a.title, ...a.passages].flatMap((text) => queryTerms(text))));
    expect(batchIndex(last, vocabulary).terms).toEqual([...own].sort());
    expect(batchIndex(last, vocabulary).terms).not.toContain(queryTerms('الطاقة')[0]);
  });

  it('does so for any texts, batch after batch, the terms in code unit order', () => {
    const pieces = ['الطاقة', 'إيران', 'ـ', 'ً', '\u200B', '\u00AD', ' ', '.', '™', 'Σ', 'σ', 'ﻻ', '٣', 'ک', 'A', 'e\u0301', '😀', '\n'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((parts) => parts.join(''));
    const batch = fc.array(fc.record({ title: text, passages: fc.array(text, { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(batch, { minLength: 1, maxLength: 4 }), (run) => {
        const vocabulary = new TermVocabulary();
        for (const b of run) {
          const kept = batchIndex(b, vocabulary);
          expect(kept).toEqual(batchIndex(b));
          // Each batch's terms, new to the vocabulary or met before, in the order of their UTF-16 code units.
          expect(kept.terms).toEqual([...kept.terms].sort());
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('mergePassageIndex', () => {
  const more = [article('c', 'الطاقة الشمسية', 'افتتحت مصر محطة للطاقة الشمسية.\nوقال الوزير إن الطاقة رخيصة.')];
  const morePassages = more.flatMap((a) => segmentArticle(a));

  it('gives the same index as building the remaining and added articles from scratch', () => {
    const merged = mergePassageIndex(index, Uint8Array.of(0, 1), buildPassageIndex(more, morePassages));
    const rebuilt = buildPassageIndex([articles[1]!, ...more], [...passages.filter((p) => p.articleId === 'b'), ...morePassages]);
    const live = (terms: string[]) => terms.filter((term) => merged.postingLists(term).length > 0);
    expect(live(merged.data.terms)).toEqual(rebuilt.data.terms);
    for (const term of rebuilt.data.terms) {
      const lists = (x: typeof merged) => x.postingLists(term).map((l) => ({ field: l.field, passages: l.passages, docs: Array.from(l.postings.docs.subarray(l.from, l.to)), tfs: Array.from(l.postings.tfs.subarray(l.from, l.to)) }));
      expect(lists(merged)).toEqual(lists(rebuilt));
    }
    expect(Array.from(merged.data.firstPassage)).toEqual(Array.from(rebuilt.data.firstPassage));
    expect(Array.from(merged.data.text.lengths)).toEqual(Array.from(rebuilt.data.text.lengths));
    expect(merged.averageLength).toEqual(rebuilt.averageLength);
  });
});

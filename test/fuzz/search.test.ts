import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Archive } from '../../src/engine/archive.js';
import { buildArchive } from '../../src/engine/build/buildArchive.js';
import { parseArticleFile } from '../../src/engine/corpus/index.js';
import { QuoteReader } from '../../src/engine/quotes/index.js';
import { ask } from '../../src/engine/search/ask.js';
import { AskQuery, parseQuestion } from '../../src/engine/search/query.js';
import { hostileText, piece, shortText, timed } from './arbitraries.js';

fc.configureGlobal({ seed: 42, numRuns: 300 });

const SEED = 'iran-international-2021-10-20-bagheri-moscow.txt';
const seed = parseArticleFile(SEED, readFileSync(`corpus/${SEED}`, 'utf8'), { source: 'Iran International' }).articles[0]!;

/** Bodies with reported speech in them: a cue, a colon, quote marks, names, in random order. */
const reportedSpeech = fc
  .array(fc.oneof(piece, fc.constantFrom(' قال ', ' وأضاف: ', ' «', '» ', ' "', '" ', '\n\n', ' محمد باقري ', ' رئيس الأركان ', ' مؤكدا أن ', '. ')), { maxLength: 80 })
  .map((parts) => parts.join(''));

/**
 * A quotation reader reads a whole article (thousands of characters here), so it gets a wider bound:
 * catastrophic backtracking takes seconds to hours, a linear pass over 6 000 characters well under this.
 */
const ARTICLE_TIME_LIMIT_MS = 1000;

describe('QuoteReader', () => {
  const reader = new QuoteReader();
  // English models load at the first English article (once per reader): not part of any one input's time.
  beforeAll(() => reader.quotations({ body: 'Jane Doe said the plan would fail.', lang: 'en' }));

  it('gives quotations that are verbatim slices of the body, quickly', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, reportedSpeech), fc.constantFrom('ar', 'fa', 'en'), (body, lang) => {
        const quotations = timed(() => reader.quotations({ id: 'x', title: 'عنوان', body, lang }), ARTICLE_TIME_LIMIT_MS);
        for (const q of quotations) {
          expect(q.start).toBeGreaterThanOrEqual(0);
          expect(q.end).toBeLessThanOrEqual(body.length);
          expect(body.slice(q.start, q.end)).toBe(q.text);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the spans verbatim when the seed article is cut and spliced with hostile text', () => {
    fc.assert(
      fc.property(fc.nat(seed.body.length), shortText, (at, inserted) => {
        const body = seed.body.slice(0, at) + inserted + seed.body.slice(at);
        for (const q of timed(() => reader.quotations({ ...seed, body }), ARTICLE_TIME_LIMIT_MS)) expect(body.slice(q.start, q.end)).toBe(q.text);
      }),
      { numRuns: 100 },
    );
  });
});

describe('parseQuestion', () => {
  it('never throws, is quick, and gives one typed text per phrase', () => {
    fc.assert(
      fc.property(hostileText, (question) => {
        const parsed = timed(() => parseQuestion(question));
        expect(parsed.phraseTexts).toHaveLength(parsed.phrases.length);
        expect(parsed.text).not.toMatch(/["«»“”]/);
        for (const phrase of parsed.phrases) expect(phrase.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('AskQuery and ask', () => {
  let archive: Archive;
  beforeAll(() => {
    archive = buildArchive([seed]);
  });

  it('validates any options without throwing', () => {
    const options = fc.record(
      { question: fc.oneof(hostileText, fc.anything()), source: fc.oneof(shortText, fc.anything()), from: fc.oneof(fc.constant('2021-10-20'), shortText), to: fc.string(), limit: fc.oneof(fc.integer(), fc.double()), offset: fc.integer() },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(options, (input) => void timed(() => AskQuery.safeParse(input))));
  });

  it('answers any question with results or an expected failure, quickly', () => {
    fc.assert(
      fc.property(hostileText.map((t) => t.slice(0, 300)), fc.option(fc.constantFrom('Iran International', 'iran', 'Nowhere')), (question, source) => {
        const answer = timed(() => ask(archive, { question, ...(source ? { source } : {}) }, archive.sources));
        if (!answer.ok) expect(['bad-query', 'no-results']).toContain(answer.code);
        else for (const r of answer.results) expect(seed.body).toContain(r.passage);
      }),
    );
  });
});

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Archive } from '../../../src/engine/archive.js';
import { buildArchive } from '../../../src/engine/build/buildArchive.js';
import { parseArticleFile } from '../../../src/engine/corpus/index.js';
import { type AskResult, ask } from '../../../src/engine/search/ask.js';
import type { Article } from '../../../src/engine/types.js';
import { failureWords } from '../../../src/render/failureWords.js';

const SEED = 'corpus/iran-international-2021-10-20-bagheri-moscow.txt';

function seedArticle(): Article {
  const { articles } = parseArticleFile('iran-international-2021-10-20-bagheri-moscow.txt', readFileSync(SEED, 'utf8'), { source: 'Iran International' });
  return articles[0]!;
}

function article(id: string, body: string, extra: Partial<Article> = {}): Article {
  return { id, title: `عنوان ${id}`, body, date: '2022-01-01', source: 'Test Wire', url: null, lang: 'ar', author: null, file: `${id}.md`, ...extra };
}

let archive: Archive;
beforeAll(() => {
  archive = buildArchive([
    seedArticle(),
    article('copy-late', 'وصف المسؤول التعاون العسكري بين إيران وروسيا بأنه ينمو ويتسع بسرعة كبيرة جدا.', { date: '2021-10-22', source: 'Late Wire' }),
    article('copy-early', 'وصف المسؤول التعاون العسكري بين إيران وروسيا بأنه ينمو ويتسع بسرعة كبيرة جدا.', { date: '2021-10-21', source: 'Early Wire' }),
  ]);
});
const run = (query: Parameters<typeof ask>[1]) => ask(archive, query, archive.sources);

describe('ask on the seed', () => {
  it('answers the cooperation question with the «ينمو ويتسع» paragraph, its source and date', () => {
    const answer = run({ question: 'التعاون العسكري بين إيران وروسيا' });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const seedHits = answer.results.filter((r) => r.article.source === 'Iran International');
    expect(seedHits[0]!.passage).toContain('ينمو ويتسع');
    expect(seedHits[0]!.article).toMatchObject({ source: 'Iran International', date: '2021-10-20' });
  });

  it('returns verbatim spans of the article body', () => {
    const answer = run({ question: 'عقود شراء أسلحة روسية', limit: 20 });
    if (!answer.ok) throw new Error(JSON.stringify(answer.reason));
    const body = seedArticle().body;
    for (const r of answer.results.filter((x) => x.article.source === 'Iran International')) expect(body.slice(r.start, r.end)).toBe(r.passage);
  });

  it('bolds the words that matched', () => {
    const answer = run({ question: 'ملف صوتي ظريف' });
    if (!answer.ok) throw new Error(JSON.stringify(answer.reason));
    const top = answer.results[0]!;
    const bold = top.highlights.map(([s, e]) => top.passage.slice(s, e));
    expect(bold).toEqual(['ملف', 'صوتي', 'ظريف']);
  });

  it('finds the passage when the question has diacritics and other alef/ya spellings', () => {
    const answer = run({ question: 'اَلتَّعاوُن الاستراتيجيه مع الصين لمدة ٢٥ عاما' });
    if (!answer.ok) throw new Error(JSON.stringify(answer.reason));
    expect(answer.results[0]!.passage).toContain('25 عامًا');
  });

  it('finds a passage despite typos in the question (words one edit away stand in for unknown ones)', () => {
    const answer = run({ question: 'عرقلت روسيا للاتفاك النوويي' });
    if (!answer.ok) throw new Error(JSON.stringify(answer.reason));
    expect(answer.results[0]!.passage).toContain('حول عرقلة روسيا للاتفاق النووي');
  });

  it('shows a syndicated passage once, led by the earliest copy, with the others listed', () => {
    const answer = run({ question: 'ينمو ويتسع بسرعة كبيرة' });
    if (!answer.ok) throw new Error(JSON.stringify(answer.reason));
    const copy = answer.results.find((r) => r.passage.includes('بسرعة كبيرة'))!;
    expect(copy.article.source).toBe('Early Wire');
    expect(copy.alsoIn.map((a) => a.source)).toEqual(['Late Wire']);
    expect(answer.results.filter((r) => r.passage.includes('بسرعة كبيرة'))).toHaveLength(1);
  });
});

describe('ask filters and phrases', () => {
  it.each([
    [{ question: '"ينمو ويتسع"' }, (r: AskResult) => r.passage.includes('ينمو ويتسع')],
    // The source as typed in any case: only the seed's outlet, none of the wires that carry the same words.
    [{ question: 'التعاون العسكري', source: 'iran international' }, (r: AskResult) => r.article.source === 'Iran International'],
    [{ question: 'التعاون العسكري', from: '2021-10-21' }, (r: AskResult) => r.passage.includes('بسرعة') && r.article.date >= '2021-10-21'],
    [{ question: 'التعاون العسكري', to: '2021-10-20' }, (r: AskResult) => !r.passage.includes('بسرعة') && r.article.date <= '2021-10-20'],
  ])('%o', (query, accept) => {
    const answer = run(query);
    if (!answer.ok) throw new Error(JSON.stringify(answer.reason));
    expect(answer.results.length).toBeGreaterThan(0);
    for (const r of answer.results) expect(accept(r)).toBe(true);
  });

  it('keeps only passages from the named source', () => {
    const answer = run({ question: 'التعاون العسكري', source: 'Late Wire' });
    if (!answer.ok) throw new Error(JSON.stringify(answer.reason));
    expect(answer.results.map((r) => r.article.source)).toEqual(['Late Wire']);
  });
});

describe('ask about an article subject', () => {
  it('answers with the opening passage of the article the question names', () => {
    const nile = buildArchive([
      article('nile', 'النيل نهر يقع في شرق أفريقيا.\n\nالنيل نهر يقع عليه سد.', { title: 'النيل' }),
    ]);
    const answer = ask(nile, { question: 'أين يقع النيل؟' }, nile.sources);
    if (!answer.ok) throw new Error(JSON.stringify(answer.reason));
    expect(answer.results[0]!.passage).toContain('شرق أفريقيا');
  });
});

describe('ask with bad input', () => {
  it.each([
    [{ question: '' }, 'bad-query', /^`question`: got ""; expected 2 to 300 characters\.$/],
    [{ question: 'ا'.repeat(301) }, 'bad-query', /^`question`: got "ا+…"; expected 2 to 300 characters\.$/],
    [{ question: '؟؟ !! ...' }, 'bad-query', /no searchable words/],
    [{ question: 'من هو ما هي' }, 'bad-query', /no searchable words/],
    [{ question: 'التعاون', source: 'Nowhere News' }, 'bad-query', /`source`: got "Nowhere News"; expected one of the archive's sources/],
    [{ question: 'التعاون', from: '2021-12-01', to: '2021-01-01' }, 'bad-query', /`from`: got "2021-12-01"; expected a day on or before `to`/],
    [{ question: 'التعاون', from: '2021-13-45' }, 'bad-query', /`from`: got "2021-13-45"; expected a real calendar date/],
    [{ question: 'التعاون', from: '20/10/2021' }, 'bad-query', /YYYY-MM-DD/],
    [{ question: 'التعاون', from: '2030-01-01' }, 'no-results', /Nothing in the archive/],
  ])('%o → %s', (query, code, message) => {
    const answer = run(query);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.code).toBe(code);
    expect(failureWords(answer, { ask: '/ask' }).message).toMatch(message);
  });

  it('suggests what to drop when nothing matches', () => {
    const answer = run({ question: 'التعاون', source: 'Late Wire', from: '2021-10-23' });
    if (answer.ok) throw new Error('expected no results');
    expect(answer.reason).toEqual({ kind: 'no-match', phrases: false, source: true, dates: true });
    expect(failureWords(answer, { ask: '/ask' }).hints).toEqual(expect.arrayContaining(['drop the `source` filter', 'widen or drop the `from`/`to` dates']));
  });
});

describe('dates: the publisher’s calendar day, as written', () => {
  const zoned = buildArchive([
    article('dubai-after-midnight', 'حصاد الزعفران في خراسان بدأ مبكرا هذا العام.', { date: '2018-02-28T00:16:06+04:00' }),
    article('new-york-late-night', 'حصاد الزعفران في خراسان تأخر في بعض القرى.', { date: '2018-02-28T23:50:00-05:00' }),
    article('next-day-utc', 'حصاد الزعفران في خراسان انتهى في معظم القرى.', { date: '2018-03-01T00:30:00Z' }),
  ]);
  const days = (query: Parameters<typeof ask>[1]) => {
    const answer = ask(zoned, query, zoned.sources);
    return answer.ok ? answer.results.map((r) => [r.article.id, r.article.date]).sort() : [];
  };

  it.each([
    [{ from: '2018-02-28', to: '2018-02-28' }, [['dubai-after-midnight', '2018-02-28'], ['new-york-late-night', '2018-02-28']]],
    [{ from: '2018-03-01' }, [['next-day-utc', '2018-03-01']]],
    [{ to: '2018-02-27' }, []],
  ])('%j keeps the articles shown with those days, whatever their time zone', (range, expected) => {
    expect(days({ question: 'حصاد الزعفران', ...range })).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../../src/engine/corpus/index.js';
import type { Article } from '../../../src/engine/types.js';
import { SEED_FILE, SEED_LAST_SENTENCE, SEED_TEXT, SEED_TITLE } from './seed.js';

const TITLE = 'باقري: التعاون العسكري مع موسكو "ينمو ويتسع"';
const BODY = 'قال محمد باقري إن التعاون العسكري بين إيران وروسيا "ينمو ويتسع".\n\nوأضاف أن اللجنة العسكرية المشتركة ستعقد في طهران.';
const SOURCE = 'Iran International';
const RECORD = { title: TITLE, body: BODY, date: '2021-10-20', source: SOURCE };
const IRAN_INTERNATIONAL = { source: SOURCE };

/** The article a record gives when it sets only the required fields. */
const article = (file: string, id: string, fields: Partial<Article> = {}): Article => ({
  id, title: TITLE, body: BODY, date: '2021-10-20', source: SOURCE, url: null, lang: 'ar', author: null, file, ...fields,
});
const jsonLines = (...records: unknown[]): string => records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');

describe('parseArticleFile', () => {
  describe('reads each format', () => {
    it.each([
      {
        name: '.md: front matter and body, extra fields kept in meta',
        path: 'ar/2021/bagheri.md',
        content: `---\ntitle: '${TITLE}'\ndate: 2021-10-20\nsource: ${SOURCE}\nurl: https://www.iranintl.com/ar/202110201234\ntags: [إيران, روسيا]\n---\n\n${BODY}\n`,
        defaults: {},
        expected: [article('ar/2021/bagheri.md', 'ar/2021/bagheri', { url: 'https://www.iranintl.com/ar/202110201234', meta: { tags: ['إيران', 'روسيا'] } })],
      },
      {
        name: '.md with a BOM and CRLF line endings',
        path: 'bagheri.md',
        content: `\uFEFF---\r\ntitle: '${TITLE}'\r\ndate: 2021-10-20\r\n---\r\n${BODY.replace(/\n/g, '\r\n')}\r\n`,
        defaults: IRAN_INTERNATIONAL,
        expected: [article('bagheri.md', 'bagheri')],
      },
      {
        name: '.json: one article, its id exactly as written, a date-time kept as given',
        path: 'bagheri.json',
        content: JSON.stringify({ ...RECORD, id: 'ii-ar/2021-10-20', date: '2021-10-20T09:30:00+03:30', author: 'مرجان فرساد', lang: 'ar' }),
        defaults: {},
        expected: [article('bagheri.json', 'ii-ar/2021-10-20', { date: '2021-10-20T09:30:00+03:30', author: 'مرجان فرساد' })],
      },
      {
        name: '.json: an array, the Nth record numbered #N; a numeric id becomes a string',
        path: 'archive/2021.json',
        content: JSON.stringify([RECORD, { ...RECORD, id: 42 }, RECORD]),
        defaults: {},
        expected: [article('archive/2021.json', 'archive/2021#1'), article('archive/2021.json', '42'), article('archive/2021.json', 'archive/2021#3')],
      },
      {
        name: '.jsonl: one article per line, blank lines skipped, #N is the line',
        path: 'feed.jsonl',
        content: jsonLines(RECORD, '', { ...RECORD, abstract: 'ملخص' }, '   '),
        defaults: {},
        expected: [article('feed.jsonl', 'feed#1'), article('feed.jsonl', 'feed#3', { meta: { abstract: 'ملخص' } })],
      },
      {
        name: '.txt: the seed, with its source from the defaults',
        path: SEED_FILE,
        content: SEED_TEXT,
        defaults: IRAN_INTERNATIONAL,
        expected: [expect.objectContaining({ id: SEED_FILE.replace('.txt', ''), title: SEED_TITLE, date: '2021-10-20', source: SOURCE, lang: 'ar', body: expect.stringMatching(new RegExp(`${SEED_LAST_SENTENCE.slice(-20)}$`)) })],
      },
      {
        name: '.txt without a date line, dated by the defaults',
        path: 'undated.txt',
        content: `${TITLE}\n\n${BODY}`,
        defaults: { ...IRAN_INTERNATIONAL, date: '2021-10-20' },
        expected: [article('undated.txt', 'undated')],
      },
      {
        name: 'defaults fill what the article leaves out and nothing else',
        path: 'fa/bagheri.json',
        content: JSON.stringify({ ...RECORD, source: 'ایران اینترنشنال' }),
        defaults: { source: SOURCE, lang: 'fa', author: 'مرجان فرساد' },
        expected: [article('fa/bagheri.json', 'fa/bagheri', { source: 'ایران اینترنشنال', lang: 'fa', author: 'مرجان فرساد' })],
      },
      {
        name: 'the language detected: Persian and English',
        path: 'langs.json',
        content: JSON.stringify([
          { ...RECORD, title: 'باقری: همکاری نظامی با مسکو گسترش می‌یابد', body: 'رئیس ستاد کل نیروهای مسلح گفت همکاری نظامی ایران و روسیه رو به گسترش است.' },
          { ...RECORD, title: 'Bagheri: military cooperation with Moscow is growing', body: 'Iran’s chief of staff said cooperation with Russia is growing.' },
        ]),
        defaults: {},
        expected: [expect.objectContaining({ id: 'langs#1', lang: 'fa' }), expect.objectContaining({ id: 'langs#2', lang: 'en' })],
      },
      { name: 'another extension: nothing', path: 'notes.csv', content: 'title,date', defaults: {}, expected: [] },
    ])('$name', ({ path, content, defaults, expected }) => {
      expect(parseArticleFile(path, content, defaults)).toEqual({ articles: expected, problems: [] });
    });
  });

  describe('reports each kind of bad record and skips only it', () => {
    const invalidJson = expect.stringMatching(/^invalid JSON: /);
    it.each([
      { name: 'invalid JSON', path: 'a.json', content: '{"title": "باقري",', problems: [{ file: 'a.json', reason: invalidJson }], loaded: 0 },
      {
        name: 'an invalid .jsonl line, with its line number',
        path: 'feed.jsonl',
        content: jsonLines(RECORD, '{"title": "ظريف"', RECORD),
        problems: [{ file: 'feed.jsonl', line: 2, reason: invalidJson }],
        loaded: 2,
      },
      {
        name: 'a missing title, on its .jsonl line: kept, titled from the body, with a warning',
        path: 'feed.jsonl',
        content: jsonLines(RECORD, RECORD, { ...RECORD, title: undefined }),
        problems: [{ file: 'feed.jsonl', line: 3, field: 'title', reason: "title: is missing; made from the body's first sentence", kept: true }],
        loaded: 3,
      },
      {
        name: 'a date that is not ISO 8601',
        path: 'a.json',
        content: JSON.stringify({ ...RECORD, date: '20/10/2021' }),
        problems: [{ file: 'a.json', field: 'date', reason: 'date: expected an ISO 8601 date such as 2021-10-20, got "20/10/2021"' }],
        loaded: 0,
      },
      { name: 'an empty body', path: 'a.json', content: JSON.stringify({ ...RECORD, body: ' \n ' }), problems: [{ file: 'a.json', field: 'body', reason: 'body is empty' }], loaded: 0 },
      {
        name: 'a bad url: the article is kept without a link',
        path: 'a.json',
        content: JSON.stringify({ ...RECORD, url: 'iranintl.com/ar' }),
        problems: [{ file: 'a.json', field: 'url', reason: 'url: not a URL (expected one such as https://example.com/news/1), got "iranintl.com/ar"; the article is kept without a link', kept: true }],
        loaded: 1,
      },
      {
        name: 'several bad fields, all named',
        path: 'a.json',
        content: JSON.stringify({ body: BODY, date: 'أمس' }),
        problems: [{ file: 'a.json', field: 'date', reason: 'date: expected an ISO 8601 date such as 2021-10-20, got "أمس"; source: is missing' }],
        loaded: 0,
      },
      {
        name: 'an array element that is not an object',
        path: 'a.json',
        content: JSON.stringify([RECORD, 'باقري']),
        problems: [{ file: 'a.json', reason: 'expected an article object, got string' }],
        loaded: 1,
      },
      { name: 'JSON that is neither object nor array', path: 'a.json', content: '"باقري"', problems: [{ file: 'a.json', reason: 'expected an article object or an array of them, got string' }], loaded: 0 },
      { name: 'malformed front matter', path: 'a.md', content: `---\ntitle: [باقري\ndate: 2021-10-20\n---\n${BODY}`, problems: [{ file: 'a.md', reason: expect.stringMatching(/^front matter: /) }], loaded: 0 },
      { name: 'unclosed front matter', path: 'a.md', content: `---\ntitle: باقري\n${BODY}`, problems: [{ file: 'a.md', reason: 'front matter: no closing --- line' }], loaded: 0 },
      { name: 'front matter that is a list', path: 'a.md', content: `---\n- باقري\n---\n${BODY}`, problems: [{ file: 'a.md', reason: 'front matter: expected "field: value" lines, got an array' }], loaded: 0 },
      { name: 'a .md without front matter', path: 'a.md', content: BODY, problems: [{ file: 'a.md', field: 'date', reason: 'date: is missing; source: is missing' }], loaded: 0 },
      { name: 'a .txt without a date line', path: 'a.txt', content: `${TITLE}\n${BODY}`, problems: [{ file: 'a.txt', field: 'date', reason: 'date: no date line found' }], loaded: 0 },
    ])('$name', ({ path, content, problems, loaded }) => {
      const parsed = parseArticleFile(path, content, path.endsWith('.txt') ? IRAN_INTERNATIONAL : {});
      expect(parsed.problems).toEqual(problems);
      expect(parsed.articles).toHaveLength(loaded);
    });
  });
});

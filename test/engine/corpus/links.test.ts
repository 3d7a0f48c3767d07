import { describe, expect, it } from 'vitest';
import { parseArticleFile } from '../../../src/engine/corpus/index.js';
import { articleLink } from '../../../src/engine/corpus/links.js';

const BODY = 'قال محمد باقري إن التعاون العسكري بين إيران وروسيا "ينمو ويتسع". وأضاف أن اللجنة العسكرية المشتركة ستعقد في طهران.';
const RECORD = { title: 'باقري في موسكو', body: BODY, date: '2021-10-20', source: 'Iran International' };

describe('articleLink', () => {
  it.each([
    ['an Arabic path, percent-encoded', 'http://www.alarabiya.net/ar/culture-and-art/2018/02/18/هكذا-تحالفت.html', 'http://www.alarabiya.net/ar/culture-and-art/2018/02/18/%D9%87%D9%83%D8%B0%D8%A7-%D8%AA%D8%AD%D8%A7%D9%84%D9%81%D8%AA.html'],
    ['spaces in a path', 'https://example.com/a b', 'https://example.com/a%20b'],
    ['an Arabic host, in punycode', 'https://مثال.إختبار/خبر', 'https://xn--mgbh0fb.xn--kgbechtv/%D8%AE%D8%A8%D8%B1'],
    ['a plain link, as given', 'https://www.iranintl.com/ar/202110205678', 'https://www.iranintl.com/ar/202110205678'],
  ])('%s', (_, raw, href) => {
    expect(articleLink(raw)).toEqual({ url: href });
  });

  it.each([
    ['javascript:alert(1)', /only http and https links are shown, got a javascript: link/],
    ['data:text/html,<b>x</b>', /got a data: link/],
    ['ftp://example.com/a', /got a ftp: link/],
    ['www.example.com/news', /not a URL/],
    ['http://', /not a URL/],
  ])('refuses %s', (raw, reason) => {
    const link = articleLink(raw);
    expect(link.url).toBeNull();
    expect('reason' in link && link.reason).toMatch(reason);
  });
});

describe('corpus links and titles', () => {
  it('keeps an article whose link is unsafe, without the link, and says why', () => {
    const parsed = parseArticleFile('a.json', JSON.stringify({ ...RECORD, url: 'javascript:alert(1)' }), {});
    expect(parsed.articles[0]).toMatchObject({ title: 'باقري في موسكو', url: null });
    expect(parsed.problems).toEqual([{ file: 'a.json', field: 'url', reason: 'url: only http and https links are shown, got a javascript: link; the article is kept without a link', kept: true }]);
  });

  it('stores an Arabic link percent-encoded', () => {
    const parsed = parseArticleFile('a.json', JSON.stringify({ ...RECORD, url: 'https://www.skynewsarabia.com/خبر/1' }), {});
    expect(parsed.articles[0]!.url).toBe('https://www.skynewsarabia.com/%D8%AE%D8%A8%D8%B1/1');
    expect(parsed.problems).toEqual([]);
  });

  it.each([
    ['missing', { ...RECORD, title: undefined }, 'is missing'],
    ['empty', { ...RECORD, title: '   ' }, 'is empty'],
    ['null', { ...RECORD, title: null }, 'is missing'],
  ])('titles an article whose title is %s from its first sentence, flags it and warns with the line', (_, record, said) => {
    const parsed = parseArticleFile('feed.jsonl', `${JSON.stringify(RECORD)}\n${JSON.stringify(record)}\n`, {});
    expect(parsed.articles).toHaveLength(2);
    expect(parsed.articles[1]).toMatchObject({ title: 'قال محمد باقري إن التعاون العسكري بين إيران وروسيا "ينمو ويتسع".', meta: { titleDerived: true } });
    expect(parsed.articles[0]!.meta).toBeUndefined();
    expect(parsed.problems).toEqual([{ file: 'feed.jsonl', line: 2, field: 'title', reason: `title: ${said}; made from the body's first sentence`, kept: true }]);
  });

  it('cuts a long first sentence at a word', () => {
    const long = `${'كلمة '.repeat(60)}نهاية.`;
    const parsed = parseArticleFile('a.json', JSON.stringify({ ...RECORD, title: '', body: long }), {});
    const title = parsed.articles[0]!.title;
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title).toMatch(/كلمة…$/);
  });
});

import { describe, expect, it } from 'vitest';
import { declaredCharset, decodeBody } from '../../src/feeds/encoding.js';
import { extractPage } from '../../src/feeds/page.js';
import { FeedParseError, parseFeed } from '../../src/feeds/parse.js';
import { windows1256 } from '../support/windows1256.js';
import { articlePage, DESALINATION } from './fixtures.js';

const BASE = 'https://news.example/feeds/main.xml';

describe('parseFeed', () => {
  it.each([
    [
      'RSS 2.0 with content:encoded, a relative link and an RFC 822 date',
      '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title><item><title>عنوان &amp; خبر</title><link>/ar/1</link><description>short</description><content:encoded><![CDATA[<p>فقرة أولى.</p><p>فقرة ثانية.</p>]]></content:encoded><pubDate>Sat, 07 Apr 2018 13:39:43 GMT</pubDate></item></channel></rss>',
      { format: 'rss', title: 'T', items: [{ link: 'https://news.example/ar/1', title: 'عنوان & خبر', summary: 'فقرة أولى.\n\nفقرة ثانية.', date: '2018-04-07T13:39:43.000Z' }] },
    ],
    [
      'RSS 1.0 (RDF) with dc:date and a permalink guid instead of a link',
      '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>R</title></channel><item><title>A</title><link>https://news.example/a</link><description>Text</description><dc:date>2024-05-01T10:00:00+03:00</dc:date></item></rdf:RDF>',
      { format: 'rss', title: 'R', items: [{ link: 'https://news.example/a', title: 'A', summary: 'Text', date: '2024-05-01T07:00:00.000Z' }] },
    ],
    [
      'Atom with an alternate link among others, HTML content, and updated only',
      '<feed xmlns="http://www.w3.org/2005/Atom"><title type="text">A</title><entry><title type="html">B &lt;i&gt;b&lt;/i&gt;</title><link rel="self" href="https://news.example/self"/><link rel="alternate" href="https://news.example/b"/><updated>2024-05-02T00:00:00Z</updated><content type="html">&lt;p&gt;One&lt;/p&gt;</content></entry></feed>',
      { format: 'atom', title: 'A', items: [{ link: 'https://news.example/b', title: 'B b', summary: 'One', date: '2024-05-02T00:00:00.000Z' }] },
    ],
    [
      'JSON Feed with content_text, and an item without a URL left out',
      JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'J', items: [{ id: '1', url: 'https://news.example/j', title: 'J1', content_text: 'Plain text.', date_published: '2024-05-03T00:00:00Z' }, { id: '2', title: 'no link' }] }),
      { format: 'json', title: 'J', items: [{ link: 'https://news.example/j', title: 'J1', summary: 'Plain text.', date: '2024-05-03T00:00:00.000Z' }] },
    ],
  ])('%s', (_name, source, expected) => expect(parseFeed(source, BASE)).toEqual(expected));

  it('leaves out items whose link is not http(s), and takes a date that does not parse as none', () => {
    const feed = parseFeed('<rss><channel><item><title>x</title><link>javascript:alert(1)</link></item><item><title>y</title><link>https://news.example/y</link><pubDate>yesterday</pubDate></item></channel></rss>', BASE);
    expect(feed.items).toEqual([{ link: 'https://news.example/y', title: 'y', summary: '', date: null }]);
  });

  it.each([
    ['<rss><channel><item></channel></rss>', /^malformed XML at line 1: /],
    ['{"version": "1", "items": []}', /^not a JSON Feed: /],
    ['{"version": ', /^not valid JSON: /],
    ['<opml version="2.0"><body/></opml>', /^not a feed: the document's root is <opml>/],
  ])('refuses %j with a clear message', (source, message) => {
    expect(() => parseFeed(source, BASE)).toThrow(FeedParseError);
    expect(() => parseFeed(source, BASE)).toThrow(message);
  });
});

describe('decodeBody', () => {
  it('takes the charset from the Content-Type header before the XML declaration', () => {
    const body = windows1256('<?xml version="1.0" encoding="utf-8"?><t>خبر</t>');
    expect(declaredCharset(body, 'application/xml; charset=windows-1256')).toBe('windows-1256');
    expect(decodeBody(body, 'application/xml; charset=windows-1256')).toContain('<t>خبر</t>');
  });

  it('reads an HTML page declared windows-1256 in its <meta>, and falls back to UTF-8 for an unknown charset', () => {
    expect(decodeBody(windows1256('<html><head><meta charset="windows-1256"></head><body>خبر</body></html>'), 'text/html')).toContain('خبر');
    expect(decodeBody(Buffer.from('خبر'), 'text/html; charset=x-no-such-thing')).toBe('خبر');
  });
});

describe('extractPage', () => {
  it('keeps the paragraphs, drops navigation, share prompts and "read more" lists, and reads the metadata', () => {
    const page = extractPage(articlePage({ title: 'محطة', paragraphs: DESALINATION, published: '2026-11-30T10:00:00+02:00', canonical: '/story?id=1', author: 'سارة' }), 'https://news.example/x/1');
    expect(page).toEqual({ title: 'محطة | Site', date: '2026-11-30T08:00:00.000Z', author: 'سارة', body: DESALINATION.join('\n\n'), canonicalUrl: 'https://news.example/story?id=1' });
  });

  it('takes <time datetime> when the page has no other date', () => {
    const html = articlePage({ title: 'T', paragraphs: DESALINATION }).replace('<h1>', '<time datetime="2026-01-02T03:04:05Z">2 Jan</time><h1>');
    expect(extractPage(html, 'https://news.example/t')?.date).toBe('2026-01-02T03:04:05.000Z');
  });
});

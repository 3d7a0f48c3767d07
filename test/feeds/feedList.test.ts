import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addFeed, FeedListError, intervalMs, intervalText, readFeedList, removeFeed } from '../../src/feeds/feedList.js';
import { silentLogger } from '../../src/engine/index.js';
import { createFetcher } from '../../src/feeds/fetcher.js';
import { createFeedService } from '../../src/feeds/service.js';
import { readState, writeState } from '../../src/feeds/state.js';

let corpus: string;
beforeEach(() => (corpus = mkdtempSync(join(tmpdir(), 'feed-list-'))));
afterEach(() => rmSync(corpus, { recursive: true, force: true }));
const write = (text: string) => writeFileSync(join(corpus, 'feeds.yaml'), text);

describe('readFeedList', () => {
  it('reads feeds.yaml; no file is no feeds', () => {
    expect(readFeedList(corpus)).toEqual([]);
    write('feeds:\n  - url: https://example.com/rss\n    source: Example\n    lang: ar\n    interval: 30m\n');
    expect(readFeedList(corpus)).toEqual([{ url: 'https://example.com/rss', source: 'Example', lang: 'ar', interval: '30m' }]);
    expect(intervalMs(readFeedList(corpus)[0]!)).toBe(30 * 60 * 1000);
  });

  it.each([
    ['feeds: [', /feeds\.yaml: Flow sequence in block collection must be sufficiently indented/],
    ['feeds:\n  - url: file:///etc/passwd\n    source: X\n', /feeds\.yaml: feeds\.0\.url: an http:\/\/ or https:\/\/ URL/],
    ['feeds:\n  - url: https://a.test/rss\n', /feeds\.0\.source: /],
    ['feeds:\n  - url: https://a.test/rss\n    source: X\n    colour: red\n', /feeds\.0: Unrecognized key: "colour"/],
    ['feeds:\n  - url: https://a.test/rss\n    source: X\n    interval: 2s\n', /feeds\.0\.interval: at least 5s/],
    ['feeds:\n  - url: https://a.test/rss\n    source: X\n  - url: https://a.test/rss\n    source: Y\n', /https:\/\/a\.test\/rss is listed twice/],
    ['sources: []', /feeds\.yaml: the file: Unrecognized key: "sources"/],
  ])('names the problem of %j', (text, message) => {
    write(text);
    expect(() => readFeedList(corpus)).toThrow(FeedListError);
    expect(() => readFeedList(corpus)).toThrow(message);
  });
});

describe('addFeed and removeFeed', () => {
  it('edit feeds.yaml in place, keeping its comments, and refuse a feed followed twice', () => {
    write('# Our outlets\nfeeds:\n  # the Arabic service\n  - url: https://a.test/rss\n    source: A\n');
    addFeed(corpus, { url: 'https://b.test/feed.json', source: 'B', lang: 'en' });
    expect(() => addFeed(corpus, { url: 'https://b.test/feed.json', source: 'B again' })).toThrow('https://b.test/feed.json is already followed');
    expect(readFileSync(join(corpus, 'feeds.yaml'), 'utf8')).toBe(
      '# Our outlets\nfeeds:\n  # the Arabic service\n  - url: https://a.test/rss\n    source: A\n  - url: https://b.test/feed.json\n    source: B\n    lang: en\n',
    );
    expect(removeFeed(corpus, 'https://a.test/rss')).toBe(true);
    expect(removeFeed(corpus, 'https://a.test/rss')).toBe(false);
    expect(readFeedList(corpus).map((f) => f.url)).toEqual(['https://b.test/feed.json']);
  });

  it('creates feeds.yaml when there is none', () => {
    addFeed(corpus, { url: 'https://a.test/rss', source: 'A' });
    expect(readFileSync(join(corpus, 'feeds.yaml'), 'utf8')).toBe('feeds:\n  - url: https://a.test/rss\n    source: A\n');
  });
});

describe('FeedService.add', () => {
  it('refuses a private address typed as such unless FEEDS_ALLOW_PRIVATE', () => {
    const service = (allowPrivate: boolean) => createFeedService({ corpusDir: corpus, fetcher: createFetcher({ allowPrivate }), logger: silentLogger });
    expect(() => service(false).add({ url: 'http://169.254.169.254/latest', source: 'X' })).toThrow('169.254.169.254 is a private, loopback or link-local address');
    expect(existsSync(join(corpus, 'feeds.yaml'))).toBe(false);
    service(true).add({ url: 'http://10.0.0.5/rss', source: 'Intranet' });
    expect(readFeedList(corpus)).toEqual([{ url: 'http://10.0.0.5/rss', source: 'Intranet' }]);
  });
});

describe('the state file', () => {
  it('round-trips, writes what was taken only when asked, and moves an unreadable file aside with a warning instead of stopping the reader', () => {
    const state = { version: 1 as const, feeds: { 'https://a.test/rss': { failures: 0, added: 2, updated: 0, etag: '"x"' } }, articles: {}, links: {} };
    writeState(corpus, state, true);
    expect(readState(corpus, () => undefined)).toEqual(state);
    const taken = { articles: { 'https://a.test/1': { id: 'feed-1', file: 'feeds/a/2026-12/feed-1.md', bodyHash: 'h', itemHash: 'i', partial: false, attempts: 0 } }, links: { 'https://a.test/1?x': 'https://a.test/1' } };
    writeState(corpus, { ...state, ...taken }, true);
    // Only the status is written when nothing was taken: the articles on file stay as they were.
    writeState(corpus, { ...state, feeds: {} }, false);
    expect(readState(corpus, () => undefined)).toEqual({ version: 1, feeds: {}, ...taken });
    writeFileSync(join(corpus, '.feeds', 'state.json'), '{"version": 1, "feeds": {"x": {"failures": -1}}');
    const warnings: string[] = [];
    expect(readState(corpus, (m) => warnings.push(m))).toEqual({ version: 1, feeds: {}, ...taken });
    expect(warnings[0]).toMatch(/^the feed state file \.feeds\/state\.json was unreadable and was moved to .*state\.json\.bad-\d+/);
  });
});

describe('intervalText', () => {
  it.each([
    [30_000, '30s'],
    [600_000, '10m'],
    [5_400_000, '1h 30m'],
    [86_400_000, '1d'],
  ])('%d ms is %s', (ms, text) => expect(intervalText(ms)).toBe(text));
});

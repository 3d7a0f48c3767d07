import type { ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, silentLogger } from '../../src/engine/index.js';
import { createFetcher } from '../../src/feeds/fetcher.js';
import { createFeedService, type FeedService } from '../../src/feeds/service.js';
import { readState } from '../../src/feeds/state.js';
import { windows1256 } from '../support/windows1256.js';
import { articlePage, atom, BRIDGE, DESALINATION, type Item, jsonFeed, NO_ARTICLE_PAGE, rss } from './fixtures.js';
import { type FixtureServer, serve, startFixtureServer } from './fixtureServer.js';

const XML = { 'content-type': 'application/rss+xml' };
const HTML = { 'content-type': 'text/html; charset=utf-8' };

let server: FixtureServer;
let corpus: string;
let service: FeedService;

beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());
beforeEach(() => {
  corpus = mkdtempSync(join(tmpdir(), 'feeds-corpus-'));
  service = createFeedService({ corpusDir: corpus, fetcher: createFetcher({ allowPrivate: true, hostSpacingMs: 0, totalTimeoutMs: 3000 }), logger: silentLogger });
});
afterEach(() => rmSync(corpus, { recursive: true, force: true }));

/** The articles written so far: front matter fields and body, by file. */
function written(): Array<{ file: string; text: string }> {
  const feeds = join(corpus, 'feeds');
  let files: string[] = [];
  try {
    files = readdirSync(feeds, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
  } catch {
    return [];
  }
  return files.sort().map((file) => ({ file, text: readFileSync(join(feeds, file), 'utf8') }));
}

const item = (path: string, title: string, summary: string, date = '2026-12-01T08:00:00Z'): Item => ({ title, link: `${server.origin}${path}`, summary, date });

describe('fetchNow: feed formats', () => {
  it('reads an Arabic RSS feed and its pages into .md files the engine answers from, with source, date and link', async () => {
    server.route('/ar/rss', serve(rss([item('/ar/desal', 'محطة تحلية المياه في العقبة', 'ملخص قصير')]), XML));
    server.route('/ar/desal', serve(articlePage({ title: 'محطة تحلية المياه في العقبة', paragraphs: DESALINATION, published: '2026-11-30T10:00:00Z', author: 'سارة' }), HTML));
    const [report] = await service.fetchNow(`${server.origin}/ar/rss`, { source: 'Aqaba Daily', lang: 'ar' });
    expect(report).toMatchObject({ outcome: 'ok', items: 1, added: 1, partial: 0 });
    const [file] = written();
    expect(file!.file).toMatch(/^aqaba-daily\/2026-11\/feed-[0-9a-f]{16}\.md$/);
    expect(file!.text).toContain('date: 2026-11-30T10:00:00.000Z');
    expect(file!.text).toContain('author: سارة');
    expect(file!.text).toContain(`${DESALINATION[0]}\n\n${DESALINATION[1]}`);
    expect(file!.text).not.toMatch(/شارك|اقرأ أيضا|الرئيسية/);
    const engine = await createEngine({ corpusDir: corpus, cacheDir: join(corpus, '.cache'), logger: silentLogger });
    const answer = engine.ask({ question: 'محطة تحلية المياه' });
    expect(answer.ok && answer.results[0]?.article).toMatchObject({ source: 'Aqaba Daily', title: 'محطة تحلية المياه في العقبة', url: `${server.origin}/ar/desal` });
  });

  it('reads English Atom and JSON Feed, taking the page date from JSON-LD', async () => {
    server.route('/en/atom', serve(atom([item('/en/bridge', 'Harbour bridge reopens', 'Short')]), { 'content-type': 'application/atom+xml' }));
    server.route('/en/bridge', serve(articlePage({ title: 'Harbour bridge reopens', paragraphs: BRIDGE, jsonLdDate: '2026-10-02T09:00:00Z', lang: 'en' }), HTML));
    server.route('/en/feed.json', serve(jsonFeed([item('/en/bridge', 'Harbour bridge reopens', 'Short')]), { 'content-type': 'application/feed+json' }));
    expect((await service.fetchNow(`${server.origin}/en/atom`, { source: 'Harbour News' }))[0]).toMatchObject({ outcome: 'ok', added: 1 });
    expect((await service.fetchNow(`${server.origin}/en/feed.json`, { source: 'Harbour News' }))[0]).toMatchObject({ outcome: 'ok', added: 0 });
    const files = written();
    expect(files).toHaveLength(1);
    expect(files[0]!.text).toContain('date: 2026-10-02T09:00:00.000Z');
  });

  it('decodes a feed declared windows-1256 in its XML declaration, and a gzipped one', async () => {
    const body = windows1256(rss([item('/ar/nopage', 'خبر عاجل من العقبة', 'وصلت شحنة القمح إلى ميناء العقبة صباح اليوم')], 'windows-1256'));
    server.route('/ar/cp1256', serve(body, { 'content-type': 'application/xml' }));
    server.route('/ar/gz', serve(gzipSync(rss([item('/ar/nopage2', 'خبر مضغوط', 'نص الخبر المضغوط بالكامل هنا')])), { ...XML, 'content-encoding': 'gzip' }));
    await service.fetchNow(`${server.origin}/ar/cp1256`, { source: 'Old Site' });
    await service.fetchNow(`${server.origin}/ar/gz`, { source: 'Old Site' });
    const texts = written().map((f) => f.text).join('\n');
    expect(texts).toContain('title: خبر عاجل من العقبة');
    expect(texts).toContain('وصلت شحنة القمح إلى ميناء العقبة صباح اليوم');
    expect(texts).toContain('نص الخبر المضغوط بالكامل هنا');
  });
});

describe('fetchNow: items and pages', () => {
  it('keeps the feed text of an item whose page has no article, flags it partial, and replaces it once the page reads', async () => {
    server.route('/p/rss', serve(rss([item('/p/video', 'Bridge video', 'The bridge reopened; watch the ceremony.')]), XML));
    server.route('/p/video', serve(NO_ARTICLE_PAGE, HTML));
    expect((await service.fetchNow(`${server.origin}/p/rss`, { source: 'P' }))[0]).toMatchObject({ added: 1, partial: 1 });
    expect(written()[0]!.text).toMatch(/partial: true[\s\S]*The bridge reopened; watch the ceremony\./);
    server.route('/p/video', serve(articlePage({ title: 'Bridge video', paragraphs: BRIDGE, lang: 'en' }), HTML));
    expect((await service.fetchNow(`${server.origin}/p/rss`, { source: 'P' }))[0]).toMatchObject({ added: 0, updated: 1, partial: 0 });
    const files = written();
    expect(files).toHaveLength(1);
    expect(files[0]!.text).not.toContain('partial');
    expect(files[0]!.text).toContain(BRIDGE[2]);
  });

  it('takes the same story under two URLs once: by canonical link, and by identical text', async () => {
    const page = (canonical?: string) => serve(articlePage({ title: 'Harbour bridge reopens', paragraphs: BRIDGE, lang: 'en', canonical }), HTML);
    server.route('/d/a', page(`${server.origin}/d/story`));
    server.route('/d/b', page(`${server.origin}/d/story`));
    server.route('/d/c', page());
    server.route('/d/rss', serve(rss([item('/d/c', 'Bridge again', 's'), item('/d/b', 'Bridge', 's'), item('/d/a?utm_source=x', 'Bridge', 's')]), XML));
    const [report] = await service.fetchNow(`${server.origin}/d/rss`, { source: 'D' });
    expect(report).toMatchObject({ added: 1, duplicates: 2 });
    expect(written()).toHaveLength(1);
    expect(written()[0]!.text).toContain(`url: ${server.origin}/d/story`);
  });

  it('replaces an article edited at its source instead of adding a second one, and skips unchanged items', async () => {
    const paragraphs = [...DESALINATION];
    server.route('/e/story', (_q, r) => serve(articlePage({ title: 'تحلية', paragraphs, published: '2026-11-30T10:00:00Z' }), HTML)(_q, r));
    server.route('/e/rss', serve(rss([item('/e/story', 'تحلية المياه', 'ملخص')]), XML));
    await service.fetchNow(`${server.origin}/e/rss`, { source: 'E' });
    const pageFetches = () => server.requests.filter((r) => r.path === '/e/story').length;
    const before = pageFetches();
    expect((await service.fetchNow(`${server.origin}/e/rss`, { source: 'E' }))[0]).toMatchObject({ added: 0, updated: 0 });
    expect(pageFetches()).toBe(before);
    paragraphs[1] = 'وقال وزير المياه إن المحطة ستنتج أربعمئة مليون متر مكعب سنويا بعد التوسعة الجديدة.';
    server.route('/e/rss', serve(rss([item('/e/story', 'تحلية المياه (محدث)', 'ملخص محدث')]), XML));
    expect((await service.fetchNow(`${server.origin}/e/rss`, { source: 'E' }))[0]).toMatchObject({ added: 0, updated: 1 });
    const files = written();
    expect(files).toHaveLength(1);
    expect(files[0]!.text).toContain('أربعمئة مليون');
    expect(files[0]!.text).not.toContain('ثلاثمئة مليون');
  });

  it('sends the ETag and Last-Modified back and takes a 304 as nothing new', async () => {
    server.route('/c/rss', (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') return serve('', {}, 304)(request, response);
      serve(rss([]), { ...XML, etag: '"v1"', 'last-modified': 'Tue, 01 Dec 2026 08:00:00 GMT' })(request, response);
    });
    await service.fetchNow(`${server.origin}/c/rss`, { source: 'C' });
    expect((await service.fetchNow(`${server.origin}/c/rss`, { source: 'C' }))[0]).toMatchObject({ outcome: 'not-modified', status: 304 });
    expect(server.requests.at(-1)!.headers['if-modified-since']).toBe('Tue, 01 Dec 2026 08:00:00 GMT');
  });
});

describe('fetchNow: crashes', () => {
  it('duplicates nothing when the process died after writing an article but before saving the state', async () => {
    server.route('/k/rss', serve(rss([item('/k/story', 'Bridge', 's')]), XML));
    server.route('/k/story', serve(articlePage({ title: 'Bridge', paragraphs: BRIDGE, lang: 'en' }), HTML));
    await service.fetchNow(`${server.origin}/k/rss`, { source: 'K' });
    const before = written();
    // The crash: the state file as it was before the fetch (none), a temporary file left half-written.
    rmSync(join(corpus, '.feeds'), { recursive: true });
    mkdirSync(join(corpus, '.feeds'));
    writeFileSync(join(corpus, '.feeds', '123-feed-0.md.tmp'), '---\ntitle: half');
    const restarted = createFeedService({ corpusDir: corpus, fetcher: createFetcher({ allowPrivate: true, hostSpacingMs: 0 }), logger: silentLogger });
    expect((await restarted.fetchNow(`${server.origin}/k/rss`, { source: 'K' }))[0]).toMatchObject({ outcome: 'ok', added: 1 });
    expect(written()).toEqual(before);
    const engine = await createEngine({ corpusDir: corpus, cacheDir: join(corpus, '.cache'), logger: silentLogger });
    expect(engine.stats()).toMatchObject({ articles: 1, rejectedFiles: 0, skippedFiles: 0 });
  });
});

describe('fetchNow: bad answers keep the feed, its state and its articles', () => {
  it.each([
    ['malformed XML', serve('<?xml version="1.0"?><rss><channel><item><title>x</title></channel></rss>', XML), /malformed XML at line 1/],
    ['not a feed', serve('<html><body>hi</body></html>', HTML), /not a feed: the document's root is <html>/],
    ['404', serve('gone', {}, 404), /^HTTP 404$/],
    ['410', serve('gone', {}, 410), /HTTP 410 \(Gone/],
    ['500', serve('oops', {}, 500), /^HTTP 500$/],
    ['a redirect loop', serve('', { location: '/bad/loop' }, 302), /more than 5 redirects/],
    ['a 50 MB answer', hugeBody(50 * 1024 * 1024), /over the 5242880-byte cap/],
    ['a server that trickles bytes', trickle(), /no complete answer within 3 s/],
  ])('%s', async (_name, handler, message) => {
    server.route('/bad/ok', serve(rss([item('/bad/page', 'Kept', 'The article from the first fetch stays.')]), XML));
    server.route('/bad/loop', handler);
    writeFileSync(join(corpus, 'feeds.yaml'), `feeds:\n  - url: ${server.origin}/bad/ok\n    source: Bad\n`);
    await service.fetchNow();
    writeFileSync(join(corpus, 'feeds.yaml'), `feeds:\n  - url: ${server.origin}/bad/loop\n    source: Bad\n`);
    const [report] = await service.fetchNow();
    expect(report).toMatchObject({ outcome: 'error' });
    expect(report!.error).toMatch(message);
    const [listing] = service.list();
    expect(listing!.status).toMatchObject({ failures: 1, lastError: report!.error });
    expect(Date.parse(listing!.status!.nextFetch!) - Date.parse(listing!.status!.lastFetch!)).toBeGreaterThanOrEqual(2 * 10 * 60 * 1000);
    expect(written()).toHaveLength(1);
    expect(Object.keys(readState(corpus, () => undefined).articles)).toHaveLength(1);
  });
});

/** Streams `bytes` of XML-ish filler, stopping when the client hangs up. */
function hugeBody(bytes: number) {
  return (_request: unknown, response: ServerResponse) => {
    response.writeHead(200, XML);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    const pump = () => {
      while (sent < bytes && !response.destroyed) {
        sent += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      response.end();
    };
    response.on('close', () => (sent = bytes));
    pump();
  };
}

/** Sends a byte every 200 ms, forever (until the client hangs up). */
function trickle() {
  return (_request: unknown, response: ServerResponse) => {
    response.writeHead(200, XML);
    const timer = setInterval(() => response.write('<'), 200);
    response.on('close', () => clearInterval(timer));
  };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFetcher } from '../../src/feeds/fetcher.js';
import { checkUrl, FetchError, isPublicAddress } from '../../src/feeds/http.js';
import { type FixtureServer, serve, startFixtureServer } from './fixtureServer.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
  server.route('/robots.txt', serve('User-agent: *\nDisallow: /private\n', { 'content-type': 'text/plain' }));
  server.route('/open', serve('ok'));
  server.route('/private/page', serve('secret'));
  server.route('/to-private', serve('', { location: '/private/page' }, 301));
});
afterAll(() => server.close());

/** The error code a promise rejects with. */
async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof FetchError ? `${error.code}: ${error.message}` : `other: ${String(error)}`;
  }
}

describe('isPublicAddress', () => {
  it.each([
    ['93.184.216.34', true],
    ['2606:2800:220:1:248:1893:25c8:1946', true],
    ['127.0.0.1', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['::1', false],
    ['fe80::1', false],
    ['fc00::1', false],
    ['::ffff:127.0.0.1', false],
    ['not an address', false],
  ])('%s → %s', (address, expected) => expect(isPublicAddress(address)).toBe(expected));
});

describe('checkUrl', () => {
  it.each([
    ['ftp://example.com/feed', /^only http and https URLs are fetched, not ftp:/],
    ['file:///etc/passwd', /not file:/],
    ['not a url', /^not a URL/],
    ['http://127.0.0.1/feed', /127\.0\.0\.1 is a private/],
    ['http://0x7f.0.0.1/feed', /127\.0\.0\.1 is a private/],
    ['http://[::1]:8080/feed', /::1 is a private/],
    ['http://169.254.169.254/latest/meta-data', /169\.254\.169\.254 is a private/],
  ])('refuses %s', (url, message) => expect(() => checkUrl(url, false)).toThrow(message));

  it('lets private addresses through with FEEDS_ALLOW_PRIVATE', () => expect(checkUrl('http://127.0.0.1/feed', true).href).toBe('http://127.0.0.1/feed'));
});

describe('createFetcher', () => {
  it('refuses a name that resolves to a loopback address (checked after DNS)', async () => {
    const port = new URL(server.origin).port;
    const fetcher = createFetcher({ hostSpacingMs: 0 });
    expect(await codeOf(fetcher.get(`http://localhost:${port}/open`))).toMatch(/^blocked-address: localhost resolves to (127\.0\.0\.1|::1)/);
  });

  it('refuses the loopback server itself without FEEDS_ALLOW_PRIVATE', async () => {
    expect(await codeOf(createFetcher({ hostSpacingMs: 0 }).get(`${server.origin}/open`))).toMatch(/^blocked-address/);
  });

  it('names the bot in the User-Agent and obeys robots.txt, after redirects too', async () => {
    const fetcher = createFetcher({ allowPrivate: true, hostSpacingMs: 0 });
    const page = await fetcher.get(`${server.origin}/open`);
    expect(page.body.toString()).toBe('ok');
    expect(server.requests.find((r) => r.path === '/open')!.headers['user-agent']).toMatch(/^news-archive-bot\//);
    expect(await codeOf(fetcher.get(`${server.origin}/private/page`))).toMatch(/^robots: .*robots\.txt does not allow fetching \/private\/page/);
    expect(await codeOf(fetcher.get(`${server.origin}/to-private`))).toMatch(/^robots: /);
    expect(server.requests.some((r) => r.path === '/private/page')).toBe(false);
  });

  it('waits its turn: two requests to one host arrive at least the spacing apart', async () => {
    const fetcher = createFetcher({ allowPrivate: true, hostSpacingMs: 300 });
    const before = server.requests.length;
    const start = Date.now();
    await fetcher.get(`${server.origin}/open`);
    await fetcher.get(`${server.origin}/open`);
    // Its robots.txt, then the page twice, each in its own turn: the nth cannot arrive before n turns
    // have passed since the first could start (a lower bound no load can break; timers may fire a
    // few milliseconds early against the wall clock).
    const arrivals = server.requests.slice(before).map((r) => r.at);
    expect(arrivals.length).toBe(3);
    arrivals.forEach((at, n) => expect(at - start).toBeGreaterThanOrEqual(300 * n - 5));
  });
});

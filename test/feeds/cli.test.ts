import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { silentLogger } from '../../src/engine/index.js';
import { articlePage, BRIDGE, rss } from './fixtures.js';
import { type FixtureServer, serve, startFixtureServer } from './fixtureServer.js';

let server: FixtureServer;
let corpus: string;
beforeAll(async () => {
  server = await startFixtureServer();
  corpus = mkdtempSync(join(tmpdir(), 'feeds-cli-'));
  server.route('/rss', serve(rss([{ title: 'Harbour bridge reopens', link: `${server.origin}/bridge`, summary: 's', date: '2026-12-01T08:00:00Z' }]), { 'content-type': 'application/rss+xml' }));
  server.route('/bridge', serve(articlePage({ title: 'Harbour bridge reopens', paragraphs: BRIDGE, lang: 'en' }), { 'content-type': 'text/html' }));
});
afterAll(async () => {
  await server.close();
  rmSync(corpus, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCli(argv, { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: { CORPUS_DIR: corpus, FEEDS_ALLOW_PRIVATE: 'true' }, isTTY: false, logger: silentLogger });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('cli feeds fetch', () => {
  it('fetches one URL, printing each article and a line per feed', async () => {
    const { status, stdout } = await cli('feeds', 'fetch', `${server.origin}/rss`, '--source', 'Harbour News', '--lang', 'en');
    expect(status).toBe(0);
    expect(stdout).toBe(`  + Harbour bridge reopens\n✓ ${server.origin}/rss: 1 items, 1 new, 0 updated, 0 duplicates`);
    expect(readdirSync(join(corpus, 'feeds'))).toEqual(['harbour-news']);
  });

  it('fetches the feeds of feeds.yaml, with one JSON document on stdout with --json', async () => {
    writeFileSync(join(corpus, 'feeds.yaml'), `feeds:\n  - url: ${server.origin}/rss\n    source: Harbour News\n  - url: ${server.origin}/missing\n    source: Gone\n`);
    const { status, stdout, stderr } = await cli('feeds', 'fetch', '--json');
    expect(status).toBe(1);
    expect(JSON.parse(stdout).feeds).toMatchObject([
      { url: `${server.origin}/rss`, outcome: 'ok', added: 0 },
      { url: `${server.origin}/missing`, outcome: 'error', error: 'HTTP 404' },
    ]);
    expect(stderr).toContain(`✗ ${server.origin}/missing: HTTP 404`);
  });

  it.each([
    [['feeds'], /feeds needs a command: fetch/],
    [['feeds', 'pull'], /unknown feeds command "pull"/],
    [['feeds', 'fetch', 'ftp://example.com/rss'], /not an http:\/\/ or https:\/\/ URL: ftp:/],
    [['feeds', 'fetch', '--lang', 'Arabic'], /--lang: a language code such as ar, en or fa/],
    [['feeds', 'fetch', '--corpus', '/no/such/folder'], /the corpus folder "\/no\/such\/folder" does not exist/],
  ])('%o is bad input: status 2 and a message', async (argv, message) => {
    const { status, stderr } = await cli(...argv);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('names the entry and field of a bad feeds.yaml', async () => {
    writeFileSync(join(corpus, 'feeds.yaml'), 'feeds:\n  - url: https://example.com/rss\n    source: X\n    interval: often\n');
    const { status, stderr } = await cli('feeds', 'fetch');
    expect(status).toBe(2);
    expect(stderr).toMatch(/feeds\.yaml: feeds\.0\.interval: a number and a unit: 30s, 10m, 2h or 1d/);
  });
});

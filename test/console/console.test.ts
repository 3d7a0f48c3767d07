import { PassThrough } from 'node:stream';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConsoleLine } from '../../src/console/parse.js';
import { type ConsoleIo, runConsole } from '../../src/console/console.js';
import { createEngine, type Engine, silentLogger } from '../../src/engine/index.js';
import { createFetcher } from '../../src/feeds/fetcher.js';
import { createFeedService } from '../../src/feeds/service.js';
import { whosaidHeading } from '../../src/render/quoteText.js';
import { PLAIN } from '../../src/render/text.js';
import { tempDir } from '../support/tempDir.js';

describe('parseConsoleLine', () => {
  it.each([
    ['/ask question: التعاون العسكري', { name: 'ask', options: { question: 'التعاون العسكري' } }],
    ['/ask التعاون العسكري', { name: 'ask', options: { question: 'التعاون العسكري' } }],
    ['/ask question: قال: نعم source: Iran International from: 2021-10-01', { name: 'ask', options: { question: 'قال: نعم', source: 'Iran International', from: '2021-10-01' } }],
    ['ask التعاون to: 2021-12-31', { name: 'ask', options: { question: 'التعاون', to: '2021-12-31' } }],
    ['/help', { name: 'help', options: {} }],
    ['؟؟', null],
  ])('%s', (line, expected) => {
    expect(parseConsoleLine(line)).toEqual(expected);
  });
});

/** What the console prints for `lines` on `engine`, run with `extra` (the feed reader) when given. */
async function printedBy(engine: Engine, extra: Pick<ConsoleIo, 'feeds'>, ...lines: string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk) => (printed += chunk));
  const done = runConsole(engine, { input, output, style: PLAIN, prompt: false, ...extra });
  input.end(lines.join('\n') + '\n');
  await done;
  return printed;
}

describe('runConsole', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ corpusDir: 'corpus', cacheDir: null });
  });

  const session = (...lines: string[]) => printedBy(engine, {}, ...lines);

  it('answers /ask with the seed paragraph, source and date', async () => {
    const printed = await session('/ask التعاون العسكري بين إيران وروسيا');
    expect(printed).toContain('ينمو ويتسع');
    expect(printed).toContain('Iran International · 20 October 2021');
    expect(printed).toMatch(/1–3 of \d+/);
  });

  it('pages with next and prev', async () => {
    const printed = await session('/ask question: التعاون', 'next', 'prev');
    expect(printed).toMatch(/4–\d of \d+/);
    expect(printed.match(/1–3 of/g)).toHaveLength(2);
  });

  it('explains bad input instead of crashing', async () => {
    const printed = await session('/ask question: التعاون from: 2021-99-99', '/ask ؟', '/frob', 'next');
    expect(printed).toContain('`from`: got "2021-99-99"; expected a real calendar date written YYYY-MM-DD');
    expect(printed).toContain('`question`: got "؟"; expected 2 to 300 characters');
    expect(printed).toContain('Unknown command /frob');
  });
});

describe('runConsole on a crafted article', () => {
  it('prints no bidi override, isolate or foreign escape sequence from corpus text', async () => {
    const dir = tempDir('console-bidi-');
    const spoof = '\u202Eعكس\u202C \u2067معزول\u2069\u001b]0;owned\u0007';
    writeFileSync(join(dir, 'spoof.json'), JSON.stringify({ title: `خبر ${spoof}`, body: `قال الوزير إن الزعفران ${spoof} "محصول وفير هذا العام" في خراسان.`, date: '2023-11-05', source: 'Spoof Wire' }));
    const printed = await printedBy(await createEngine({ corpusDir: dir, cacheDir: null }), {}, '/ask الزعفران', '/whosaid محصول وفير هذا العام', '/summary topic: الزعفران');
    expect(printed).toContain('الزعفران');
    expect(printed).toContain('عكس');
    expect(printed).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0007]|\u001b\]/);
  });
});

describe('runConsole as capable as Discord', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createEngine({ corpusDir: 'corpus', cacheDir: null });
  });
  const SEED_ID = 'iran-international-2021-10-20-bagheri-moscow';

  const session = (...lines: string[]) => printedBy(engine, {}, ...lines);

  it('shows each article’s id with its answers', async () => {
    expect(await session('/ask ينمو ويتسع')).toContain(`id ${SEED_ID}`);
    expect(await session('/whosaid ينمو ويتسع')).toContain(`id ${SEED_ID}`);
  });

  it.each([
    ['its id', SEED_ID],
    ['its full title', '"الأركان" الإيراني: التعاون العسكري مع موسكو "ينمو ويتسع".. وخامنئي يدعم تطوير العلاقات'],
    ['a part of its title', 'وخامنئي يدعم تطوير العلاقات'],
  ])('summarises an article named by %s', async (_, named) => {
    const printed = await session(`/summary article: ${named} sentences: 2`);
    expect(printed).toContain('قال محمد باقري');
    expect(printed).not.toMatch(/autocomplete|No article/);
  });

  it('says when no article has that id or title, in the console’s own words', async () => {
    const printed = await session('/summary article: مقال غير موجود');
    expect(printed).toContain('No article has the id or title "مقال غير موجود"');
    expect(printed).not.toContain('autocomplete');
  });

  it('pages the last pageable answer: next after /quotes turns the quotations, not an earlier /ask', async () => {
    const printed = await session('/ask التعاون', '/quotes باقري', 'next', 'prev');
    expect(printed.match(/Quotations of محمد باقري \(1–5 of \d+/g)).toHaveLength(2);
    expect(printed).toMatch(/Quotations of محمد باقري \(6–10 of \d+/);
    expect(printed.match(/4–6 of/g)).toBeNull();
  });

  it('answers /about and /archive stats|sources|reload', async () => {
    const printed = await session('/about', '/archive stats', '/archive sources', '/archive reload', '/archive frob');
    expect(printed).toContain('This archive holds 1 article from 1 source, 2021-10-20 to 2021-10-20, with 18 quotations.');
    expect(printed).toContain('Articles: 1 article; passages: 15; quotations: 18; sources: 1');
    expect(printed).toContain('Iran International');
    expect(printed).toContain('Unknown /archive action "frob": use stats, sources, reload or feeds.');
    expect(printed).not.toContain('Unknown command');
  });

  it('answers /archive feeds with each feed of feeds.yaml and its status', async () => {
    const corpus = tempDir('console-feeds-');
    const feeds = createFeedService({ corpusDir: corpus, fetcher: createFetcher(), logger: silentLogger });
    const run = () => printedBy(engine, { feeds }, '/archive feeds');
    expect(await run()).toContain('No feed is followed: list feeds in feeds.yaml');
    writeFileSync(join(corpus, 'feeds.yaml'), 'feeds:\n  - url: https://news.example/rss\n    source: Example\n    interval: 30m\n');
    expect(await run()).toContain('Example — https://news.example/rss — every 30m\n  last fetch —; next now; articles added 0, updated 0\n  not fetched yet');
    writeFileSync(join(corpus, 'feeds.yaml'), 'feeds: [');
    expect(await run()).toMatch(/feeds\.yaml: /);
  });
});

describe('whosaid heading', () => {
  it.each([
    ['"ينمو ويتسع"', 'Who said “ينمو ويتسع”'],
    ['«ينمو ويتسع»', 'Who said “ينمو ويتسع”'],
    ['ينمو ويتسع', 'Who said “ينمو ويتسع”'],
  ])('%s → %s (marks not doubled)', (quote, heading) => {
    expect(whosaidHeading(quote)).toBe(heading);
  });
});

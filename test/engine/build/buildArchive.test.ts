import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildArchive, buildArchiveInParallel } from '../../../src/engine/build/buildArchive.js';
import { parseArticleFile } from '../../../src/engine/corpus/index.js';
import { ask } from '../../../src/engine/search/ask.js';

const seed = parseArticleFile('seed.txt', readFileSync('corpus/iran-international-2021-10-20-bagheri-moscow.txt', 'utf8'), { source: 'Iran International' }).articles[0]!;

describe('buildArchiveInParallel', () => {
  it.each([false, true])('finds the same quotations and passages on worker threads (serving: %s) as the one-thread build', async (serving) => {
    const articles = [seed, { ...seed, id: 'copy', date: '2021-10-21', source: 'Copy Wire' }];
    const failures: string[] = [];
    const parallel = await buildArchiveInParallel(articles, { parallelFrom: 1, serving, onWorkerFailure: (job, error) => failures.push(`${job}: ${String(error)}`) });
    expect(failures).toEqual([]);
    const serial = buildArchive(articles);
    expect(parallel.quotes.toData()).toEqual(serial.quotes.toData());
    expect(parallel.quotationCount).toBe(36);
    const question = { question: 'التعاون العسكري بين إيران وروسيا', limit: 5 };
    expect(ask(parallel, question, parallel.sources)).toEqual(ask(serial, question, serial.sources));
    expect(parallel.quotes.whosaid('ينمو ويتسع', 1)[0]!.speaker).toBe('محمد باقري');
  });

  it('shares the quotation reading out in chunks and puts every chunk back in article order', async () => {
    // Each body differs (a closing line of its own), so every article is read.
    const articles = Array.from({ length: 700 }, (_, i) => ({ ...seed, id: `edition-${i}`, body: `${seed.body}\n\nطبعة رقم ${i}.`, date: `2021-10-${String(1 + (i % 28)).padStart(2, '0')}` }));
    const failures: string[] = [];
    const parallel = await buildArchiveInParallel(articles, { parallelFrom: 1, onWorkerFailure: (job) => failures.push(job) });
    expect(failures).toEqual([]);
    expect(parallel.quotationCount).toBe(18 * 700);
    expect(parallel.quotes.toData()).toEqual(buildArchive(articles).quotes.toData());
    expect(parallel.quotes.byArticle('edition-699').map((m) => m.speaker)).toEqual(parallel.quotes.byArticle('edition-0').map((m) => m.speaker));
  });

  it('gives an article whose body another article already has the same quotations, in article order, as reading it would', async () => {
    // Every third article repeats the body of one a few hundred articles before it (another chunk, often the other thread's).
    const editions = Array.from({ length: 600 }, (_, i) => ({ ...seed, id: `edition-${i}`, body: `${seed.body}\n\nطبعة رقم ${i}.` }));
    const articles = editions.map((a, i) => (i % 3 === 2 && i >= 300 ? { ...a, id: `wire-copy-${i}`, source: 'Copy Wire', body: editions[i - 299]!.body } : a));
    const failures: string[] = [];
    const parallel = await buildArchiveInParallel(articles, { parallelFrom: 1, onWorkerFailure: (job) => failures.push(job) });
    expect(failures).toEqual([]);
    expect(parallel.quotes.toData()).toEqual(buildArchive(articles).quotes.toData());
    const copy = parallel.quotes.byArticle('wire-copy-302');
    expect(copy).toHaveLength(18);
    expect(copy.map((m) => [m.quote, m.speaker])).toEqual(parallel.quotes.byArticle('edition-3').map((m) => [m.quote, m.speaker]));
    expect(copy[0]!.article.id).toBe('wire-copy-302');
  });
});

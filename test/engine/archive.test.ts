import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildArchive, buildArchiveInParallel } from '../../src/engine/archive.js';
import { parseArticleFile } from '../../src/engine/corpus/index.js';
import { ask } from '../../src/engine/search/ask.js';

const seed = parseArticleFile('seed.txt', readFileSync('corpus/iran-international-2021-10-20-bagheri-moscow.txt', 'utf8'), { source: 'Iran International' }).articles[0]!;

describe('buildArchiveInParallel', () => {
  it.each([false, true])('finds the same quotations and passages on worker threads (serving: %s) as the one-thread build', async (serving) => {
    const articles = [seed, { ...seed, id: 'copy', date: '2021-10-21', source: 'Copy Wire' }];
    const parallel = await buildArchiveInParallel(articles, { parallelFrom: 1, serving });
    const serial = buildArchive(articles);
    expect(parallel.quotes.toJSON()).toEqual(serial.quotes.toJSON());
    expect(parallel.quotationCount).toBe(36);
    const question = { question: 'التعاون العسكري بين إيران وروسيا', limit: 5 };
    expect(ask(parallel, question, parallel.sources)).toEqual(ask(serial, question, serial.sources));
    expect(parallel.quotes.whosaid('ينمو ويتسع', 1)[0]!.speaker).toBe('محمد باقري');
  });
});

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/engine/types.js';
import { type Analysis, inlineAnalysis, workerAnalysis } from '../../src/pg/analysis.js';
import type { BatchToWrite } from '../../src/pg/rows.js';
import { QUOTES_DIR, devArchive } from './devArchive.js';

/** `value` with its typed arrays and buffers as plain arrays (a buffer moved from a thread arrives as a plain Uint8Array). */
function plain(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as Uint8Array);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, plain(field)]));
  return value;
}

/** An Arabic article with a quotation. */
const article = (id: string, body = 'قال الوزير إن "الاتفاق سيوقع الأسبوع المقبل".'): Article => ({
  id, title: `عنوان ${id}`, body, date: '2024-05-01', source: 'src', url: null, lang: 'ar', author: null, file: 'part.jsonl',
});

describe('the analysis of an ingestion on two threads', () => {
  it.skipIf(!existsSync(QUOTES_DIR))('gives exactly what it gives on this thread (the quotation reader on one thread, the analyser and the packing on the other), with two batches in flight', async () => {
    const { articles } = devArchive();
    const batches = [articles.slice(0, 40), articles.slice(40)];
    const analysis = workerAnalysis();
    const threaded = await Promise.all(batches.map((batch) => analysis.batch(batch))).finally(() => analysis.close());
    const inline: BatchToWrite[] = [];
    for (const batch of batches) inline.push(await inlineAnalysis.batch(batch));
    expect(threaded.map((batch) => batch.rows.length)).toEqual(batches.map((batch) => batch.length));
    // The dev files are news with quotations: each batch has them, their texts cut back out of the bodies.
    for (const batch of threaded) expect(batch.quotationTexts.keys.length).toBeGreaterThan(20);
    expect(threaded.map(plain)).toEqual(inline.map(plain));
    expect(threaded[1]!.rows[0]!.article).toBe(batches[1]![0]);
  }, 60_000);

  it('fails every batch waiting when the threads are stopped, and any batch asked after at once', async () => {
    const analysis: Analysis = workerAnalysis();
    const waiting = expect(analysis.batch([article('a'), article('b')])).rejects.toThrow('the ingestion stopped');
    await analysis.close();
    await waiting;
    await expect(analysis.batch([article('c')])).rejects.toThrow('the ingestion stopped');
  }, 60_000);

  it('fails the batch a thread fails on, and every batch asked after, instead of waiting for an answer that never comes', async () => {
    const analysis = workerAnalysis();
    try {
      expect((await analysis.batch([article('a')])).rows).toHaveLength(1);
      // An article without a body (the corpus loader never gives one) breaks the analyser's thread.
      const broken = { ...article('b'), body: null } as unknown as Article;
      await expect(analysis.batch([broken])).rejects.toThrow();
      await expect(analysis.batch([article('c')])).rejects.toThrow();
    } finally {
      await analysis.close();
    }
  }, 60_000);
});

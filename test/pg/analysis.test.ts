import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
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

/** Every batch of `batches` through `analysis`, one after another. */
async function analyseAll(analysis: Analysis, batches: ReadonlyArray<Parameters<Analysis['batch']>[0]>): Promise<BatchToWrite[]> {
  try {
    const done: BatchToWrite[] = [];
    for (const batch of batches) done.push(await analysis.batch(batch));
    return done;
  } finally {
    await analysis.close();
  }
}

describe.skipIf(!existsSync(QUOTES_DIR))('the analysis of an ingestion', () => {
  it('gives on its two threads (the quotation reader on one, the analyser and the packing on the other) exactly what it gives on this thread, batch after batch', async () => {
    const { articles } = devArchive();
    const batches = [articles.slice(0, 40), articles.slice(40)];
    const threaded = await analyseAll(workerAnalysis(), batches);
    const inline = await analyseAll(inlineAnalysis, batches);
    expect(threaded.map((batch) => batch.rows.length)).toEqual(batches.map((batch) => batch.length));
    // The dev files are news with quotations: each batch has them, their texts cut back out of the bodies.
    for (const batch of threaded) expect(batch.quotationTexts.keys.length).toBeGreaterThan(20);
    expect(threaded.map(plain)).toEqual(inline.map(plain));
    expect(threaded[1]!.rows[0]!.article).toBe(batches[1]![0]);
  }, 60_000);

  it('fails every batch waiting when the threads are stopped, and a batch asked of stopped threads never hangs', async () => {
    const analysis = workerAnalysis();
    const { articles } = devArchive();
    const waiting = expect(analysis.batch(articles.slice(0, 10))).rejects.toThrow('the ingestion stopped');
    await analysis.close();
    await waiting;
    await expect(analysis.batch(articles.slice(0, 10))).rejects.toThrow('the ingestion stopped');
  }, 60_000);
});

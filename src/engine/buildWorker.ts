/**
 * Worker thread entry for building an archive off the main thread: `index` cuts the articles into
 * passages and indexes them, `quotes` finds their quotations. The result goes back to the parent,
 * typed arrays transferred rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { indexParts } from './archive.js';
import { QuoteIndex } from './quotes/index.js';
import type { Article } from './types.js';

const { job, articles } = workerData as { job: 'index' | 'quotes'; articles: Article[] };
if (job === 'quotes') parentPort?.postMessage(QuoteIndex.build(articles).toJSON());
else {
  const parts = indexParts(articles);
  const { index, spans } = parts;
  const arrays = [spans.article, spans.start, spans.end, spans.copyKeys, index.firstPassage, ...(['text', 'title'] as const).flatMap((f) => Object.values(index[f]))];
  parentPort?.postMessage(parts, [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))]);
}

/**
 * Worker thread entry for building an archive off the main thread: `index` cuts the articles into
 * passages and indexes them, then reads quotations as `quotes` does: chunk after chunk, as long as
 * the shared counter `claims` has some left. The result goes back to the parent, typed arrays
 * transferred rather than copied.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type IndexJobResult, WORKER_RUNNING, claimQuotations, indexParts } from './archive.js';
import type { Article } from './types.js';

const { job, articles, claims } = workerData as { job: 'index' | 'quotes'; articles: Article[]; claims: Int32Array };
parentPort?.postMessage(WORKER_RUNNING);
if (job === 'quotes') parentPort?.postMessage([...claimQuotations(articles, claims)]);
else {
  const parts = indexParts(articles);
  const result: IndexJobResult = { parts, quotes: [...claimQuotations(articles, claims)] };
  const { index, spans } = parts;
  const arrays = [spans.article, spans.start, spans.end, spans.copyKeys, index.firstPassage, ...(['text', 'title'] as const).flatMap((f) => Object.values(index[f]))];
  parentPort?.postMessage(result, [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))]);
}

import { parentPort } from 'node:worker_threads';
import type { Article } from '../engine/types.js';
import { QuoteReader } from '../engine/quotes/index.js';
import { analyseBatch, toWrite, withoutArticles } from './rows.js';

/** What the ingestion posts: a batch's articles, numbered so the answer finds its batch. */
export interface AnalysisJob {
  job: number;
  articles: Article[];
}

// This thread's quotation reader, for every batch it analyses (its English model loads once).
const reader = new QuoteReader();

// Each job is answered with the batch ready to write (its rows' COPY lines made here, a few long texts
// to post), without the articles, which the ingestion holds already.
parentPort?.on('message', ({ job, articles }: AnalysisJob) => {
  parentPort!.postMessage({ job, batch: withoutArticles(toWrite(analyseBatch(articles, reader))) });
});

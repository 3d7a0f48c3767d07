import { parentPort } from 'node:worker_threads';
import type { Article } from '../engine/types.js';
import { QuoteReader } from '../engine/quotes/index.js';
import { analyseBatch, withoutBodyTexts } from './rows.js';

/** What the ingestion posts: a batch's articles, numbered so the answer finds its batch. */
export interface AnalysisJob {
  job: number;
  articles: Article[];
}

// This thread's quotation reader, for every batch it analyses (its English model loads once).
const reader = new QuoteReader();

// Each job is answered with the batch's postings and its rows without what the ingestion holds already: their
// articles, and the texts of their passages and quotations (slices of the bodies, put back by `withBodyTexts`).
parentPort?.on('message', ({ job, articles }: AnalysisJob) => {
  const { rows, postings } = analyseBatch(articles, reader);
  parentPort!.postMessage({ job, rows: rows.map(withoutBodyTexts), postings });
});

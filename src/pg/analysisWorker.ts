import { parentPort } from 'node:worker_threads';
import type { Article } from '../engine/types.js';
import { QuoteReader } from '../engine/quotes/index.js';
import { TermVocabulary } from '../engine/search/index/builder.js';
import { analyseBatch, toWrite, withoutArticles } from './rows.js';

/** What the ingestion posts: a batch's articles, numbered so the answer finds its batch. */
export interface AnalysisJob {
  job: number;
  articles: Article[];
}

// This thread's quotation reader, for every batch it analyses (its English model loads once), and
// its vocabulary (each spelling normalised and stemmed once), replaced when it has grown too large.
const reader = new QuoteReader();
let vocabulary = new TermVocabulary();

// Each job is answered with the batch ready to write (its rows packed here, their buffers moved to the
// writing thread rather than copied), without the articles, which the ingestion holds already.
parentPort?.on('message', ({ job, articles }: AnalysisJob) => {
  if (vocabulary.full()) vocabulary = new TermVocabulary();
  const batch = withoutArticles(toWrite(analyseBatch(articles, reader, vocabulary)));
  parentPort!.postMessage({ job, batch }, Object.values(batch.tables).flatMap((rows) => [rows.bytes.buffer, rows.starts.buffer]));
});

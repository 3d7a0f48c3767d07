import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../engine/build/buildArchive.js';
import { QuoteReader } from '../engine/quotes/index.js';
import type { Article } from '../engine/types.js';
import type { AnalysisJob } from './analysisWorker.js';
import { type BatchToWrite, type PostedBatch, analyseBatch, toWrite, withArticles } from './rows.js';

/** Analyses batches of articles (`analyseBatch`: the analyser and the quotation reader) and makes them ready to write (`toWrite`), off the thread that writes them. */
export interface Analysis {
  /** A batch, once analysed and ready to write. */
  batch(articles: Article[]): Promise<BatchToWrite>;
  /** Stops the worker threads (jobs not answered yet fail). */
  close(): Promise<void>;
}

/** Analysis on this thread, for a single batch (worker threads would only add their start-up). */
export const inlineAnalysis: Analysis = {
  batch: (articles) => Promise.resolve(toWrite(analyseBatch(articles, new QuoteReader()))),
  close: () => Promise.resolve(),
};

/**
 * Threads analysing for one ingestion: `threads` of them (by default one per core; no more than
 * the batches analysed at once is worth it), each started with the first batch it is given (a run
 * over articles stored already unchanged starts none). The analysis is most of an ingestion's CPU;
 * the thread writing and the PostgreSQL backend mostly wait on each other, so a core kept for them idles.
 */
export function workerAnalysis(threads = availableParallelism()): Analysis {
  const waiting = new Map<number, { articles: Article[]; resolve: (batch: BatchToWrite) => void; reject: (error: unknown) => void }>();
  const fail = (error: unknown) => {
    for (const job of waiting.values()) job.reject(error);
    waiting.clear();
  };
  const start = () => {
    const worker = startWorker(new URL('./analysisWorker.js', import.meta.url));
    worker.on('message', ({ job, batch }: { job: number; batch: PostedBatch }) => {
      const waiter = waiting.get(job)!;
      waiting.delete(job);
      waiter.resolve(withArticles(batch, waiter.articles));
    });
    worker.on('error', fail);
    return worker;
  };
  const workers: Worker[] = [];
  let jobs = 0;
  return {
    batch: (articles) =>
      new Promise((resolve, reject) => {
        const job = jobs++;
        waiting.set(job, { articles, resolve, reject });
        (workers[job % threads] ??= start()).postMessage({ job, articles } satisfies AnalysisJob);
      }),
    async close() {
      fail(new Error('the ingestion stopped'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../engine/build/buildArchive.js';
import { QuoteReader } from '../engine/quotes/index.js';
import type { Article } from '../engine/types.js';
import type { AnalysisJob } from './analysisWorker.js';
import { type ArticleRow, type PostedRow, articleRows, withBodyTexts } from './rows.js';

/** Analyses batches of articles (`articleRows`: the analyser and the quotation reader) off the thread that writes them. */
export interface Analysis {
  /** The rows of a batch, once analysed. */
  rows(articles: Article[]): Promise<ArticleRow[]>;
  /** Stops the worker threads (jobs not answered yet fail). */
  close(): Promise<void>;
}

/** Analysis on this thread, for a single batch (worker threads would only add their start-up). */
export const inlineAnalysis: Analysis = {
  rows: (articles) => Promise.resolve(articleRows(articles, new QuoteReader())),
  close: () => Promise.resolve(),
};

/** Threads analysing for one ingestion: one per core but the one writing, at least one. */
export function workerAnalysis(threads = Math.max(1, availableParallelism() - 1)): Analysis {
  const waiting = new Map<number, { articles: Article[]; resolve: (rows: ArticleRow[]) => void; reject: (error: unknown) => void }>();
  const fail = (error: unknown) => {
    for (const job of waiting.values()) job.reject(error);
    waiting.clear();
  };
  const workers: Worker[] = Array.from({ length: threads }, () => {
    const worker = startWorker(new URL('./analysisWorker.js', import.meta.url));
    worker.on('message', ({ job, rows }: { job: number; rows: PostedRow[] }) => {
      const waiter = waiting.get(job)!;
      waiting.delete(job);
      waiter.resolve(rows.map((row, k) => withBodyTexts(row, waiter.articles[k]!)));
    });
    worker.on('error', fail);
    return worker;
  });
  let jobs = 0;
  return {
    rows: (articles) =>
      new Promise((resolve, reject) => {
        const job = jobs++;
        waiting.set(job, { articles, resolve, reject });
        workers[job % workers.length]!.postMessage({ job, articles } satisfies AnalysisJob);
      }),
    async close() {
      fail(new Error('the ingestion stopped'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

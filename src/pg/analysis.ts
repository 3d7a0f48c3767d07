import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { startWorker } from '../engine/build/buildArchive.js';
import { QuoteReader, extractRows } from '../engine/quotes/index.js';
import type { Article } from '../engine/types.js';
import type { AnalysisJob, AnalysisWorkerData, QuotedArticle } from './analysisWorker.js';
import { type BatchToWrite, type PostedBatch, analyseBatch, toWrite, withArticles } from './rows.js';

/** Analyses batches of articles (`analyseBatch`: the analyser and the quotation reader) and makes them ready to write (`toWrite`), off the thread that writes them. */
export interface Analysis {
  /** A batch, once analysed and ready to write. */
  batch(articles: Article[]): Promise<BatchToWrite>;
  /** Stops the worker threads: batches not answered yet fail, and so does any batch asked later. */
  close(): Promise<void>;
}

/** Analysis on this thread, for a single batch (worker threads would only add their start-up). */
export const inlineAnalysis: Analysis = {
  batch: (articles) => Promise.resolve(toWrite(analyseBatch(articles, extractRows(new QuoteReader(), articles)))),
  close: () => Promise.resolve(),
};

/** The error of a batch not analysed because the ingestion stopped first. */
const STOPPED = () => new Error('the ingestion stopped');

/**
 * Two threads analysing for one ingestion, started with the first batch (a run over articles stored
 * already unchanged starts none): one reads every batch's quotations, the other cuts and indexes
 * every batch, then packs it with the quotations the first sends it. Split by part rather than by
 * batch, each thread optimises only its own part's code, and one quotation reader and one vocabulary
 * learn the run's words once: the threads' compilation and collection took about a third of the
 * analysis's CPU when each thread did all of it. The analysis is most of an ingestion's CPU; the
 * thread writing and the PostgreSQL backend mostly wait on each other, so a core kept for them idles.
 */
export function workerAnalysis(): Analysis {
  const waiting = new Map<number, { articles: Article[]; resolve: (batch: BatchToWrite) => void; reject: (error: unknown) => void }>();
  /** Why the analysis cannot go on: the ingestion stopped it, or a thread failed (every batch asked later fails with it at once). */
  let stopped: Error | undefined;
  const fail = (error: Error) => {
    stopped ??= error;
    for (const job of waiting.values()) job.reject(error);
    waiting.clear();
  };
  let threads: { quotes: Worker; index: Worker } | undefined;
  const start = () => {
    const { port1, port2 } = new MessageChannel();
    const thread = (part: AnalysisWorkerData['part'], port: MessagePort) => {
      const worker = startWorker(new URL('./analysisWorker.js', import.meta.url), { workerData: { part, port } satisfies AnalysisWorkerData, transferList: [port] });
      worker.on('error', fail);
      // A thread gone while the analysis runs (not stopped by `close`) leaves the batches it had unanswered.
      worker.on('exit', (code) => fail(new Error(`the ${part} analysis thread stopped (exit code ${code})`)));
      return worker;
    };
    const index = thread('index', port2);
    index.on('message', ({ job, batch }: { job: number; batch: PostedBatch }) => {
      // An answer that comes after the analysis failed or stopped has no one waiting for it.
      const waiter = waiting.get(job);
      if (!waiter) return;
      waiting.delete(job);
      waiter.resolve(withArticles(batch, waiter.articles));
    });
    return { quotes: thread('quotes', port1), index };
  };
  let jobs = 0;
  return {
    batch: (articles) =>
      new Promise((resolve, reject) => {
        if (stopped) return reject(stopped);
        const job = jobs++;
        waiting.set(job, { articles, resolve, reject });
        threads ??= start();
        const quoted = articles.map(({ id, body, lang }) => ({ id, body, lang }));
        threads.quotes.postMessage({ job, articles: quoted } satisfies AnalysisJob<QuotedArticle>);
        threads.index.postMessage({ job, articles } satisfies AnalysisJob);
      }),
    async close() {
      fail(STOPPED());
      if (threads) await Promise.all([threads.quotes.terminate(), threads.index.terminate()]);
    },
  };
}

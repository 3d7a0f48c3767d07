/** How an archive is built from articles: in one go, or on two threads sharing out indexing and quotation reading (workers run `worker.ts`). */
import { type IndexParts, PartsBuilder, WORKER_RUNNING, type WorkerMessage, claimQuotations, indexParts, quotationChunk } from './parts.js';
import { PassageTable } from '../passages/table.js';
import { availableParallelism } from 'node:os';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { QuoteIndex, QuoteReader, type QuotationRows, groupRows, withCopies, withTexts } from '../quotes/index.js';
import { TextGrouper } from '../quotes/grouping.js';
import { PassageIndex } from '../search/index/passageIndex.js';
import { type BuildArticle, type SharedArticles, shareArticles } from './sharedArticles.js';
import { type Archive, completeArchive } from '../archive.js';
import { BUILD_LIMITS, type BuildTuning, underTuning } from '../options.js';
import type { Article } from '../types.js';

/** Cuts every article into passages, indexes them, and finds every quotation. */
export function buildArchive(articles: Article[]): Archive {
  return assemble(articles, indexParts(articles), QuoteIndex.build(articles));
}

/** How a parallel build may use this thread. */
export interface ParallelBuildOptions {
  /** Corpora smaller than this are built here, in one go. Default 2,000 articles. */
  parallelFrom?: number;
  /**
   * True while this thread answers queries (a reload): the index is then built on a worker too.
   * At start-up nothing waits for this thread, so the index is built here and a second worker
   * (its start-up, its own vocabulary) is spared.
   */
  serving?: boolean;
  /** Told when a build worker fails (its job is then done on this thread). */
  onWorkerFailure?: (job: 'index' | 'quotes', error: unknown) => void;
  /** Process-wide settings for the length of a parallel build, given by the program's entry point. */
  tuning?: BuildTuning;
}

/**
 * `buildArchive` on two cores: a worker thread reads quotations while passages are indexed (here,
 * or on a second worker when this thread is serving queries from the old archive during a reload);
 * whoever is done first reads its share of the quotations left, chunk by chunk. Workers read the
 * article text from one shared buffer. A job whose worker cannot run is done here.
 */
export async function buildArchiveInParallel(articles: Article[], options: ParallelBuildOptions = {}): Promise<Archive> {
  if (articles.length < (options.parallelFrom ?? BUILD_LIMITS.parallelFrom) || availableParallelism() < 2) return buildArchive(articles);
  return underTuning(options.tuning, () => buildOnTwoThreads(articles, options));
}

async function buildOnTwoThreads(articles: Article[], options: ParallelBuildOptions): Promise<Archive> {
  const claims = new Int32Array(new SharedArrayBuffer(4));
  const chunks: QuotationRows[] = [];
  // Each chunk's texts are grouped as it comes (its matching words, no longer needed, are dropped).
  const grouper = new TextGrouper();
  const keep = (chunk: number, rows: QuotationRows) => (chunks[chunk] = groupRows(grouper, chunk, rows));
  const fromWorker = (chunk: number, rows: QuotationRows) => keep(chunk, withTexts(rows, (k) => articles[k]!.body));
  const failed = (job: 'index' | 'quotes') => (error: unknown) => options.onWorkerFailure?.(job, error);
  const shared = shareArticles(articles);
  const quoteJob = onWorker<null>('quotes', shared, claims, fromWorker);
  const quoting = quoteJob.done.catch(failed('quotes'));
  const articleAt = (k: number) => articles[k]!;
  let parts: IndexParts;
  if (options.serving) {
    parts = await onWorker<IndexParts>('index', shared, claims, fromWorker).done.catch((error: unknown) => (failed('index')(error), indexParts(articles)));
  } else {
    parts = await indexWhileWorkerStarts(articles, quoteJob.running);
    for (const [chunk, rows] of claimQuotations(articles.length, articleAt, claims, shared.copyOf)) {
      keep(chunk, rows);
      await nextTurn();
    }
  }
  await quoting;
  // Chunks a worker claimed but could not finish.
  let reader: QuoteReader | null = null;
  for (let chunk = 0; chunk * BUILD_LIMITS.quoteChunk < articles.length; chunk++) {
    if (!chunks[chunk]) keep(chunk, quotationChunk((reader ??= new QuoteReader()), chunk * BUILD_LIMITS.quoteChunk, articles.length, articleAt, shared.copyOf));
  }
  withCopies(chunks, grouper, shared.copyOf, BUILD_LIMITS.quoteChunk, (k) => articles[k]!.id);
  return assemble(articles, parts, QuoteIndex.fromRows(articles, chunks, grouper.finish()));
}

/**
 * Indexes `articles` here; until `started` settles, in short slices between turns of the event
 * loop: a worker's modules load while this thread's event loop turns (tsx compiles TypeScript
 * sources here), so indexing in one go would leave the worker waiting until the index is done.
 */
async function indexWhileWorkerStarts(articles: readonly BuildArticle[], started: Promise<void>): Promise<IndexParts> {
  let running = false;
  void started.then(() => (running = true));
  const builder = new PartsBuilder();
  let k = 0;
  while (!running && k < articles.length) {
    const until = performance.now() + BUILD_LIMITS.startupSliceMs;
    while (k < articles.length && performance.now() < until) builder.add(articles[k++]!);
    await nextTurn();
  }
  while (k < articles.length) builder.add(articles[k++]!);
  return builder.finish();
}

/** Resolves after the current turn of the event loop, so timers, I/O and other work waiting can run first. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A worker thread running the module `script` (its `.js` URL): TypeScript sources (run through tsx)
 * load the `.ts` beside it through tsx's loader, registered in the worker itself: on Node 20 a
 * worker ignores loaders given in `execArgv`.
 */
export function startWorker(script: URL, options: WorkerOptions = {}): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(script, options);
  const source = script.href.replace(/\.js$/, '.ts');
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`, { eval: true, ...options });
}

/**
 * Runs one build job on a worker thread: `running` settles when the job has begun or the worker
 * has failed, `onChunk` receives each quotation chunk as it is read, `done` the job's result.
 */
function onWorker<T>(
  job: 'index' | 'quotes',
  shared: SharedArticles,
  claims: Int32Array,
  onChunk: (chunk: number, rows: QuotationRows) => void,
): { running: Promise<void>; done: Promise<T> } {
  const options = { workerData: { job, shared, claims }, ...(job === 'quotes' ? { resourceLimits: BUILD_LIMITS.quoteWorker } : {}) };
  const worker = startWorker(new URL('./worker.js', import.meta.url), options);
  let begun = () => {};
  const running = new Promise<void>((resolve) => (begun = resolve));
  const done = new Promise<T>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage<T>) => {
      if (message === WORKER_RUNNING) begun();
      else if ('chunk' in message) {
        // A chunk this thread cannot take fails the job like a worker error: its chunks are read here.
        try {
          onChunk(message.chunk, message.rows);
        } catch (error) {
          reject(error);
          void worker.terminate();
        }
      } else {
        resolve(message.done);
        void worker.terminate();
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`${job} worker stopped (exit code ${code})`)));
  });
  done.catch(() => {}).finally(begun);
  return { running, done };
}
/** The archive over `articles` from their indexed passages and their quote index. */
function assemble(articles: Article[], { spans, index }: IndexParts, quotes: QuoteIndex): Archive {
  return completeArchive({
    articles: new Map(articles.map((a) => [a.id, a])),
    passages: PassageTable.fromSpans(articles, spans),
    index: new PassageIndex(index),
    quotes: () => quotes,
    quotationCount: quotes.size,
  });
}

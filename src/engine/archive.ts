import { PassageTable } from './passageTable.js';
import { segmentArticle } from './passages.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { QuoteIndex, type QuoteIndexData } from './quotes/index.js';
import { type PassageArchive, utcDay } from './search/ask.js';
import { createPlanner } from './search/planner.js';
import { type PassageIndex, buildPassageIndex } from './search/postings.js';
import type { Article, Passage } from './types.js';

/** The searchable archive built from a corpus. */
export interface Archive extends PassageArchive {
  articles: Map<string, Article>;
  /** Sources in the corpus, sorted. */
  sources: string[];
  /** Every quotation of the corpus with its speaker (made on first use when the archive comes from the cache). */
  readonly quotes: QuoteIndex;
  /** How many quotations the archive holds (known without making the quote index). */
  quotationCount: number;
}

/** The parts an archive is made of; the rest is derived from them (see `completeArchive`). */
export interface ArchiveParts extends Pick<Archive, 'articles' | 'passages' | 'index' | 'quotationCount'> {
  /** Makes the quote index; called once, when it is first needed. */
  quotes: () => QuoteIndex;
  /** The speaker quoted in each passage, when known without the quote index. */
  speakerOf?: (passage: number) => string | undefined;
}

/** Cuts every article into passages, indexes them, and finds every quotation. */
export function buildArchive(articles: Article[]): Archive {
  return indexArchive(articles, QuoteIndex.build(articles));
}

/** Corpora from this size up find their quotations on a worker thread while the main thread indexes. */
const PARALLEL_FROM = 2_000;

/**
 * `buildArchive` using two cores: quotations are extracted on a worker thread while this thread
 * cuts and indexes passages (on one core, or when the worker cannot start, it all runs here).
 */
export async function buildArchiveInParallel(articles: Article[], options: { parallelFrom?: number } = {}): Promise<Archive> {
  if (articles.length < (options.parallelFrom ?? PARALLEL_FROM) || availableParallelism() < 2) return buildArchive(articles);
  const quotes = quotesOnWorker(articles);
  quotes.catch(() => {});
  const passages = articles.flatMap((a) => segmentArticle(a));
  const index = buildPassageIndex(articles, passages);
  const data = await quotes.catch(() => null);
  return indexArchive(articles, data ? QuoteIndex.fromJSON(data) : QuoteIndex.build(articles), { passages, index });
}

/** The quote index data of `articles`, made on a worker thread (TypeScript sources run it through tsx). */
function quotesOnWorker(articles: Article[]): Promise<QuoteIndexData> {
  const source = import.meta.url.endsWith('.ts');
  const worker = new Worker(new URL(source ? './quoteWorker.ts' : './quoteWorker.js', import.meta.url), {
    workerData: articles,
    execArgv: source ? ['--import', 'tsx'] : [],
  });
  return new Promise((resolve, reject) => {
    worker.once('message', (data: QuoteIndexData) => {
      resolve(data);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`quotation worker stopped (exit code ${code})`)));
  });
}

/** The archive over `articles` with their quote index; passages and index are made unless given. */
function indexArchive(articles: Article[], quotes: QuoteIndex, made?: { passages: Passage[]; index: PassageIndex }): Archive {
  const passages = made?.passages ?? articles.flatMap((a) => segmentArticle(a));
  const index = made?.index ?? buildPassageIndex(articles, passages);
  return completeArchive({
    articles: new Map(articles.map((a) => [a.id, a])),
    passages: PassageTable.of(articles, passages),
    index,
    quotes: () => quotes,
    quotationCount: quotes.size,
  });
}

/** Adds what is derived from the parts: the sorted sources, the speaker and day lookups, the query planner. */
export function completeArchive({ quotes: makeQuotes, speakerOf, ...parts }: ArchiveParts): Archive {
  let quotes: QuoteIndex | null = null;
  const quoteIndex = () => (quotes ??= makeQuotes());
  const { passages } = parts;
  const sources = [...new Set([...parts.articles.values()].map((a) => a.source))].sort((a, b) => a.localeCompare(b));
  const days = new Map([...parts.articles.values()].map((a) => [a.id, utcDay(a.date)]));
  const archive = {
    ...parts,
    sources,
    speakerOf: speakerOf ?? ((n: number) => quoteIndex().quoteAt(passages.articleId(n), passages.start[n]!, passages.end[n]!)?.speaker ?? undefined),
    dayOf: (articleId: string) => days.get(articleId) ?? '',
    plan: createPlanner(parts.index),
  };
  return Object.defineProperty(archive, 'quotes', { get: quoteIndex, enumerable: true }) as Archive;
}

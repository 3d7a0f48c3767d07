/**
 * The work a build shares out between threads, as each thread does it: cutting articles into
 * passages and indexing them, and reading quotations chunk by chunk. Build workers import this
 * module and not the archive's (which also loads the query side).
 */
import { copyKey, type PassageSpans } from '../passages/table.js';
import { segmentArticle } from '../passages/segment.js';
import { QuoteReader, type QuotationRows, extractRows } from '../quotes/index.js';
import { PassageIndexBuilder, type TermVocabulary } from '../search/index/builder.js';
import type { PassageIndexData } from '../search/index/passageIndex.js';
import type { BuildArticle } from './sharedArticles.js';
import { BUILD_LIMITS } from '../options.js';

/** The passages of `articles` (as spans) and the index over them: what a build worker sends back. */
export interface IndexParts {
  spans: Required<PassageSpans>;
  index: PassageIndexData;
}

/** Cuts articles into passages and indexes them, article after article: `add` each in order, then `finish`. */
export class PartsBuilder {
  private readonly builder: PassageIndexBuilder;
  private readonly article: number[] = [];
  private readonly start: number[] = [];
  private readonly end: number[] = [];
  private readonly copyKeys: number[] = [];
  private count = 0;

  /** A builder whose index numbers its words in `vocabulary` when given (see `TermVocabulary`). */
  constructor(vocabulary?: TermVocabulary) {
    this.builder = new PassageIndexBuilder(vocabulary);
  }

  /** Adds the next article. */
  add(a: BuildArticle): void {
    const k = this.count++;
    const passages = segmentArticle(a);
    this.builder.add(a.title, passages.map((p) => p.text));
    for (const p of passages) {
      this.article.push(k);
      this.start.push(p.start);
      this.end.push(p.end);
      this.copyKeys.push(copyKey(p.text));
    }
  }

  /** The passages (as spans) and the index of every article added (the builder is spent). */
  finish(): IndexParts {
    const spans = { article: Uint32Array.from(this.article), start: Uint32Array.from(this.start), end: Uint32Array.from(this.end), copyKeys: Uint32Array.from(this.copyKeys) };
    return { spans, index: this.builder.finish().data };
  }
}

/** Cuts `articles` into passages and indexes them, article after article (each is taken only when it is indexed), numbering words in `vocabulary` when given. */
export function indexParts(articles: Iterable<BuildArticle>, vocabulary?: TermVocabulary): IndexParts {
  const builder = new PartsBuilder(vocabulary);
  for (const a of articles) builder.add(a);
  return builder.finish();
}

/**
 * The chunks of quotation reading this thread claims, until none is left: each thread of a build
 * takes the next chunk from the shared counter `claims`, so they all finish at about the same time.
 * `articleAt(k)` gives article `k` of the `count`; the copies `copyOf` marks are not read (see `withCopies`). One
 * quotation reader reads every chunk the thread claims.
 */
export function* claimQuotations(count: number, articleAt: (k: number) => BuildArticle, claims: Int32Array, copyOf: Int32Array): Generator<[number, QuotationRows]> {
  const reader = new QuoteReader();
  for (;;) {
    const from = Atomics.add(claims, 0, 1) * BUILD_LIMITS.quoteChunk;
    if (from >= count) return;
    yield [from / BUILD_LIMITS.quoteChunk, quotationChunk(reader, from, count, articleAt, copyOf)];
  }
}

/** The quotations `reader` finds in the chunk of articles starting at `from`, but for the copies `copyOf` marks. */
export function quotationChunk(reader: QuoteReader, from: number, count: number, articleAt: (k: number) => BuildArticle, copyOf: Int32Array): QuotationRows {
  const chunk: BuildArticle[] = [];
  const numbers: number[] = [];
  for (let k = from; k < Math.min(count, from + BUILD_LIMITS.quoteChunk); k++) {
    if (copyOf[k]! >= 0) continue;
    chunk.push(articleAt(k));
    numbers.push(k);
  }
  return extractRows(reader, chunk, (k) => numbers[k]!);
}

/** What a build worker posts: that it runs, each quotation chunk it read, and at the end its result. */
export type WorkerMessage<T> = typeof WORKER_RUNNING | { chunk: number; rows: QuotationRows } | { done: T };

/** The first message a build worker sends, once its modules are loaded and its job begins. */
export const WORKER_RUNNING = 'running';

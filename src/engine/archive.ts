/** The archive the engine answers from: its articles, passages, index and quotations, and what is derived from them. */
import type { QuoteIndex } from './quotes/index.js';
import type { PassageArchive } from './search/ask.js';
import { createPlanner } from './search/planner.js';
import { Analyzer } from './search/terms.js';
import { type Article, dayOf } from './types.js';

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

/** Adds what is derived from the parts: the sorted sources, the speaker and day lookups, the query planner. */
export function completeArchive({ quotes: makeQuotes, speakerOf, ...parts }: ArchiveParts): Archive {
  let quotes: QuoteIndex | null = null;
  const quoteIndex = () => (quotes ??= makeQuotes());
  const { passages } = parts;
  const sources = [...new Set([...parts.articles.values()].map((a) => a.source))].sort((a, b) => a.localeCompare(b));
  const days = new Map([...parts.articles.values()].map((a) => [a.id, dayOf(a.date)]));
  const archive = {
    ...parts,
    sources,
    speakerOf: speakerOf ?? ((n: number) => quoteIndex().attributionAt(passages.articleId(n), passages.start[n]!, passages.end[n]!)?.speaker),
    dayOf: (articleId: string) => days.get(articleId) ?? '',
    plan: createPlanner(parts.index),
    analyzer: new Analyzer(),
  };
  return Object.defineProperty(archive, 'quotes', { get: quoteIndex, enumerable: true }) as Archive;
}

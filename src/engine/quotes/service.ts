import type { Result } from '../types.js';
import type { QuoteMatch, SpeakerQuotes } from './index.js';
import type { ListingWindow } from './speakerChoice.js';

/** The quotation commands the front ends await: the embedded engine's answers at once, PostgreSQL's after its queries. */
export interface QuoteService {
  /** Who said a quotation (see `Engine.whosaid`). */
  whosaid(quote: string, limit?: number): Result<{ quote: string; matches: QuoteMatch[] }> | Promise<Result<{ quote: string; matches: QuoteMatch[] }>>;
  /** One person's quotations (see `Engine.quotesBy`). */
  quotesBy(speaker: string, window?: ListingWindow): Result<SpeakerQuotes> | Promise<Result<SpeakerQuotes>>;
  /** Every quotation of one article (see `Engine.quotesIn`). */
  quotesIn(articleId: string): Result<{ article: string; matches: QuoteMatch[] }> | Promise<Result<{ article: string; matches: QuoteMatch[] }>>;
  /** The people quoted whose name matches what is typed, most quoted first (see `Engine.speakers`). */
  speakers(typed: string, limit?: number): Array<{ name: string; count: number }> | Promise<Array<{ name: string; count: number }>>;
}

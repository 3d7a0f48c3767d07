import type { QuoteService } from '../quotes/service.js';
import type { AskService } from '../search/backend.js';
import type { Result } from '../types.js';
import type { ArticleSummary, TopicSummary } from './types.js';

/** The summaries `/summary` awaits: the embedded engine's at once, PostgreSQL's after its queries. */
export interface SummaryService {
  /** The key sentences of one article named by its id or title (see `Engine.summarizeArticle`). */
  summarizeArticle(idOrTitle: string, sentences?: number): Result<ArticleSummary> | Promise<Result<ArticleSummary>>;
  /** What the archive says about a topic (see `Engine.summarizeTopic`). */
  summarizeTopic(topic: string, sentences?: number): Result<TopicSummary> | Promise<Result<TopicSummary>>;
}

/** What the `/ask`, `/summary` and quotation front ends await: the embedded engine as it is, or the PostgreSQL archive. */
export interface ArchiveService extends AskService, SummaryService, QuoteService {}

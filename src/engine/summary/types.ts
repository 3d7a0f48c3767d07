import type { SummaryWeights } from '../options.js';
import type { Analyzer } from '../search/terms.js';
import type { SpanAttribution } from '../quotes/types.js';
import type { ArticleRef, Span } from '../types.js';
import type { Idf } from './vectors.js';

/** Who is quoted in `[start, end)` of an article body, when the quote index knows (see `SpanAttribution`). */
export type SpeakerOf = (articleId: string, start: number, end: number) => SpanAttribution | undefined;

/** One sentence of a summary: a verbatim span of its article's body (CONTRACTS §2 `summary`). */
export interface SummarySentence extends Span {
  article: ArticleRef;
  /** Who is quoted in the sentence, when `speakerOf` names someone (in topic summaries, only when the cue names them). */
  speaker?: string;
  /** The sentence is what the speaker denied. */
  denial?: true;
}

/** A summary of one article: its key sentences in the article's order. */
export interface ArticleSummary {
  /** The article's title (CONTRACTS §2 `topic`). */
  topic: string;
  article: ArticleRef;
  sentences: SummarySentence[];
}

/** A sentence of a topic summary, with the number of its entry in `sources`. */
export interface TopicSentence extends SummarySentence {
  cite: number;
}

/** A summary across articles: the most on-topic sentence first, the rest in date order, each cited, and the numbered sources. */
export interface TopicSummary {
  topic: string;
  sentences: TopicSentence[];
  sources: Array<{ cite: number; article: ArticleRef }>;
}

/** Options shared by article and topic summaries. */
export interface SummaryOptions {
  /** Background idf (e.g. over the archive); default: idf over the article's own sentences. */
  idf?: Idf;
  /** Overrides of the tuned weights (for experiments and evaluation). */
  weights?: Partial<SummaryWeights>;
  /** Attaches the speaker of a quoted sentence. */
  speakerOf?: SpeakerOf;
  /** The archive's analyser, so the words it met are not stemmed again; default: each word stemmed as met. */
  analyzer?: Analyzer;
}

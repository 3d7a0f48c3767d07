import { type Article, articleRef } from '../types.js';
import { selectMmr } from './mmr.js';
import { DEFAULT_WEIGHTS } from '../options.js';
import { type ScoredSentence, scoreSentences, sentenceUnits } from './scoring.js';
import type { ArticleSummary, SummaryOptions, SummarySentence } from './types.js';
import { cosine } from './vectors.js';
import { attributed } from './attribution.js';

/** Most sentences a user may ask for (the `/summary sentences:` option is 1–10); front ends validate it. */
export const MAX_SENTENCES = 10;

/** Sentences that suit one Discord message: about a quarter of the article, 1 to 5. */
export function defaultSentenceCount(available: number): number {
  return Math.min(5, Math.max(1, Math.ceil(available / 4)));
}

/**
 * Extractive summary of one article: its most important sentences, verbatim and in the
 * article's order, never opening on a sentence that leans on the one before when another will do.
 */
export function summarizeArticle(article: Article, sentences?: number, options: SummaryOptions = {}): ArticleSummary {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const scored = scoreSentences(article.title, sentenceUnits(article.body), weights, options.idf, options.analyzer && ((text) => options.analyzer!.stemsOf(text)));
  const count = Math.max(1, Math.round(sentences ?? defaultSentenceCount(scored.length)));
  const picked = pickSentences(scored, count, weights.lambda);
  const ref = articleRef(article);
  return {
    topic: article.title,
    article: ref,
    sentences: picked.map(({ start, end, text }): SummarySentence => {
      return { text, start, end, article: ref, ...attributed(options.speakerOf?.(article.id, start, end)) };
    }),
  };
}

/** MMR over the scored sentences, then in article order with a self-standing first sentence. */
function pickSentences(scored: readonly ScoredSentence[], count: number, lambda: number): ScoredSentence[] {
  const similarity = (a: ScoredSentence, b: ScoredSentence) => cosine(a.vector, b.vector);
  const order = selectMmr(scored, count, similarity, lambda);
  const picked = order.map((i) => scored[i]!).sort((a, b) => a.index - b.index);
  return withStandaloneOpening(scored, picked);
}

/**
 * When the first picked sentence leans on the one before, swaps it for the best unpicked
 * self-standing sentence that comes before it (or, failing that, drops it for the best later one).
 */
function withStandaloneOpening(scored: readonly ScoredSentence[], picked: ScoredSentence[]): ScoredSentence[] {
  const first = picked[0];
  if (!first?.dangling) return picked;
  const free = scored.filter((s) => !s.dangling && !picked.includes(s));
  const best = (pool: ScoredSentence[]) => pool.reduce<ScoredSentence | undefined>((b, s) => (!b || s.score > b.score ? s : b), undefined);
  const replacement = best(free.filter((s) => s.index < first.index)) ?? best(free.filter((s) => s.index > first.index));
  if (!replacement) return picked;
  return withStandaloneOpening(scored, [replacement, ...picked.slice(1)].sort((a, b) => a.index - b.index));
}

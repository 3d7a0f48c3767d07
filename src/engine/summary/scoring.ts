import { analyze, contentWords } from '../text/analyzer.js';
import type { Span } from '../types.js';
import { lexRank } from './centrality.js';
import { needsAntecedent } from './dangling.js';
import type { SentenceUnit } from './sentences.js';
import type { SummaryWeights } from '../options.js';
import { type Idf, type TermVector, cosine, localIdf, termVector } from './vectors.js';

/** One sentence of an article with what ranking needs. */
export interface ScoredSentence extends Span {
  /** Position in the article, from 0. */
  index: number;
  stems: string[];
  vector: TermVector;
  /** Importance in the article, higher is better. */
  score: number;
  /** Leans on the sentence before (see `needsAntecedent`). */
  dangling: boolean;
}

export { type SentenceUnit, sentenceUnits } from './sentences.js';

/**
 * LexRank over the sentences' content words as written, weighted by idf over the article's own
 * sentences: unstemmed words single out the sentences that repeat the article's exact wording,
 * which stems blur (EASC dev: R2 .443 → .449 against stem vectors).
 */
function wordCentrality(spans: readonly SentenceUnit[]): number[] {
  const bags = spans.map((s) => contentWords(s.text));
  const idf = localIdf(bags);
  return lexRank(bags.map((bag) => termVector(bag, idf)));
}

/**
 * Scores every sentence of an article by position (the share of the article read before it, and
 * a bonus for the lead), LexRank centrality, similarity with the title, paragraph openings and a
 * length prior, less a share for sentences that lean on the one before (they read badly out of
 * context); returns them in the article's order. `stemsOf` is `analyze` (or an analyser's, memoised).
 */
export function scoreSentences(title: string, spans: readonly SentenceUnit[], weights: SummaryWeights, idf?: Idf, stemsOf: (text: string) => string[] = analyze): ScoredSentence[] {
  const stems = spans.map((s) => stemsOf(s.text));
  const weigh = idf ?? localIdf(stems);
  const vectors = stems.map((s) => termVector(s, weigh));
  const centrality = wordCentrality(spans);
  const titleVector = termVector(stemsOf(title), weigh);
  return spans.map(({ opensParagraph, ...span }, index) => {
    const count = stems[index]!.length;
    const length = Math.min(1, count / Math.max(weights.minWords, 1)) * Math.min(1, weights.maxWords / Math.max(count, 1));
    const raw =
      weights.position / (1 + (weights.positionScale * index) / spans.length) ** weights.positionDecay +
      weights.centrality * centrality[index]! +
      weights.title * cosine(vectors[index]!, titleVector) +
      (index === 0 ? weights.lead : 0) +
      (opensParagraph ? weights.paragraphStart : 0);
    const dangling = needsAntecedent(span.text);
    const score = raw * length * (dangling ? 1 - weights.dangling : 1);
    return { ...span, index, stems: stems[index]!, vector: vectors[index]!, score, dangling };
  });
}

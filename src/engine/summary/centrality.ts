import { type TermVector, cosine } from './vectors.js';

/** How LexRank walks the sentence graph. */
export interface LexRankOptions {
  /** Probability of following an edge rather than jumping anywhere. Default 0.85. */
  damping: number;
  /** Power iterations at most. Default 50. */
  iterations: number;
}

const DEFAULTS: LexRankOptions = { damping: 0.85, iterations: 50 };

/**
 * Continuous LexRank: PageRank over the cosine-similarity graph of the sentences, so a sentence
 * that many others resemble is central. Scores are scaled so the most central one is 1.
 */
export function lexRank(vectors: readonly TermVector[], options: Partial<LexRankOptions> = {}): number[] {
  const { damping, iterations } = { ...DEFAULTS, ...options };
  const n = vectors.length;
  if (n === 0) return [];
  const sim = vectors.map((a, i) => vectors.map((b, j) => (i === j ? 0 : cosine(a, b))));
  const outSum = sim.map((row) => row.reduce((s, x) => s + x, 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let step = 0; step < iterations; step++) {
    const next = new Array<number>(n).fill((1 - damping) / n);
    for (let i = 0; i < n; i++) {
      if (outSum[i] === 0) {
        for (let j = 0; j < n; j++) next[j]! += (damping * rank[i]!) / n;
        continue;
      }
      for (let j = 0; j < n; j++) next[j]! += (damping * rank[i]! * sim[i]![j]!) / outSum[i]!;
    }
    const delta = next.reduce((d, x, i) => d + Math.abs(x - rank[i]!), 0);
    rank = next;
    if (delta < 1e-6) break;
  }
  const top = Math.max(...rank);
  return rank.map((r) => (top > 0 ? r / top : 0));
}

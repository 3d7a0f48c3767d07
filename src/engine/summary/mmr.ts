/** One candidate for maximal marginal relevance selection. */
export interface MmrCandidate {
  /** Relevance or importance, higher is better. */
  score: number;
}

/**
 * Greedy maximal marginal relevance: repeatedly takes the candidate with the best
 * `λ·score − (1−λ)·max similarity to those taken`, skipping any whose similarity to a taken
 * one reaches `maxSimilarity` (a near repeat), and any that `after` ties to a candidate not yet
 * taken (a sentence that reads only after another). Returns indices in the order taken.
 */
export function selectMmr<T extends MmrCandidate>(
  candidates: readonly T[],
  count: number,
  similarity: (a: T, b: T) => number,
  lambda: number,
  maxSimilarity = 0.8,
  after: (index: number) => number | undefined = () => undefined,
): number[] {
  const taken: number[] = [];
  const closest = candidates.map(() => 0);
  while (taken.length < count) {
    let best = -1;
    let bestValue = -Infinity;
    candidates.forEach((c, i) => {
      if (taken.includes(i) || closest[i]! >= maxSimilarity) return;
      const first = after(i);
      if (first !== undefined && !taken.includes(first)) return;
      const value = lambda * c.score - (1 - lambda) * closest[i]!;
      if (value > bestValue) [best, bestValue] = [i, value];
    });
    if (best < 0) break;
    taken.push(best);
    candidates.forEach((c, i) => {
      closest[i] = Math.max(closest[i]!, similarity(candidates[best]!, c));
    });
  }
  return taken;
}

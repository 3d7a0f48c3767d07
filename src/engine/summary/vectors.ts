/** A sparse term-weight vector (stem → weight) with its Euclidean norm, for cosine similarity. */
export interface TermVector {
  weights: Map<string, number>;
  norm: number;
}

/** Inverse document frequency of a stem; unknown stems get the highest weight. */
export type Idf = (stem: string) => number;

/** Smoothed idf of each stem over a few documents (the sentences of one article, or retrieved articles). */
export function localIdf(documents: ReadonlyArray<readonly string[]>): Idf {
  const df = new Map<string, number>();
  for (const doc of documents) for (const stem of new Set(doc)) df.set(stem, (df.get(stem) ?? 0) + 1);
  const n = documents.length;
  return (stem) => Math.log((n + 1) / ((df.get(stem) ?? 0) + 0.5));
}

/** tf·idf vector of a bag of stems. */
export function termVector(stems: readonly string[], idf: Idf): TermVector {
  const weights = new Map<string, number>();
  for (const stem of stems) weights.set(stem, (weights.get(stem) ?? 0) + 1);
  let sum = 0;
  for (const [stem, tf] of weights) {
    const weight = tf * Math.max(idf(stem), 0);
    weights.set(stem, weight);
    sum += weight * weight;
  }
  return { weights, norm: Math.sqrt(sum) };
}

/** Cosine similarity of two vectors, 0 when either is empty. */
export function cosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [stem, weight] of small.weights) dot += weight * (large.weights.get(stem) ?? 0);
  return dot / (a.norm * b.norm);
}

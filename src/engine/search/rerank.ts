import { splitSentences } from '../text/sentences.js';
import { Analyzer } from './terms.js';
import { RERANK } from '../options.js';

/** A scored candidate: an id and its first-stage score. */
export interface Candidate {
  id: number;
  score: number;
}

/**
 * Re-scores the best BM25 hits by how much of the question they cover (idf-weighted), how much of
 * it their best sentence covers, how closely the question's terms sit together in them and whether
 * they open an article the question names (`namedLead`); the rest keep their order behind.
 */
export function rerank<T extends Candidate>(
  hits: T[],
  terms: string[],
  textOf: (id: number) => string,
  idfOf: (term: string) => number,
  weights = RERANK,
  namedLead: (id: number) => boolean = () => false,
  analyzer = new Analyzer(),
): T[] {
  const unique = [...new Set(terms)];
  if (hits.length < 2 || unique.length < 2) return hits;
  // Each term's idf is looked up once per question, not once per passage and sentence.
  const idfs = new Map(unique.map((t) => [t, idfOf(t)]));
  const idf = (term: string) => idfs.get(term)!;
  const mass = unique.reduce((sum, t) => sum + idf(t), 0) || 1;
  const best = hits[0]!.score || 1;
  const share = (present: ReadonlySet<string>) => unique.reduce((sum, t) => sum + (present.has(t) ? idf(t) : 0), 0) / mass;
  const head = hits.slice(0, weights.depth).map((hit) => {
    // Sentences cover the passage word for word, so their stems, joined, are the passage's.
    const sentences = splitSentences(textOf(hit.id)).map((s) => analyzer.stemsOf(s.text));
    const stems = sentences.flat();
    const sentence = Math.max(0, ...sentences.map((words) => share(new Set(words))));
    const positions = termPositions(stems, unique);
    const vocabulary = new Set(stems);
    const covered = unique.reduce((sum, t) => sum + idf(t) * (positions.has(t) ? 1 : weights.partial * partialMatch(t, vocabulary)), 0) / mass;
    const close = closeness(unique, positions, idf, weights.window) / mass;
    const lead = namedLead(hit.id) ? weights.lead : 0;
    return { hit, score: hit.score / best + weights.coverage * covered + weights.proximity * close + weights.sentence * sentence + lead };
  });
  head.sort((a, b) => b.score - a.score);
  return [...head.map((h) => h.hit), ...hits.slice(weights.depth)];
}

function termPositions(stems: string[], wanted: string[]): Map<string, number[]> {
  const want = new Set(wanted);
  const positions = new Map<string, number[]>();
  stems.forEach((stem, i) => {
    if (!want.has(stem)) return;
    const list = positions.get(stem);
    if (list) list.push(i);
    else positions.set(stem, [i]);
  });
  return positions;
}

/** Sum over pairs of question terms found within `window` words of each other, idf-weighted, nearer counting more. */
function closeness(terms: string[], positions: Map<string, number[]>, idf: (t: string) => number, window: number): number {
  let total = 0;
  for (let i = 0; i < terms.length; i++) {
    const a = positions.get(terms[i]!);
    if (!a) continue;
    for (let j = i + 1; j < terms.length; j++) {
      const b = positions.get(terms[j]!);
      if (!b) continue;
      let distance = Infinity;
      for (const x of a) for (const y of b) distance = Math.min(distance, Math.abs(x - y));
      if (distance <= window) total += (idf(terms[i]!) + idf(terms[j]!)) / 2 / distance;
    }
  }
  return total;
}

/** 1 when a passage stem is a morphological variant of the term (one a prefix of the other, 3+ letters shared, or one edit apart), else 0. */
function partialMatch(term: string, vocabulary: ReadonlySet<string>): number {
  if (term.length < 3 || /^\d+$/.test(term)) return 0;
  for (const stem of vocabulary) {
    if (stem.length < 3) continue;
    if (stem.startsWith(term) || term.startsWith(stem)) return 1;
    if (term.length >= 4 && Math.abs(stem.length - term.length) <= 1 && withinOneEdit(term, stem)) return 1;
  }
  return 0;
}

function withinOneEdit(a: string, b: string): boolean {
  if (a.length > b.length) [a, b] = [b, a];
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.slice(i) === b.slice(i + 1);
}

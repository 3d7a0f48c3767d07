import { normalizeText, words } from '../text/normalize.js';
import { fold } from './tokens.js';
import { WHOSAID } from '../options.js';

/** Matching forms of the words of a text (diacritics, quote marks and letter variants gone). */
export const matchTokens = (text: string) => words(normalizeText(text)).map(fold);

/** Edit distances between short strings; each owner (a quote index) has its own, with its own work rows. */
export class EditDistance {
  private rowA = new Int32Array(64);
  private rowB = new Int32Array(64);

  /** Edit distance between two short strings, or `max + 1` once it is over `max`. */
  between(a: string, b: string, max: number): number {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    if (this.rowA.length <= b.length) [this.rowA, this.rowB] = [new Int32Array(b.length * 2 + 1), new Int32Array(b.length * 2 + 1)];
    let prev = this.rowA;
    let row = this.rowB;
    for (let j = 0; j <= b.length; j++) prev[j] = j;
    for (let i = 1; i <= a.length; i++) {
      row[0] = i;
      let best = i;
      const ai = a.charCodeAt(i - 1);
      for (let j = 1; j <= b.length; j++) {
        const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ai === b.charCodeAt(j - 1) ? 0 : 1));
        row[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      [prev, row] = [row, prev];
    }
    return prev[b.length]!;
  }
}

/** Typos tolerated in a word of this length: none for short words, one or two from the lengths `WHOSAID.typoLengths` gives. */
export const tolerance = (w: string) => (w.length >= WHOSAID.typoLengths.two ? 2 : w.length >= WHOSAID.typoLengths.one ? 1 : 0);

/** The bucket of the vocabulary a word is kept in for typo-tolerant lookups: its first two letters and its length. */
export const vocabularyBucket = (w: string): string => `${w.slice(0, 2)}|${w.length}`;

/** The buckets (see `vocabularyBucket`) holding the words within a query word's typo tolerance that share its first two letters. */
function bucketsNear(q: string): string[] {
  const max = tolerance(q);
  const out: string[] = [];
  for (let len = q.length - max; max && len <= q.length + max; len++) out.push(`${q.slice(0, 2)}|${len}`);
  return out;
}

/**
 * Indexed words like a query word, with their similarity to it: itself (1) when `indexed`, and the words of its buckets
 * (`wordsIn`, see `bucketsNear`) within its typo tolerance (less per edit).
 */
export function similarWords(q: string, indexed: boolean, wordsIn: (bucket: string) => readonly string[] | undefined, distance: EditDistance): Map<string, number> {
  const out = new Map<string, number>();
  if (indexed) out.set(q, 1);
  const max = tolerance(q);
  for (const bucket of bucketsNear(q)) {
    for (const w of wordsIn(bucket) ?? []) {
      const d = w === q ? 0 : distance.between(q, w, max);
      if (d && d <= max) out.set(w, 1 - d / (q.length + 1));
    }
  }
  return out;
}

/** Indexed words a query word may stand for: itself when `indexed` or too short for typos, else its `similar()` words, weighed as typos. */
export function typoForms(q: string, indexed: boolean, similar: () => Map<string, number>): Array<[string, number]> {
  if (indexed || !tolerance(q)) return [[q, 1]];
  return Array.from(similar().keys(), (w) => [w, WHOSAID.typoWeight]);
}

/** For each query word, where a quotation has a word like it: `[position, similarity]` pairs in quotation order. */
export type Matches = Array<Array<[number, number]>>;

/**
 * Where the `queryLength` words of a query are found in a quotation; `like(word)` gives the query
 * words like a quotation word, as `[query word number, similarity]` (1 when equal, less per typo).
 */
export function matchesIn(queryLength: number, quote: readonly string[], like: (word: string) => ReadonlyArray<readonly [number, number]> | undefined): Matches {
  const out: Matches = Array.from({ length: queryLength }, () => []);
  quote.forEach((t, j) => {
    for (const [i, s] of like(t) ?? []) out[i]!.push([j, s]);
  });
  return out;
}

/** How a query lines up with a quotation (see `align`). */
export interface Alignment {
  /** 0–1: the share of the query found in the quotation, in order (see `align`). */
  score: number;
  /** Per query word, its similarity to the quotation word it matched (0: not found). */
  matched: number[];
}

/**
 * How well query words are found in a quotation of `quoteLength` words (`matches`, see `matchesIn`):
 * the share of query words matched (weighted by `weights`, allowing typos), with a bonus for keeping
 * their order, and a small preference for quotations no longer than the query needs.
 */
export function align(matches: Matches, quoteLength: number, weights: number[]): Alignment {
  const matched: number[] = [];
  if (!matches.length || !quoteLength) return { score: 0, matched };
  let total = 0;
  let got = 0;
  let ordered = 0;
  let lastPos = -1;
  matches.forEach((found, i) => {
    const w = weights[i] ?? 1;
    total += w;
    let best = 0;
    let at = -1;
    for (const [j, s] of found) {
      if (s > best || (s === best && j > lastPos && at <= lastPos)) [best, at] = [s, j];
      if (best === 1 && j > lastPos) break;
    }
    got += best * w;
    matched.push(best);
    if (at > lastPos) ordered++;
    if (at >= 0) lastPos = at;
  });
  const coverage = got / total;
  const order = matches.length > 1 ? (ordered - 1) / (matches.length - 1) : 1;
  const density = Math.min(1, matches.length / quoteLength);
  return { score: coverage * (0.85 + 0.1 * Math.max(0, order) + 0.05 * density), matched };
}

/**
 * How much of a quotation a (longer) text holds (`matches` of the text's words in it, see
 * `matchesIn`): the share of the quotation's words (weighted by `weights`, one a quotation word)
 * found in the text, allowing typos, with a bonus for finding them in the quotation's order; and
 * the quotation words found.
 */
export function containment(matches: Matches, quote: readonly string[], weights: number[]): { score: number; found: string[] } {
  // Each quotation word's best text word, the first of equals.
  const best = new Float64Array(quote.length);
  const from = new Int32Array(quote.length).fill(-1);
  matches.forEach((found, i) => {
    for (const [j, s] of found) if (s > best[j]!) [best[j], from[j]] = [s, i];
  });
  let total = 0;
  let got = 0;
  const found: string[] = [];
  let ordered = 0;
  let lastPos = -1;
  quote.forEach((t, j) => {
    const w = weights[j] ?? 1;
    total += w;
    if (!best[j]) return;
    got += best[j]! * w;
    found.push(t);
    if (from[j]! > lastPos) ordered++;
    lastPos = from[j]!;
  });
  const order = found.length > 1 ? (ordered - 1) / (found.length - 1) : 1;
  return { score: total ? (got / total) * (0.85 + 0.15 * order) : 0, found };
}

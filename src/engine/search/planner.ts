import type { BM25Params } from 'minisearch';
import { ASK_LIMITS, type RankingOptions } from '../options.js';
import { type FieldName, type PassageIndex, type PostingList, termCount } from './index/passageIndex.js';
import { bestFirst } from './bestFirst.js';

/** A passage found by the planner: its number in the passage table and its BM25+ score. */
export interface PlannedHit {
  id: number;
  score: number;
}

/** How a query is scored (the tuned `RankingOptions`) and which passages it may return. */
export interface PlanOptions extends RankingOptions {
  /** Passages (by number) that may be returned (source and date filters), asked once per candidate. */
  accept?: (id: number) => boolean;
}

/** A posting list with what scoring needs: the field's weight and the term's idf in it. */
interface WeightedList extends PostingList {
  boost: number;
  idf: number;
}

/**
 * Scores passages as MiniSearch's BM25+ OR query does (sum over terms and fields, times the number
 * of query terms matched, here raised to `coordination`), but plans the work: candidates come from
 * the rarest terms, and common terms are looked up only for them. A passage containing none of the
 * rarer terms cannot outrank one that does, so the answer is the same at a fraction of the cost.
 */
export function createPlanner(index: PassageIndex): (terms: string[], options: PlanOptions) => PlannedHit[] {
  const size = index.passageCount;
  const { firstPassage } = index.data;
  const score = new Float64Array(size);
  const matched = new Uint16Array(size);
  const lastTerm = new Int32Array(size).fill(-1);
  const state = new Uint8Array(size);

  return (terms, options) => {
    const weights = new Map<string, number>();
    for (const term of terms) weights.set(term, (weights.get(term) ?? 0) + 1);
    const planned = [...weights.keys()]
      .flatMap((term) => {
        const lists = weighted(index, term, options.boost);
        if (lists.length || !options.fuzzyWeight) return [{ weight: weights.get(term)!, lists }];
        return variantsOf(index, term).map((variant) => ({ weight: weights.get(term)! * options.fuzzyWeight!, lists: weighted(index, variant, options.boost) }));
      })
      .filter((t) => t.lists.length > 0)
      .sort((x, y) => cost(x.lists) - cost(y.lists));
    const touched: number[] = [];
    let termNumber = 0;
    let weight = 0;
    let generating = true;
    const { articleOf, averageLength } = index;
    /** Adds one posting of `list` to passage `doc` (made a candidate first while generating). */
    const add = (doc: number, list: WeightedList, tf: number, length: number) => {
      if (state[doc] === 0) {
        if (!generating) return;
        state[doc] = options.accept && !options.accept(doc) ? 2 : 1;
        touched.push(doc);
      }
      if (state[doc] !== 1) return;
      score[doc]! += weight * list.boost * list.idf * saturation(tf, length, averageLength[list.field], options.bm25);
      if (lastTerm[doc] !== termNumber) {
        lastTerm[doc] = termNumber;
        matched[doc]!++;
      }
    };
    let read = 0;
    for (const term of planned) {
      termNumber++;
      weight = term.weight;
      generating = read === 0 || read + cost(term.lists) <= options.budget;
      for (const list of term.lists) {
        const { docs, tfs, lengths } = list.postings;
        const title = list.field === 'title';
        if (!generating && list.passages > touched.length * ASK_LIMITS.probeRatio) {
          for (let c = 0, n = touched.length; c < n; c++) {
            const doc = touched[c]!;
            if (state[doc] !== 1) continue;
            const at = title ? articleOf[doc]! : doc;
            const tf = termCount(list.postings, list.from, list.to, at);
            if (tf > 0) add(doc, list, tf, lengths[at]!);
          }
        } else if (title) {
          for (let i = list.from; i < list.to; i++) {
            const article = docs[i]!;
            for (let doc = firstPassage[article]!, end = firstPassage[article + 1]!; doc < end; doc++) add(doc, list, tfs[i]!, lengths[article]!);
          }
        } else {
          for (let i = list.from; i < list.to; i++) add(docs[i]!, list, tfs[i]!, lengths[docs[i]!]!);
        }
      }
      if (generating) read += cost(term.lists);
    }
    const ids: number[] = [];
    const scores: number[] = [];
    for (const doc of Uint32Array.from(touched).sort()) {
      if (state[doc] === 1 && score[doc]! > 0) {
        ids.push(doc);
        scores.push(score[doc]! * matched[doc]! ** options.coordination);
      }
      score[doc] = 0;
      matched[doc] = 0;
      lastTerm[doc] = -1;
      state[doc] = 0;
    }
    return bestFirst(ids, scores);
  };
}

function weighted(index: PassageIndex, term: string, boost: Record<FieldName, number>): WeightedList[] {
  return index
    .postingLists(term)
    .filter((list) => boost[list.field])
    .map((list) => ({ ...list, boost: boost[list.field], idf: inverseFrequency(index.passageCount, list.passages) }));
}

/** BM25's idf of a term found in `found` of `total` passages. */
export function inverseFrequency(total: number, found: number): number {
  return Math.log(1 + (total - found + 0.5) / (found + 0.5));
}

/** BM25+'s term-frequency part: `tf` occurrences in a field `length` words long, against the field's average length. */
export function saturation(tf: number, length: number, averageLength: number, { k, b, d }: BM25Params): number {
  const norm = 1 - b + (b * length) / (averageLength || 1);
  return d + (tf * (k + 1)) / (tf + k * norm);
}

/** Index terms one edit away from a term the index does not hold (a typo, a missing space), for words of 5+ letters. */
function variantsOf(index: PassageIndex, term: string): string[] {
  if (term.length < 5 || term.startsWith('=')) return [];
  return index.variantsOf(term).filter((variant) => !variant.startsWith('=')).slice(0, 8);
}

function cost(lists: WeightedList[]): number {
  return lists.reduce((n, l) => n + l.passages, 0);
}

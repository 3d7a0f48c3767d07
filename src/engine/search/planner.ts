import type MiniSearch from 'minisearch';
import type { BM25Params } from 'minisearch';

/** MiniSearch's term table and document statistics (not in its typed API; minisearch is pinned to 7.2.0). */
interface TermTable {
  _index: {
    get(term: string): Map<number, Map<number, number>> | undefined;
    fuzzyGet(term: string, distance: number): Map<string, [Map<number, Map<number, number>>, number]>;
  };
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
  _documentIds: Map<number, unknown>;
}

/** A passage found by the planner: its number in the passage table and its BM25+ score. */
export interface PlannedHit {
  id: number;
  score: number;
}

/** How a query is scored and how much work it may do. */
export interface PlanOptions {
  /** Weight of each indexed field. */
  boost: Record<string, number>;
  bm25: BM25Params;
  /**
   * Postings read in full to find candidates: the rarest terms are read until this many, the
   * commoner ones are only looked up for those candidates (so "قال" never scores every passage).
   */
  budget: number;
  /** Weight of spelling variants (one edit away) standing in for a question word the index does not hold; 0 or absent: none. */
  fuzzyWeight?: number;
  /** Passages (by number) that may be returned (source and date filters), asked once per candidate. */
  accept?: (id: number) => boolean;
}

interface FieldPostings {
  field: number;
  boost: number;
  postings: Map<number, number>;
  idf: number;
}

/**
 * Scores passages exactly as MiniSearch's BM25+ OR query does (sum over terms and fields, times
 * the number of query terms matched), but plans the work: candidates come from the rarest terms,
 * and common terms are looked up only for them. A passage containing none of the rarer terms
 * cannot outrank one that does, so the answer is the same at a fraction of the cost.
 */
export function createPlanner<T>(index: MiniSearch<T>): (terms: string[], options: PlanOptions) => PlannedHit[] {
  const table = index as unknown as TermTable;
  const fields = Object.values(table._fieldIds);
  let size = 0;
  for (const shortId of table._documentIds.keys()) size = Math.max(size, shortId + 1);
  const idOf = new Int32Array(size);
  for (const [shortId, id] of table._documentIds) idOf[shortId] = id as number;
  const lengths = fields.map(() => new Float32Array(size));
  for (const [shortId, fieldLengths] of table._fieldLength) {
    for (const f of fields) lengths[f]![shortId] = (fieldLengths[f] ?? 0) / (table._avgFieldLength[f] || 1);
  }
  const score = new Float64Array(size);
  const matched = new Uint16Array(size);
  const lastTerm = new Int32Array(size).fill(-1);
  const state = new Uint8Array(size);

  return (terms, options) => {
    const { k, b, d } = options.bm25;
    const weights = new Map<string, number>();
    for (const term of terms) weights.set(term, (weights.get(term) ?? 0) + 1);
    const planned = [...weights.keys()]
      .flatMap((term) => {
        const lists = postingsOf(table, term, options.boost, fields);
        if (lists.length || !options.fuzzyWeight) return [{ term, weight: weights.get(term)!, lists }];
        return variantsOf(table, term).map((variant) => ({ term: variant, weight: weights.get(term)! * options.fuzzyWeight!, lists: postingsOf(table, variant, options.boost, fields) }));
      })
      .filter((t) => t.lists.length > 0)
      .sort((x, y) => cost(x.lists) - cost(y.lists));
    const touched: number[] = [];
    let termNumber = 0;
    const add = (doc: number, list: FieldPostings, tf: number, weight: number) => {
      const norm = 1 - b + b * lengths[list.field]![doc]!;
      score[doc]! += weight * list.boost * list.idf * (d + (tf * (k + 1)) / (tf + k * norm));
      if (lastTerm[doc] !== termNumber) {
        lastTerm[doc] = termNumber;
        matched[doc]!++;
      }
    };
    let read = 0;
    for (const { lists, weight } of planned) {
      termNumber++;
      const generating = read === 0 || read + cost(lists) <= options.budget;
      for (const list of lists) {
        const probe = !generating && list.postings.size > touched.length;
        if (probe) {
          for (const doc of touched) {
            const tf = list.postings.get(doc);
            if (tf !== undefined && state[doc] === 1) add(doc, list, tf, weight);
          }
          continue;
        }
        for (const [doc, tf] of list.postings) {
          if (state[doc] === 0) {
            if (!generating) continue;
            state[doc] = options.accept && !options.accept(idOf[doc]!) ? 2 : 1;
            touched.push(doc);
          }
          if (state[doc] === 1) add(doc, list, tf, weight);
        }
      }
      if (generating) read += cost(lists);
    }
    const hits: PlannedHit[] = [];
    for (const doc of touched) {
      if (state[doc] === 1 && score[doc]! > 0) hits.push({ id: idOf[doc]!, score: score[doc]! * matched[doc]! });
      score[doc] = 0;
      matched[doc] = 0;
      lastTerm[doc] = -1;
      state[doc] = 0;
    }
    return hits.sort((x, y) => y.score - x.score || x.id - y.id);
  };
}

/** Whether the `text` field of passage `id` holds `term` (MiniSearch short ids are the passage numbers). */
export function createTermCheck<T>(index: MiniSearch<T>): (id: number, term: string) => boolean {
  const table = index as unknown as TermTable;
  const text = table._fieldIds.text!;
  return (id, term) => table._index.get(term)?.get(text)?.has(id) ?? false;
}

function postingsOf(table: TermTable, term: string, boost: Record<string, number>, fields: number[]): FieldPostings[] {
  const data = table._index.get(term);
  if (!data) return [];
  const names = Object.keys(table._fieldIds);
  const lists: FieldPostings[] = [];
  for (const field of fields) {
    const postings = data.get(field);
    const weight = boost[names[field]!] ?? 1;
    if (!postings?.size || !weight) continue;
    const df = postings.size;
    lists.push({ field, boost: weight, postings, idf: Math.log(1 + (table._documentCount - df + 0.5) / (df + 0.5)) });
  }
  return lists;
}

/** Index terms one edit away from a term the index does not hold (a typo, a missing space), for words of 5+ letters. */
function variantsOf(table: TermTable, term: string): string[] {
  if (term.length < 5 || term.startsWith('=')) return [];
  return [...table._index.fuzzyGet(term, 1).keys()].filter((variant) => !variant.startsWith('=')).slice(0, 8);
}

function cost(lists: FieldPostings[]): number {
  return lists.reduce((n, l) => n + l.postings.size, 0);
}

import MiniSearch, { type Options } from 'minisearch';
import { normalizeText, words } from '../text/normalize.js';
import { stem } from '../text/stem.js';
import { isContentWord } from '../text/analyzer.js';
import type { Passage } from '../types.js';
import type { PlanOptions } from './planner.js';

/** What MiniSearch indexes for one passage: its number in the passage table, its text and its article's title. */
export interface IndexedPassage {
  id: number;
  text: string;
  title: string;
}

/** Analysed terms per token already seen: the vocabulary is small next to the text, so each word is analysed once. */
const TERM_CACHE = new Map<string, string | string[] | null>();
const TERM_CACHE_LIMIT = 500_000;

/** Prefix marking a surface-form term, so exact words add to the stem match without colliding with stems. */
const SURFACE = '=';

/**
 * The terms of one normalised token: its stem, plus its surface form when that differs (exact
 * words rank first: +1.4 hit@1 on ARCD), or null for a stop word.
 */
function termsOf(token: string): string | string[] | null {
  let terms = TERM_CACHE.get(token);
  if (terms !== undefined) return terms;
  if (!isContentWord(token)) terms = null;
  else {
    const stemmed = stem(token);
    terms = stemmed === token ? stemmed : [stemmed, SURFACE + token];
  }
  if (TERM_CACHE.size >= TERM_CACHE_LIMIT) TERM_CACHE.clear();
  TERM_CACHE.set(token, terms);
  return terms;
}

/**
 * The analyser plugged into MiniSearch's hooks: one options object for building and loading the
 * index, so documents and questions are always analysed the same way.
 */
export const MINISEARCH_OPTIONS: Options<IndexedPassage> = {
  idField: 'id',
  fields: ['text', 'title'],
  storeFields: [],
  tokenize: (text) => words(normalizeText(text)),
  processTerm: termsOf,
};

/** Ranking parameters, tuned on the Arabic QA dev sets (`npm run eval`): full length normalisation (b = 1) and slow tf saturation (k1 = 2) suit passages of very different lengths; the title counts as much as the passage. */
export const RANKING: Omit<PlanOptions, 'accept'> = {
  boost: { text: 1, title: 1 },
  bm25: { k: 2, b: 1, d: 0.5 },
  budget: 5_000,
  fuzzyWeight: 1,
};

/** Builds a MiniSearch index over passages (`passage.index` in the table is the document id). */
export function buildMiniSearch(passages: Passage[], titleOf: (passage: Passage) => string): MiniSearch<IndexedPassage> {
  const index = new MiniSearch<IndexedPassage>(MINISEARCH_OPTIONS);
  index.addAll(passages.map((p, id) => ({ id, text: p.text, title: titleOf(p) })));
  return index;
}

/** The index terms of a question, in order (repeats kept: a repeated word weighs more). */
export function queryTerms(text: string): string[] {
  return words(normalizeText(text)).flatMap((w) => termsOf(w) ?? []);
}

/** MiniSearch's term table, reached for document frequencies (not part of its typed API; minisearch is pinned). */
interface TermTable {
  _index: { get(term: string): Map<number, Map<number, number>> | undefined };
  _fieldIds: Record<string, number>;
}

/** In how many passages a stem occurs (its document frequency in the `text` field). */
export function documentFrequency(index: MiniSearch<IndexedPassage>, term: string): number {
  const table = index as unknown as TermTable;
  return table._index.get(term)?.get(table._fieldIds.text!)?.size ?? 0;
}

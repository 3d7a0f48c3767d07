import MiniSearch, { type Options, type SearchOptions } from 'minisearch';
import { contentWords } from '../text/analyzer.js';
import { normalizeText, words } from '../text/normalize.js';
import { stem } from '../text/stem.js';
import type { Passage } from '../types.js';

/** What MiniSearch indexes for one passage: its number in the passage table, its text and its article's title. */
export interface IndexedPassage {
  id: number;
  text: string;
  title: string;
}

/** Prefix marking a surface-form term, so exact words add to the stem match without colliding with stems. */
const SURFACE = '=';

/** Terms of one token: its stem, and its surface form when that differs (a precision signal). */
function termsOf(token: string): string | string[] | null {
  const normalized = contentWords(token)[0];
  if (!normalized) return null;
  const stemmed = stem(normalized);
  return stemmed === normalized ? stemmed : [stemmed, SURFACE + normalized];
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

/** Ranking parameters, tuned on the Arabic QA dev sets (`npm run eval`): the title counts as much as the passage. */
export const RANKING: SearchOptions = {
  boost: { text: 1, title: 1 },
  bm25: { k: 1.2, b: 0.75, d: 0.5 },
  combineWith: 'OR',
};

/** Builds a MiniSearch index over passages (`passage.index` in the table is the document id). */
export function buildMiniSearch(passages: Passage[], titleOf: (passage: Passage) => string): MiniSearch<IndexedPassage> {
  const index = new MiniSearch<IndexedPassage>(MINISEARCH_OPTIONS);
  index.addAll(passages.map((p, id) => ({ id, text: p.text, title: titleOf(p) })));
  return index;
}

/** Restores an index saved with `JSON.stringify(index)`. */
export function loadMiniSearch(json: string): MiniSearch<IndexedPassage> {
  return MiniSearch.loadJSON<IndexedPassage>(json, MINISEARCH_OPTIONS);
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

import SearchableMap from 'minisearch/SearchableMap';
import { lowerBound } from '../../util/sorted.js';

/**
 * One field's postings in compressed-sparse-row form: the documents of term number `t` are
 * `docs[start[t]]` … `docs[start[t + 1] - 1]`, ascending, with their term counts in `tfs`.
 * `lengths` holds each document's number of distinct words (BM25's field length).
 */
export interface FieldPostings {
  start: Uint32Array;
  docs: Uint32Array;
  tfs: Uint8Array;
  lengths: Uint16Array;
}

/** Everything a passage index is made of: typed arrays and one sorted term list, cheap to save and to load. */
export interface PassageIndexData {
  /** Every index term, sorted by code unit; a term's number is its position. */
  terms: string[];
  /** The passage text; documents are passage numbers. */
  text: FieldPostings;
  /** The article title, stored once per article; documents are article numbers. */
  title: FieldPostings;
  /** Number of each article's first passage, plus the passage count at the end. */
  firstPassage: Uint32Array;
}

/** Fields as the ranking names them. */
export type FieldName = 'text' | 'title';

/** A slice of one field's postings for one term. */
export interface PostingList {
  field: FieldName;
  postings: FieldPostings;
  from: number;
  to: number;
  /** Passages the list covers (a title posting covers every passage of its article). */
  passages: number;
}

/**
 * The inverted index over passages. Ranking reads it as MiniSearch's BM25+ would read its own
 * term table, with the title counting as a field of every passage; it is stored as typed arrays
 * (~5 bytes a posting instead of MiniSearch's nested Maps), and MiniSearch's radix tree is kept
 * only for spelling variants, built the first time one is needed.
 */
export class PassageIndex {
  /** The article number of each passage. */
  readonly articleOf: Uint32Array;
  readonly passageCount: number;
  /** Average field length over passages (the title counted once per passage, as a field of it). */
  readonly averageLength: Record<FieldName, number>;
  /** Passages covered by each term's title postings (the sum of its articles' passage counts). */
  private readonly titlePassages: Uint32Array;
  private variantsTree: SearchableMap<number> | null = null;

  constructor(readonly data: PassageIndexData) {
    const { firstPassage, text, title } = data;
    this.passageCount = firstPassage[firstPassage.length - 1] ?? 0;
    this.articleOf = new Uint32Array(this.passageCount);
    let titleTotal = 0;
    for (let a = 0; a + 1 < firstPassage.length; a++) {
      this.articleOf.fill(a, firstPassage[a], firstPassage[a + 1]);
      titleTotal += title.lengths[a]! * (firstPassage[a + 1]! - firstPassage[a]!);
    }
    this.titlePassages = new Uint32Array(data.terms.length);
    for (let t = 0; t < data.terms.length; t++) {
      for (let i = title.start[t]!; i < title.start[t + 1]!; i++) this.titlePassages[t]! += this.passagesOf(title.docs[i]!);
    }
    let textTotal = 0;
    for (const length of text.lengths) textTotal += length;
    const n = this.passageCount || 1;
    this.averageLength = { text: textTotal / n, title: titleTotal / n };
  }

  /** The number of a term, or -1 when the index does not hold it. */
  termNumber(term: string): number {
    const { terms } = this.data;
    let low = 0;
    let high = terms.length - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const found = terms[mid]!;
      if (found === term) return mid;
      if (found < term) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }

  /** The non-empty posting lists of a term, text first. */
  postingLists(term: string): PostingList[] {
    const t = this.termNumber(term);
    if (t < 0) return [];
    const lists: PostingList[] = [];
    for (const field of ['text', 'title'] as const) {
      const postings = this.data[field];
      const from = postings.start[t]!;
      const to = postings.start[t + 1]!;
      if (from === to) continue;
      lists.push({ field, postings, from, to, passages: field === 'title' ? this.titlePassages[t]! : to - from });
    }
    return lists;
  }

  /** The number of passages whose text holds a term. */
  textFrequency(term: string): number {
    const t = this.termNumber(term);
    return t < 0 ? 0 : this.data.text.start[t + 1]! - this.data.text.start[t]!;
  }

  /** Whether the text of passage `passage` holds a term. */
  hasTerm(passage: number, term: string): boolean {
    const t = this.termNumber(term);
    const { text } = this.data;
    return t >= 0 && termCount(text, text.start[t]!, text.start[t + 1]!, passage) > 0;
  }

  /** How many passages article number `article` has. */
  passagesOf(article: number): number {
    return this.data.firstPassage[article + 1]! - this.data.firstPassage[article]!;
  }

  /** Index terms one edit away from `term` (MiniSearch's radix tree, built on first use or by `prepareVariants`). */
  variantsOf(term: string): string[] {
    return [...this.prepareVariants().fuzzyGet(term, 1).keys()];
  }

  /** Builds the radix tree of terms for spelling variants now (a long-running front end warms it up after start). */
  prepareVariants(): SearchableMap<number> {
    if (!this.variantsTree) {
      this.variantsTree = new SearchableMap<number>();
      this.data.terms.forEach((t, i) => this.variantsTree!.set(t, i));
    }
    return this.variantsTree;
  }
}

/** The count of `doc` in the list `from`…`to` of a field (0 when absent), by binary search. */
export function termCount(postings: FieldPostings, from: number, to: number, doc: number): number {
  const at = lowerBound(postings.docs, doc, from, to);
  return at < to && postings.docs[at] === doc ? postings.tfs[at]! : 0;
}

import SearchableMap from 'minisearch/SearchableMap';
import { normalizeText, words } from '../text/normalize.js';
import type { Article, Passage } from '../types.js';
import { GOES_ON, HIDDEN, SpellingTable, START, UNSAFE, WordScanner, classAt, unitLength, wordClasses } from '../text/scan.js';
import { indexTermsOf } from './terms.js';
import { grow } from '../grow.js';

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
  const { docs } = postings;
  let low = from;
  let high = to - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const found = docs[mid]!;
    if (found === doc) return postings.tfs[mid]!;
    if (found < doc) low = mid + 1;
    else high = mid - 1;
  }
  return 0;
}

/**
 * Indexes passages, which must come grouped by article in the order of `articles` (as
 * `articles.flatMap(segmentArticle)` gives them). Each distinct word is analysed once.
 */
export function buildPassageIndex(articles: readonly Pick<Article, 'id' | 'title'>[], passages: readonly Passage[]): PassageIndex {
  const builder = new PassageIndexBuilder();
  let p = 0;
  for (const article of articles) {
    const texts: string[] = [];
    for (; p < passages.length && passages[p]!.articleId === article.id; p++) texts.push(passages[p]!.text);
    builder.add(article.title, texts);
  }
  if (p !== passages.length) throw new Error('passages must be grouped by article in the order of the articles');
  return builder.finish();
}

/**
 * Builds a passage index article after article, so no list of every passage need be held: `add`
 * each article's title and passage texts in order, then `finish`.
 */
export class PassageIndexBuilder {
  private vocabulary: Vocabulary | null = new Vocabulary();
  private readonly text = new CollectedField();
  private readonly title = new CollectedField();
  private readonly firstPassage: number[] = [];
  private passages = 0;

  /** Adds the next article: its title, and the texts of its passages in order. */
  add(title: string, passageTexts: readonly string[]): void {
    const vocabulary = this.vocabulary!;
    this.firstPassage.push(this.passages);
    vocabulary.collect(this.title, title);
    for (const text of passageTexts) vocabulary.collect(this.text, text);
    this.passages += passageTexts.length;
  }

  /** The index of every article added (the builder is spent). */
  finish(): PassageIndex {
    const { terms, renumber } = this.vocabulary!.sorted();
    this.vocabulary = null;
    const firstPassage = Uint32Array.from([...this.firstPassage, this.passages]);
    return new PassageIndex({ terms, text: this.text.postings(terms.length, renumber), title: this.title.postings(terms.length, renumber), firstPassage });
  }
}

/**
 * Numbers the words and terms met while collecting fields. Everything read per token lives in
 * typed arrays (a spelling's word number, a word's term numbers), so counting a document's terms
 * chases no object pointers.
 */
class Vocabulary {
  /** The number of each normalised word. */
  private readonly words = new Map<string, number>();
  /** Each word's term numbers: `termList[termFrom[w]]` on, `termCount[w]` of them. */
  private termFrom = new Int32Array(1024);
  private termCount = new Uint8Array(1024);
  private termList = new Int32Array(4096);
  private termListLength = 0;
  /**
   * The word a spelling gives, as written (normalised alone, as scanned: see `scan`); a spelling
   * that normalises into any other number of words is `-1 - k`, its words being `multiWords[k]`.
   */
  private readonly spellings = new SpellingTable<number>();
  private readonly multiWords: number[][] = [];
  private readonly scanner = new WordScanner(wordClasses(), GOES_ON | HIDDEN, UNSAFE);
  private readonly termNumbers = new Map<string, number>();
  /** The words of the document being collected, in order: the first `foundCount`. */
  private found = new Int32Array(1024);
  private foundCount = 0;
  /** Documents collected (over all fields): the stamp marking the words seen in the current one. */
  private documents = 0;
  /** The last document each word was seen in. */
  private seen = new Int32Array(1024);
  /** Counts of the current document's terms, and which terms it has. */
  private counts = new Uint32Array(1024);
  private readonly touched: number[] = [];
  readonly terms: string[] = [];

  /** Counts the terms of the next document of `field`. */
  collect(field: CollectedField, document: string): void {
    const doc = ++this.documents;
    let distinct = 0;
    const touched = this.touched;
    this.wordsOf(document);
    const { found, seen, termFrom, termCount, termList } = this;
    for (let f = 0; f < this.foundCount; f++) {
      const word = found[f]!;
      if (seen[word] !== doc) {
        seen[word] = doc;
        distinct++;
      }
      for (let i = termFrom[word]!, end = i + termCount[word]!; i < end; i++) {
        const t = termList[i]!;
        if (this.counts[t]!++ === 0) touched.push(t);
      }
    }
    for (const t of touched) {
      field.add(t, this.counts[t]!);
      this.counts[t] = 0;
    }
    field.endDocument(distinct, touched.length);
    touched.length = 0;
  }

  /** The sorted terms, and each collected term number's position among them. */
  sorted(): { terms: string[]; renumber: Uint32Array } {
    const order = this.terms.map((_, i) => i).sort((x, y) => (this.terms[x]! < this.terms[y]! ? -1 : 1));
    const renumber = new Uint32Array(order.length);
    order.forEach((t, position) => (renumber[t] = position));
    return { terms: order.map((t) => this.terms[t]!), renumber };
  }

  /** Puts the words of `words(normalizeText(document))` in `found`, in order. */
  private wordsOf(document: string): void {
    this.foundCount = 0;
    if (this.scan(document)) return;
    this.foundCount = 0;
    for (const token of words(normalizeText(document))) this.push(this.word(token));
  }

  /**
   * Scans the words of `text` as written into `found`, each spelling normalised once: the same words
   * as normalising the whole text, since a word is cut where normalisation cannot join or split
   * anything (characters it removes go on a word). False, part-way, for a text holding a character
   * that must be normalised in context (`UNSAFE`).
   */
  private scan(text: string): boolean {
    const classes = wordClasses();
    const scanner = this.scanner;
    let i = 0;
    while (i < text.length) {
      const k = classAt(text, i, classes);
      if (k & UNSAFE) return false;
      if (!(k & START)) {
        i += unitLength(text, i);
        continue;
      }
      const start = i;
      scanner.scan(text, start);
      i = scanner.end;
      if (i < text.length && classAt(text, i, classes) & UNSAFE) return false;
      const h = scanner.hash;
      const slot = this.spellings.find(text, start, i, h);
      let word: number;
      if (slot >= 0) word = this.spellings.value(slot);
      else {
        const raw = text.slice(start, i);
        const tokens = words(normalizeText(raw));
        word = tokens.length === 1 ? this.word(tokens[0]!) : -1 - (this.multiWords.push(tokens.map((token) => this.word(token))) - 1);
        this.spellings.add(slot, raw, h, word);
      }
      if (word >= 0) this.push(word);
      else for (const w of this.multiWords[-1 - word]!) this.push(w);
    }
    return true;
  }

  private push(word: number): void {
    if (this.foundCount === this.found.length) this.found = grow(this.found, this.foundCount);
    this.found[this.foundCount++] = word;
  }

  /** The number of a normalised word, its terms numbered on first sight. */
  private word(token: string): number {
    let w = this.words.get(token);
    if (w !== undefined) return w;
    w = this.words.size;
    this.words.set(token, w);
    const terms = indexTermsOf(token).map((term) => this.termNumber(term));
    if (w === this.termFrom.length) {
      this.termFrom = grow(this.termFrom, w);
      this.termCount = grow(this.termCount, w);
      this.seen = grow(this.seen, w);
    }
    if (this.termListLength + terms.length > this.termList.length) this.termList = grow(this.termList, this.termListLength + terms.length);
    this.termFrom[w] = this.termListLength;
    this.termCount[w] = terms.length;
    for (const t of terms) this.termList[this.termListLength++] = t;
    return w;
  }

  private termNumber(term: string): number {
    let t = this.termNumbers.get(term);
    if (t === undefined) {
      this.termNumbers.set(term, (t = this.terms.length));
      this.terms.push(term);
      if (t === this.counts.length) this.counts = grow(this.counts, t);
    }
    return t;
  }
}

/** Pairs per block of a collected field (blocks are added as documents come, never copied). */
const BLOCK_BITS = 20;
const BLOCK = 1 << BLOCK_BITS;

/** A field's postings as collected: (term, count) pairs document after document, in fixed-size blocks. */
class CollectedField {
  private lengths = new Uint16Array(1024);
  /** How many pairs each document has. */
  private perDocument = new Uint32Array(1024);
  private readonly termBlocks: Uint32Array[] = [];
  private readonly countBlocks: Uint8Array[] = [];
  private pairs = 0;
  private frequency = new Uint32Array(1024);
  private documents = 0;

  add(term: number, count: number): void {
    const at = this.pairs & (BLOCK - 1);
    if (at === 0) {
      this.termBlocks.push(new Uint32Array(BLOCK));
      this.countBlocks.push(new Uint8Array(BLOCK));
    }
    if (term >= this.frequency.length) this.frequency = grow(this.frequency, term);
    this.termBlocks[this.termBlocks.length - 1]![at] = term;
    this.countBlocks[this.countBlocks.length - 1]![at] = Math.min(count, 0xff);
    this.frequency[term]!++;
    this.pairs++;
  }

  /** Ends the current document: `distinct` words (its BM25 length), `pairs` terms. */
  endDocument(distinct: number, pairs: number): void {
    if (this.documents === this.lengths.length) {
      this.lengths = grow(this.lengths, this.documents);
      this.perDocument = grow(this.perDocument, this.documents);
    }
    this.lengths[this.documents] = Math.min(distinct, 0xffff);
    this.perDocument[this.documents++] = pairs;
  }

  /** The postings with terms numbered in sorted order (`renumber`), documents ascending in each list. */
  postings(termCount: number, renumber: Uint32Array): FieldPostings {
    const start = new Uint32Array(termCount + 1);
    for (let t = 0; t < Math.min(this.frequency.length, renumber.length); t++) start[renumber[t]! + 1] = this.frequency[t]!;
    for (let t = 0; t < termCount; t++) start[t + 1]! += start[t]!;
    const next = start.slice(0, termCount);
    const docs = new Uint32Array(this.pairs);
    const tfs = new Uint8Array(this.pairs);
    let pair = 0;
    for (let doc = 0; doc < this.documents; doc++) {
      for (const end = pair + this.perDocument[doc]!; pair < end; pair++) {
        const position = next[renumber[this.termBlocks[pair >>> BLOCK_BITS]![pair & (BLOCK - 1)]!]!]!++;
        docs[position] = doc;
        tfs[position] = this.countBlocks[pair >>> BLOCK_BITS]![pair & (BLOCK - 1)]!;
      }
    }
    return { start, docs, tfs, lengths: this.lengths.slice(0, this.documents) };
  }
}

/**
 * The index of an archive changed in place: the articles `keep` marks (by old number) stay, in
 * their order, and the passages of `added` (an index over the new articles alone) follow them.
 * Postings are copied list by list, never re-analysed, so an update costs a pass over the arrays.
 */
export function mergePassageIndex(old: PassageIndex, keep: Uint8Array, added: PassageIndex): PassageIndex {
  const oldFirst = old.data.firstPassage;
  const keptArticles = keep.reduce((n, k) => n + k, 0);
  const articleNumber = new Int32Array(keep.length).fill(-1);
  const passageNumber = new Int32Array(old.passageCount).fill(-1);
  const firstPassage = new Uint32Array(keptArticles + added.data.firstPassage.length);
  let articles = 0;
  let passages = 0;
  keep.forEach((kept, a) => {
    if (!kept) return;
    articleNumber[a] = articles;
    firstPassage[articles++] = passages;
    for (let p = oldFirst[a]!; p < oldFirst[a + 1]!; p++) passageNumber[p] = passages++;
  });
  added.data.firstPassage.forEach((first, a) => (firstPassage[articles + a] = passages + first));
  const terms = mergeSorted(old.data.terms, added.data.terms);
  const field = (name: FieldName, renumber: Int32Array, offset: number) =>
    mergeField(terms, { postings: old.data[name], terms: old.data.terms, renumber }, { postings: added.data[name], terms: added.data.terms, offset });
  return new PassageIndex({ terms: terms.all, text: field('text', passageNumber, passages), title: field('title', articleNumber, articles), firstPassage });
}

/** The sorted union of two sorted term lists, with where each input's terms went. */
function mergeSorted(a: readonly string[], b: readonly string[]): { all: string[]; fromA: Uint32Array; fromB: Uint32Array } {
  const all: string[] = [];
  const fromA = new Uint32Array(a.length);
  const fromB = new Uint32Array(b.length);
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || (i < a.length && a[i]! <= b[j]!);
    const takeB = i >= a.length || (j < b.length && b[j]! <= a[i]!);
    const position = all.push(takeA ? a[i]! : b[j]!) - 1;
    if (takeA) fromA[i++] = position;
    if (takeB) fromB[j++] = position;
  }
  return { all, fromA, fromB };
}

/** One field of a merged index: the kept documents of the old lists (renumbered), then the added ones (shifted). */
function mergeField(
  terms: { all: string[]; fromA: Uint32Array; fromB: Uint32Array },
  old: { postings: FieldPostings; terms: readonly string[]; renumber: Int32Array },
  added: { postings: FieldPostings; terms: readonly string[]; offset: number },
): FieldPostings {
  const count = new Uint32Array(terms.all.length + 1);
  const { docs: oldDocs, start: oldStart } = old.postings;
  for (let t = 0; t < old.terms.length; t++) {
    for (let i = oldStart[t]!; i < oldStart[t + 1]!; i++) if (old.renumber[oldDocs[i]!]! >= 0) count[terms.fromA[t]! + 1]!++;
  }
  for (let t = 0; t < added.terms.length; t++) count[terms.fromB[t]! + 1]! += added.postings.start[t + 1]! - added.postings.start[t]!;
  for (let t = 0; t < terms.all.length; t++) count[t + 1]! += count[t]!;
  const docs = new Uint32Array(count[terms.all.length]!);
  const tfs = new Uint8Array(docs.length);
  const next = count.slice(0, terms.all.length);
  for (let t = 0; t < old.terms.length; t++) {
    const m = terms.fromA[t]!;
    for (let i = oldStart[t]!; i < oldStart[t + 1]!; i++) {
      const doc = old.renumber[oldDocs[i]!]!;
      if (doc < 0) continue;
      docs[next[m]!] = doc;
      tfs[next[m]!++] = old.postings.tfs[i]!;
    }
  }
  for (let t = 0; t < added.terms.length; t++) {
    const m = terms.fromB[t]!;
    for (let i = added.postings.start[t]!; i < added.postings.start[t + 1]!; i++) {
      docs[next[m]!] = added.postings.docs[i]! + added.offset;
      tfs[next[m]!++] = added.postings.tfs[i]!;
    }
  }
  const kept = old.postings.lengths.filter((_, doc) => old.renumber[doc]! >= 0);
  const lengths = new Uint16Array(kept.length + added.postings.lengths.length);
  lengths.set(kept);
  lengths.set(added.postings.lengths, kept.length);
  return { start: count, docs, tfs, lengths };
}

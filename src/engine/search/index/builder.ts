import { normalizeText, words } from '../../text/normalize.js';
import type { Article, Passage } from '../../types.js';
import { GOES_ON, HIDDEN, SpellingTable, START, UNSAFE, WordScanner, classAt, detachedSlice, unitLength, WORD_CLASSES } from '../../text/scan.js';
import { indexTermsOf } from '../../text/analyzer.js';
import { grow } from '../../util/grow.js';
import { type FieldPostings, PassageIndex } from './passageIndex.js';

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
  private vocabulary: TermVocabulary | null;
  private readonly text = new CollectedField();
  private readonly title = new CollectedField();
  private readonly firstPassage: number[] = [];
  private passages = 0;

  /** A builder numbering words and terms in `vocabulary` (one of its own by default; one kept across builders analyses each spelling once for all of them). */
  constructor(vocabulary = new TermVocabulary()) {
    this.vocabulary = vocabulary;
  }

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
    const vocabulary = this.vocabulary!;
    const { terms, renumber } = vocabulary.sorted();
    vocabulary.endIndex();
    this.vocabulary = null;
    const firstPassage = Uint32Array.from([...this.firstPassage, this.passages]);
    return new PassageIndex({ terms, text: this.text.postings(terms.length, renumber), title: this.title.postings(terms.length, renumber), firstPassage });
  }
}

/**
 * Numbers the words and terms met while collecting fields. Everything read per token lives in
 * typed arrays (a spelling's word number, a word's term numbers), so counting a document's terms
 * chases no object pointers. Kept across the indexes of several builders (batches of an
 * ingestion), it normalises and stems each spelling once for all of them; each index still holds
 * only the terms its own documents have.
 */
export class TermVocabulary {
  /** Words past which a vocabulary kept across indexes should be replaced by a new one (`full`). */
  static readonly MOST_WORDS = 1_000_000;
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
  private readonly scanner = new WordScanner(WORD_CLASSES, GOES_ON | HIDDEN, UNSAFE);
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
  /** The index being built (counted from 1), and the last one each term was counted in. */
  private index = 1;
  private termIndex = new Int32Array(1024);
  /**
   * Every term numbered so far, in sorted order: each index sorts only the terms new to the
   * vocabulary into it (`withNewTerms`), not all of its own again (ingesting 30k articles in
   * batches of 5,000, each batch after the first held about 104k terms, of which about 26k were new).
   */
  private ordered: Int32Array = new Int32Array(0);

  /** Whether it holds so many words that it should be replaced by a new one before the next index. */
  full(): boolean {
    return this.words.size > TermVocabulary.MOST_WORDS;
  }

  /** Ends the index being built: the next counts terms afresh. */
  endIndex(): void {
    this.index++;
  }

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
    const { termIndex, index } = this;
    for (const t of touched) {
      field.add(t, this.counts[t]!);
      this.counts[t] = 0;
      termIndex[t] = index;
    }
    field.endDocument(distinct, touched.length);
    touched.length = 0;
  }

  /** The sorted terms of the index being built, and each of their numbers' position among them. */
  sorted(): { terms: string[]; renumber: Uint32Array } {
    this.ordered = withNewTerms(this.terms, this.ordered);
    const order: number[] = [];
    for (const t of this.ordered) if (this.termIndex[t] === this.index) order.push(t);
    const renumber = new Uint32Array(this.terms.length);
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
    const classes = WORD_CLASSES;
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
        const raw = detachedSlice(text, start, i);
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
    // Kept for the run (see `detachedSlice`), with its terms cut from it.
    const own = detachedSlice(token, 0, token.length);
    this.words.set(own, w);
    const terms = indexTermsOf(own).map((term) => this.termNumber(term));
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
      if (t === this.counts.length) {
        this.counts = grow(this.counts, t);
        this.termIndex = grow(this.termIndex, t);
      }
    }
    return t;
  }
}

/**
 * The term numbers of `terms` in the order of their spellings (`unitsBefore`): `ordered`, which
 * holds the first `ordered.length` of them so sorted, with the others sorted and merged in, each
 * placed by a binary search from where the one before it went.
 */
function withNewTerms(terms: readonly string[], ordered: Int32Array): Int32Array {
  if (ordered.length === terms.length) return ordered;
  const fresh: number[] = [];
  for (let t = ordered.length; t < terms.length; t++) fresh.push(t);
  fresh.sort((x, y) => (unitsBefore(terms[x]!, terms[y]!) ? -1 : 1));
  const merged = new Int32Array(terms.length);
  let from = 0;
  let to = 0;
  for (const t of fresh) {
    const term = terms[t]!;
    let lo = from;
    let hi = ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (unitsBefore(terms[ordered[mid]!]!, term)) lo = mid + 1;
      else hi = mid;
    }
    merged.set(ordered.subarray(from, lo), to);
    to += lo - from;
    from = lo;
    merged[to++] = t;
  }
  merged.set(ordered.subarray(from), to);
  return merged;
}

/**
 * `a < b` for strings (their UTF-16 code units compared in order, a prefix first), in a loop the
 * compiler keeps inline: sorting a batch's 105k terms, 65-73 ms against 100-139 ms by `<`.
 */
function unitsBefore(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) {
    const difference = a.charCodeAt(i) - b.charCodeAt(i);
    if (difference !== 0) return difference < 0;
  }
  return a.length < b.length;
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
    // Terms of the vocabulary this index lacks have no postings (and no place: `renumber` gives them 0).
    for (let t = 0; t < Math.min(this.frequency.length, renumber.length); t++) if (this.frequency[t]) start[renumber[t]! + 1] = this.frequency[t]!;
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

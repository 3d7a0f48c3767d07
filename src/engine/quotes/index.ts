import { articleRef, type Article, type ArticleRef } from '../types.js';
import { listsByKey } from '../util/lists.js';
import { QuoteReader, type ReadArticle } from './extract.js';
import { type GroupedTexts, TextGrouper } from './grouping.js';
import { EditDistance, matchTokens, similarWords, typoForms, vocabularyBucket } from './fuzzy.js';
import { QuoteLookup, type QuoteTexts, cmp, groupsInSequence } from './lookup.js';
import { partsOf, type WordInfo } from './tokens.js';
import { clusterSpeakers, nameKey, nameWords, type SpeakerCluster } from './speakers.js';
import type { Quotation, QuoteMatch, SpanAttribution } from './types.js';
import { WHOSAID } from '../options.js';
import { type ListingWindow, type SpeakerEntry, chooseSpeaker, namesakesOf, speakerListing, windowOf } from './speakerChoice.js';

export type { Quotation, QuoteMatch, SpanAttribution } from './types.js';
export { QuoteReader } from './extract.js';
export { hasQuoteWords } from './query.js';


/** A stored quotation. */
export interface Row {
  /** The article's number in the index. */
  article: number;
  /** Offsets of the quotation in the article's body. */
  start: number;
  end: number;
  text: string;
  /** Quoted speech (not a reported clause). */
  direct: boolean;
  /** What the speaker denied (`نفى أن …`). */
  denial: boolean;
  /** The speaker is named at the cue (not inherited from an earlier sentence). */
  named: boolean;
  speaker: string | null;
  speakerTitle: string | null;
}

/** Bits of a row's `direct`, `denial` and `named` packed in one number, as the archive cache stores them. */
const FLAG_DIRECT = 1;
const FLAG_DENIAL = 2;
const FLAG_NAMED = 4;

/** A row's `direct`, `denial` and `named` as one number (see `flagsRead`). */
export const rowFlags = (row: Pick<Row, 'direct' | 'denial' | 'named'>): number =>
  (row.direct ? FLAG_DIRECT : 0) | (row.denial ? FLAG_DENIAL : 0) | (row.named ? FLAG_NAMED : 0);

/** The `direct`, `denial` and `named` of a row from `rowFlags`. */
export const flagsRead = (flags: number): Pick<Row, 'direct' | 'denial' | 'named'> =>
  ({ direct: (flags & FLAG_DIRECT) !== 0, denial: (flags & FLAG_DENIAL) !== 0, named: (flags & FLAG_NAMED) !== 0 });

/** The row of quotation `q` of article number `article`. */
const rowOf = (article: number, q: Quotation): Row => ({
  article, start: q.start, end: q.end, text: q.text, direct: q.direct, denial: q.polarity === 'denial', named: !!q.mention, speaker: q.speaker, speakerTitle: q.speakerTitle,
});

/**
 * The content of a quote index, cached on disk beside the search index (see archiveCache.ts):
 * the rows, the distinct quotation texts (`GroupedTexts`) and the speakers.
 */
export interface QuoteIndexData extends GroupedTexts {
  version: 2;
  articles: ArticleRef[];
  quotes: Row[];
  /** Articles whose quotations could not be extracted (an internal error, logged; the rest of the index is whole). */
  failed?: Array<{ id: string; error: string }>;
  /** The speakers, name variants merged; `quotes` are quotation numbers. */
  speakers: SpeakerCluster[];
}

/** The matching words of a quotation from its words' information, joined by spaces. */
function foldedOf(words: WordInfo[]): string {
  const out: string[] = [];
  for (const w of words) for (const x of partsOf(w)!.folded) out.push(x);
  return out.join(' ');
}

/** The matching words of row `i` of `quotes` joined by spaces: from `matching` when known, else its text tokenised. */
const matchingKey = (quotes: readonly Row[], matching: ReadonlyArray<string | null> | undefined, i: number) =>
  matching?.[i] ?? matchTokens(quotes[i]!.text).join(' ');

/**
 * Groups the quotations of a run by text into `grouper` (see `TextGrouper`), as run number `run`.
 * The run's matching words are then no longer needed: the returned rows drop them.
 */
export function groupRows(grouper: TextGrouper, run: number, rows: QuotationRows): QuotationRows {
  grouper.add(run, rows.quotes.length, (i) => matchingKey(rows.quotes, rows.matching, i));
  return { quotes: rows.quotes, matching: [], failed: rows.failed };
}

/**
 * Puts the quotations of copied articles into the runs grouped in `grouper`: article `k` with
 * `copyOf[k] = j >= 0` has the very body of article `j`, whose quotations were read once, and
 * gets copies of them (in a run's rows, articles come in order, as if each had been read). Run
 * `r` holds the articles from `r * runSize` on; `idOf(k)` is article `k`'s id (for failures).
 */
export function withCopies(runs: QuotationRows[], grouper: TextGrouper, copyOf: Int32Array, runSize: number, idOf: (k: number) => string): void {
  const read = runs.slice();
  const readGroups = read.map((_, r) => grouper.runGroups(r));
  for (let r = 0; r < runs.length; r++) {
    const from = r * runSize;
    const to = Math.min(copyOf.length, from + runSize);
    if (!copyOf.subarray(from, to).some((j) => j >= 0)) continue;
    const own = read[r]!;
    const ownFailures = new Map(own.failed.map((f) => [f.id, f]));
    const quotes: Row[] = [];
    const groups: number[] = [];
    const failed: Array<{ id: string; error: string }> = [];
    let i = 0;
    for (let k = from; k < to; k++) {
      const j = copyOf[k]!;
      if (j < 0) {
        for (; i < own.quotes.length && own.quotes[i]!.article === k; i++) {
          quotes.push(own.quotes[i]!);
          groups.push(readGroups[r]![i]!);
        }
        const failure = ownFailures.get(idOf(k));
        if (failure) failed.push(failure);
        continue;
      }
      const source = read[Math.floor(j / runSize)]!;
      const sourceGroups = readGroups[Math.floor(j / runSize)]!;
      for (let s = firstRowOf(source.quotes, j); s < source.quotes.length && source.quotes[s]!.article === j; s++) {
        const row = source.quotes[s]!;
        quotes.push({ ...row, article: k });
        groups.push(sourceGroups[s]!);
      }
      const failure = source.failed.find((f) => f.id === idOf(j));
      if (failure) failed.push({ id: idOf(k), error: failure.error });
    }
    runs[r] = { quotes, matching: [], failed };
    grouper.setRun(r, Uint32Array.from(groups));
  }
}

/** The first of `quotes` (sorted by article) that belongs to article `article`. */
function firstRowOf(quotes: readonly Row[], article: number): number {
  let low = 0;
  let high = quotes.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (quotes[mid]!.article < article) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The texts of `quotes` grouped in one run; `matching` gives the matching words of a row, joined by
 * spaces, when known (one string a quotation is much cheaper to hold and to post between threads
 * than an array of words).
 */
function groupAll(quotes: readonly Row[], matching?: ReadonlyArray<string | null>): GroupedTexts {
  const grouper = new TextGrouper();
  grouper.add(0, quotes.length, (i) => matchingKey(quotes, matching, i));
  return grouper.finish();
}

/** The quote index data of `quotes`, their texts grouped as `texts`: the speakers clustered (what version 2 stores). */
function derive(articles: ArticleRef[], quotes: Row[], failed: Array<{ id: string; error: string }> | undefined, texts: GroupedTexts): QuoteIndexData {
  const clusters = clusterSpeakers(quotes.map((r) => ({ speaker: r.speaker, speakerTitle: r.speakerTitle, date: articles[r.article]!.date })));
  return { version: 2, articles, quotes, ...(failed?.length ? { failed } : {}), ...texts, speakers: clusters };
}

/** The quotations found in a run of articles: rows, their matching words (joined by spaces) when known, and the articles that failed. */
export interface QuotationRows {
  quotes: Row[];
  matching: Array<string | null>;
  failed: Array<{ id: string; error: string }>;
}

/**
 * The rows of `rows` without their quotation texts, to post to another thread: a quotation's text
 * is the slice of its article's body from `start` to `end`, and the other thread holds the bodies
 * (`withTexts` puts them back). The rows are changed in place.
 */
export function withoutTexts(rows: QuotationRows): QuotationRows {
  for (const row of rows.quotes) row.text = '';
  return rows;
}

/** The rows of `rows` with their texts cut back out of the article bodies (`bodyOf` an article number); in place. */
export function withTexts(rows: QuotationRows, bodyOf: (article: number) => string): QuotationRows {
  for (const row of rows.quotes) row.text = bodyOf(row.article).slice(row.start, row.end);
  return rows;
}

/** The quotation rows of `articles` as `reader` reads them; article `k` of them is number `numberOf(k)` in the rows. */
export function extractRows(reader: QuoteReader, articles: readonly (ReadArticle & Pick<Article, 'id'>)[], numberOf: (k: number) => number = (k) => k): QuotationRows {
  const quotes: Row[] = [];
  const matching: Array<string | null> = [];
  const failed: Array<{ id: string; error: string }> = [];
  articles.forEach((a, k) => {
    try {
      for (const { quote: q, words } of reader.find(a)) {
        quotes.push(rowOf(numberOf(k), q));
        matching.push(words && foldedOf(words));
      }
    } catch (error) {
      failed.push({ id: a.id, error: String((error as Error).stack ?? error).slice(0, 500) });
    }
  });
  return { quotes, matching, failed };
}

/** Of one article's quotation rows, the one overlapping the span from `start` to `end` most (the first of equals); none when none overlaps. */
export function overlappingMost(rows: Iterable<Row>, start: number, end: number): Row | undefined {
  let best: Row | undefined;
  let bestOverlap = 0;
  for (const row of rows) {
    const overlap = Math.min(end, row.end) - Math.max(start, row.start);
    if (overlap > bestOverlap) [best, bestOverlap] = [row, overlap];
  }
  return best;
}

const NO_GROUPS = new Uint32Array(0);

/**
 * Quotation `row` of `article` as a match scoring `score`; `cluster` is the name of its speaker across the archive,
 * undefined when it has none. The speaker shown is the name as this article spells it (نتنياهو here, نتانياهو in most
 * of the archive); the person's name across the archive (its fullest, most quoted spelling) heads `/quotes`.
 */
export function quoteMatch(row: Row, article: ArticleRef, cluster: string | undefined, score: number): QuoteMatch {
  const { start, end, text: quote, direct, denial, speaker: own, speakerTitle } = row;
  const speaker = cluster === undefined ? null : (own ?? cluster);
  const match: QuoteMatch = { speaker, speakerTitle, quote, direct, article, start, end, score };
  if (denial) match.polarity = 'denial';
  return match;
}

/** One person's quotations, newest first (`matches`: those of the window asked for, else all; `total`: how many in all); `namesakes`: others sharing the bare surname asked for. */
export interface SpeakerQuotes {
  speaker: string;
  matches: QuoteMatch[];
  total: number;
  namesakes?: Array<{ name: string; count: number }>;
}

/** The archive's quotations, searchable by text (whosaid), speaker and article. */
export class QuoteIndex {
  /** The number of each matching word (into `data.words`). */
  private readonly wordNumber = new Map<string, number>();
  /** The groups holding each word, ascending: word `w`'s from `wordGroups[wordGroupStart[w]]` up to `wordGroupStart[w + 1]`. */
  private readonly wordGroupStart: Uint32Array;
  private readonly wordGroups: Uint32Array;
  /** The words by their first two letters and length, for typo-tolerant lookups. */
  private readonly vocabulary = new Map<string, string[]>();
  /** The quotations of each group, earliest article first: group `g`'s from `members[memberStart[g]]` up to `memberStart[g + 1]`. */
  private readonly memberStart: Uint32Array;
  private readonly members: Uint32Array;
  private readonly clusters: SpeakerCluster[];
  private readonly speakerOf: Int32Array;
  private readonly byArticleIdx = new Map<string, number[]>();
  private readonly byVariant = new Map<string, number[]>();
  private byVariantWord: Map<string, number[]> | null = null;
  private speakerOrder: SpeakerCluster[] | null = null;
  private readonly lookup = new QuoteLookup();
  private texts: QuoteTexts | null = null;
  /** Work space for the typo-tolerant lookups. */
  private readonly distance = new EditDistance();

  private constructor(private readonly data: QuoteIndexData) {
    const { quotes, articles, words, group, groupStart, groupWords } = data;
    const groupCount = groupStart.length - 1;
    ({ start: this.memberStart, items: this.members } = listsByKey(groupCount, (visit) => {
      for (let i = 0; i < quotes.length; i++) visit(group[i]!, i);
    }));
    for (let i = 0; i < quotes.length; i++) {
      const id = articles[quotes[i]!.article]!.id;
      const list = this.byArticleIdx.get(id);
      if (list) list.push(i);
      else this.byArticleIdx.set(id, [i]);
    }
    for (let g = 0; g < groupCount; g++) {
      const from = this.memberStart[g]!;
      const to = this.memberStart[g + 1]!;
      if (to - from > 1) this.members.subarray(from, to).sort((a, b) => cmp(this.dateOf(a), this.dateOf(b)) || a - b);
    }
    // Each word's groups, each group once.
    const seenIn = new Int32Array(words.length);
    ({ start: this.wordGroupStart, items: this.wordGroups } = listsByKey(words.length, (visit) => {
      seenIn.fill(-1);
      for (let g = 0; g < groupCount; g++) {
        for (let k = groupStart[g]!; k < groupStart[g + 1]!; k++) {
          const w = groupWords[k]!;
          if (seenIn[w] === g) continue;
          seenIn[w] = g;
          visit(w, g);
        }
      }
    }));
    words.forEach((w, id) => {
      this.wordNumber.set(w, id);
      const bucket = vocabularyBucket(w);
      const same = this.vocabulary.get(bucket);
      if (same) same.push(w);
      else this.vocabulary.set(bucket, [w]);
    });
    this.clusters = data.speakers;
    this.speakerOf = new Int32Array(quotes.length).fill(-1);
    this.clusters.forEach((c, k) => {
      for (const i of c.quotes) this.speakerOf[i] = k;
      for (const v of c.variants) {
        const list = this.byVariant.get(v);
        if (list) list.push(k);
        else this.byVariant.set(v, [k]);
      }
    });
  }

  /** Builds the index from its data, as `toData` gives it. */
  static fromData(data: QuoteIndexData): QuoteIndex {
    if (data.version !== 2) throw new Error(`unsupported quote index version ${String((data as { version: unknown }).version)}`);
    return new QuoteIndex(data);
  }

  /** Extracts and indexes the quotations of `articles`. */
  static build(articles: Article[]): QuoteIndex {
    return QuoteIndex.fromRows(articles, [extractRows(new QuoteReader(), articles)]);
  }

  /**
   * Indexes the quotations `extractRows` found in `articles`, run after run (in article order);
   * `texts` are their groups when already made run by run (see `groupRows`).
   */
  static fromRows(articles: readonly Article[], runs: readonly QuotationRows[], texts?: GroupedTexts): QuoteIndex {
    const quotes = runs.flatMap((run) => run.quotes);
    const failed = runs.flatMap((run) => run.failed);
    return new QuoteIndex(derive(articles.map(articleRef), quotes, failed, texts ?? groupAll(quotes, runs.flatMap((run) => run.matching))));
  }

  /**
   * The index after the archive changed: the articles `keep` marks (by number) stay, in their
   * order, and `added` follow them. Kept quotations keep their matching words; only the added
   * articles are read, then speakers are clustered again over all quotations.
   */
  update(keep: Uint8Array, added: Article[]): QuoteIndex {
    const { articles, quotes, group } = this.data;
    const number = new Int32Array(keep.length).fill(-1);
    const kept: ArticleRef[] = [];
    keep.forEach((k, a) => {
      if (k) number[a] = kept.push(articles[a]!) - 1;
    });
    const rows: Row[] = [];
    const matching: Array<string | null> = [];
    quotes.forEach((row, i) => {
      const a = number[row.article]!;
      if (a < 0) return;
      rows.push({ ...row, article: a });
      matching.push(this.tokensOf(group[i]!).join(' '));
    });
    const fresh = extractRows(new QuoteReader(), added, (k) => kept.length + k);
    const keptIds = new Set(kept.map((a) => a.id));
    const failed = [...(this.data.failed ?? []).filter((f) => keptIds.has(f.id)), ...fresh.failed];
    const all = [...rows, ...fresh.quotes];
    return new QuoteIndex(derive([...kept, ...added.map(articleRef)], all, failed, groupAll(all, [...matching, ...fresh.matching])));
  }

  /** The data to cache; `QuoteIndex.fromData(index.toData())` gives the same index. */
  toData(): QuoteIndexData {
    return this.data;
  }

  /** Articles whose quotations could not be extracted, with the error. */
  get failures(): ReadonlyArray<{ id: string; error: string }> {
    return this.data.failed ?? [];
  }

  /** Number of quotations indexed. */
  get size(): number {
    return this.data.quotes.length;
  }

  /**
   * Quotations a text quotes, best first, each with the query's words it matched; repeats grouped under
   * the earliest. The text may be a partial, misspelt or differently marked quote, or a message, tweet,
   * headline or reporting sentence around the quotation (see `QuoteLookup`).
   */
  whosaid(text: string, limit = WHOSAID.answers): QuoteMatch[] {
    this.texts ??= {
      groupCount: this.groupCount,
      groupLimit: this.groupCount,
      countOf: (w) => this.groupsWith(w).length,
      groupsWith: (w) => this.groupsWith(w),
      tokensOf: (g) => this.tokensOf(g),
      lengthOf: (g) => this.data.groupStart[g + 1]! - this.data.groupStart[g]!,
      forms: (q) => this.forms(q),
      similar: (q) => this.similar(q),
      dateOf: (g) => this.dateOf(this.members[this.memberStart[g]!]!),
      inSequence: (words) => groupsInSequence(this.texts!, words),
    };
    return this.lookup.find(this.texts, text, limit).map(({ group, score, matchedWords }) => {
      const m = { ...this.match(this.members[this.memberStart[group]!]!, score), matchedWords };
      const others = Array.from(this.members.subarray(this.memberStart[group]! + 1, this.memberStart[group + 1]), (i) => this.data.articles[this.data.quotes[i]!.article]!);
      return others.length ? { ...m, alsoIn: others } : m;
    });
  }

  /** That person's quotations, newest first, name variants merged (`باقري`, `اللواء محمد باقري`); only those of `window` when given. */
  bySpeaker(name: string, window?: ListingWindow): SpeakerQuotes | null {
    const key = nameKey(name, this.nameWord).join(' ');
    if (!key) return null;
    const tokens = key.split(' ');
    const entries = (ks: readonly number[]) => ks.map((k) => this.entry(k));
    let sharingFirstWord: SpeakerEntry[] | undefined;
    const withFirstWord = () => (sharingFirstWord ??= entries(this.withWord(tokens[0]!)));
    const best = chooseSpeaker(tokens, entries(this.byVariant.get(key) ?? []), withFirstWord);
    if (!best) return null;
    // In archive order (a cluster holds its quotations longest name first), so a day's ties go to the earlier article.
    const listed = speakerListing(
      [...this.clusters[best.id]!.quotes].sort((a, b) => a - b).map((i) => {
        const row = this.data.quotes[i]!;
        return { i, article: row.article, date: this.data.articles[row.article]!.date, start: row.start, end: row.end, words: matchTokens(row.text).join(' ') };
      }),
    );
    const matches = windowOf(listed, window).map(({ i }) => this.match(i, 1));
    const namesakes = tokens.length === 1 ? namesakesOf(tokens[0]!, best, withFirstWord()) : [];
    return { speaker: best.name, matches, total: listed.length, ...(namesakes.length ? { namesakes } : {}) };
  }

  /** Speaker number `k` as `/quotes` chooses among speakers. */
  private entry(k: number): SpeakerEntry {
    const c = this.clusters[k]!;
    return { id: k, name: c.name, count: c.quotes.length, variants: c.variants };
  }

  /** Speakers whose name (any variant) starts with or contains `prefix`, most quoted first, for autocomplete. */
  speakers(prefix = '', limit = WHOSAID.speakerChoices): Array<{ name: string; count: number }> {
    const p = nameWords(prefix, this.nameWord).join(' ');
    const order = (this.speakerOrder ??= [...this.clusters].sort((a, b) => b.quotes.length - a.quotes.length || cmp(a.name, b.name)));
    const spaced = p.includes(' ');
    const starts = (v: string) => v.startsWith(p) || (!spaced && v.includes(` ${p}`));
    const picked: SpeakerCluster[] = [];
    const later: SpeakerCluster[] = [];
    for (const c of order) {
      if (!p || c.variants.some(starts)) {
        if (picked.push(c) >= limit) break;
      }
      else if (later.length < limit && c.variants.some((v) => v.includes(p))) later.push(c);
    }
    return [...picked, ...later].slice(0, limit).map((c) => ({ name: c.name, count: c.quotes.length }));
  }

  /** Every quotation of one article, in text order. */
  byArticle(articleId: string): QuoteMatch[] {
    return (this.byArticleIdx.get(articleId) ?? []).map((i) => this.match(i, 1)).sort((a, b) => a.start - b.start);
  }

  /** Who is quoted in `[start, end)` of an article: the speaker of the quotation overlapping it most, when it has one. */
  attributionAt(articleId: string, start: number, end: number): SpanAttribution | undefined {
    const best = overlappingMost((this.byArticleIdx.get(articleId) ?? []).map((i) => this.data.quotes[i]!), start, end);
    if (!best?.speaker) return undefined;
    return { speaker: best.speaker, denial: best.denial, named: best.named };
  }

  private match(i: number, score: number): QuoteMatch {
    const row = this.data.quotes[i]!;
    const c = this.speakerOf[i]!;
    return quoteMatch(row, this.data.articles[row.article]!, c < 0 ? undefined : this.clusters[c]!.name, score);
  }

  /** The matching words of a distinct quotation text. */
  private tokensOf(g: number): string[] {
    const { groupStart, groupWords, words } = this.data;
    return Array.from(groupWords.subarray(groupStart[g], groupStart[g + 1]), (id) => words[id]!);
  }

  /** The number of distinct quotation texts. */
  private get groupCount(): number {
    return this.memberStart.length - 1;
  }

  /** The groups whose text holds the matching word `w` (none for a word not indexed). */
  private groupsWith(w: string): Uint32Array {
    const id = this.wordNumber.get(w);
    return id === undefined ? NO_GROUPS : this.wordGroups.subarray(this.wordGroupStart[id], this.wordGroupStart[id + 1]);
  }

  /** Whether `w` is a word of a speaker's name variant (a و/ف before it is then a conjunction: see `nameKey`). */
  private readonly nameWord = (w: string): boolean => this.withWord(w).length > 0;

  /** The numbers of the speakers (in index order) with a name variant containing the word `w`. */
  private withWord(w: string): number[] {
    if (!this.byVariantWord) {
      const index = new Map<string, number[]>();
      this.clusters.forEach((c, k) => {
        for (const v of c.variants) {
          for (const x of v.split(' ')) {
            const list = index.get(x);
            if (!list) index.set(x, [k]);
            else if (list[list.length - 1] !== k) list.push(k);
          }
        }
      });
      this.byVariantWord = index;
    }
    return this.byVariantWord.get(w) ?? [];
  }

  private dateOf(i: number): string {
    return this.data.articles[this.data.quotes[i]!.article]!.date;
  }

  /** Indexed words a query word may stand for: itself, or spellings within its typo tolerance sharing its first two letters. */
  private forms(q: string): Array<[string, number]> {
    return typoForms(q, this.wordNumber.has(q), () => this.similar(q));
  }

  /**
   * Indexed words like a query word, with their similarity to it: itself (1), and spellings within
   * its typo tolerance sharing its first two letters (less per edit).
   */
  private similar(q: string): Map<string, number> {
    return similarWords(q, this.wordNumber.has(q), (bucket) => this.vocabulary.get(bucket), this.distance);
  }
}

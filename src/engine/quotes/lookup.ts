import { isContentWord } from '../text/analyzer.js';
import { WHOSAID } from '../options.js';
import { type Matches, align, containment, matchesIn } from './fuzzy.js';
import { type QueryWord, queryWords, readQuoteQuery } from './query.js';
import { kthSmallest, lowerBound } from '../util/sorted.js';

/** What a lookup needs of the quote index: the distinct quotation texts ("groups") and their words. */
export interface QuoteTexts {
  /** The number of distinct quotation texts. */
  readonly groupCount: number;
  /** Group numbers are below this (the number of groups when they are numbered without gaps). */
  readonly groupLimit: number;
  /** The number of groups whose text holds the matching word `w` (the length of `groupsWith(w)`). */
  countOf(w: string): number;
  /** The groups whose text holds the matching word `w`, ascending. */
  groupsWith(w: string): ArrayLike<number>;
  /** The matching words of group `g`. */
  tokensOf(g: number): string[];
  /** The number of words of group `g`. */
  lengthOf(g: number): number;
  /** Indexed words a query word may stand for, with their similarity to it (typo tolerance). */
  forms(q: string): Array<[string, number]>;
  /** Indexed words like a query word (itself and its typos), with their similarity to it. */
  similar(q: string): Map<string, number>;
  /** The date of the earliest article carrying group `g` (ties between equal scores go to the earliest). */
  dateOf(g: number): string;
  /** The groups holding `words` (two or more) one after the other, as `groupsInSequence` finds them. */
  inSequence(words: string[]): number[];
}

/** A quotation text found for a query. */
export interface FoundText {
  group: number;
  /** 0–1: how well the query matched. */
  score: number;
  /** The query's words found in the quotation, as the user wrote them, in the query's order (content words each once; all for a quotation of common words). */
  matchedWords: string[];
}


/** Plain code-unit order (ISO dates sort correctly; much faster than localeCompare on large indexes). */
export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Finds the quotations a pasted text quotes, in the texts it is given (the embedded index's, or
 * those fetched from PostgreSQL for one query). The text is read several ways: each quoted span in it,
 * and the whole text. A reading's candidates are the quotations holding its rarest words (from the
 * postings, rarest first, within a budget), the quotations most of whose words it holds, and those
 * holding its exact word sequence (so a quotation of common words is still found). A candidate is
 * scored by the share of the reading it holds (a partial quote) or the share of it the reading
 * holds (a reporting sentence or a tweet around the quotation), whichever is higher, with a bonus
 * for covering the whole text.
 */
export class QuoteLookup {
  /** Votes and hits (query words found) per group, for the reading being looked up; `touched` lists the groups voted for. */
  private votes: Float64Array | null = null;
  private hits: Uint16Array | null = null;
  private touched: number[] = [];

  /** The `limit` best quotation texts of `texts` for `text`, best first, earliest first among equal scores. */
  find(texts: QuoteTexts, text: string, limit: number): FoundText[] {
    const query = readQuoteQuery(text);
    const whole = queryWords(query.text);
    if (!whole.length) return [];
    const weightOf = new Map<string, number>();
    const weight = (w: string) => weightOf.get(w) ?? weightOf.set(w, Math.log(1 + texts.groupCount / (texts.countOf(w) || 1))).get(w)!;
    const likeOf = new Map<string, Map<string, number>>();
    /** For a reading, the matches of its words in a quotation. */
    const matcher = (words: string[]) => {
      const like = new Map<string, Array<[number, number]>>();
      words.forEach((w, i) => {
        const similar = likeOf.get(w) ?? likeOf.set(w, texts.similar(w)).get(w)!;
        for (const [t, s] of similar) {
          const list = like.get(t);
          if (list) list.push([i, s]);
          else like.set(t, [[i, s]]);
        }
      });
      return (quote: string[]): Matches => matchesIn(words.length, quote, (t) => like.get(t));
    };
    const wholeWords = whole.map((w) => w.folded);
    const wholeWeights = wholeWords.map(weight);
    const inWholeText = matcher(wholeWords);
    const readings = [whole, ...query.spans.map(queryWords)].filter((r, k, all) => r.length && all.findIndex((o) => same(o, r)) === k);
    const best = new Map<number, { rank: number; score: number; matched: QueryWord[] }>();
    for (const reading of readings) {
      const words = reading.map((w) => w.folded);
      const weights = words.map(weight);
      const inReading = reading === whole ? inWholeText : matcher(words);
      for (const g of this.candidates(texts, words, weights)) {
        const quote = texts.tokensOf(g);
        const matches = inReading(quote);
        const { score: covered, matched } = align(matches, quote.length, weights);
        const held = heldShare(matches, quote, quote.map(weight));
        if (Math.max(covered, WHOSAID.held * held) < WHOSAID.minScore) continue;
        const { score: share, matched: inWhole } = reading === whole ? { score: covered, matched } : align(inWholeText(quote), quote.length, wholeWeights);
        const score = Math.max(covered, WHOSAID.held * held * (WHOSAID.heldSmall + WHOSAID.heldRise * Math.min(1, share / WHOSAID.heldFullShare)));
        // Ranked by score plus cover of the whole text (of quotations matching a quoted span alike, the one
        // covering more of the message comes first), then by how well the reading matched it both ways.
        const rank = score + 0.1 * Math.min(covered, held) + share;
        const previous = best.get(g);
        if (!previous || rank > previous.rank) best.set(g, { rank, score, matched: whole.filter((_, i) => inWhole[i]! > 0) });
      }
    }
    return [...best]
      .filter(([, b]) => b.score >= WHOSAID.minScore)
      .sort(([g, a], [h, b]) => b.rank - a.rank || cmp(texts.dateOf(g), texts.dateOf(h)))
      .slice(0, limit)
      .map(([group, b]) => ({ group, score: Math.round(b.score * 1000) / 1000, matchedWords: shownWords(b.matched) }));
  }

  /**
   * The groups worth aligning with a reading: the best voted, those holding most of their words in it,
   * those holding it exactly; only the last for a reading of common words alone (scattered, they say nothing).
   */
  private candidates(texts: QuoteTexts, words: string[], weights: number[]): Set<number> {
    if (!words.some(isContentWord)) return new Set(exact(texts, words));
    this.vote(texts, words, weights);
    const votes = this.votes!;
    const hits = this.hits!;
    const byVotes = top(this.touched, WHOSAID.shortlist, (g) => votes[g]!);
    const held = words.length > 2 ? top(this.touched.filter((g) => hits[g]! > 1), WHOSAID.shortlist, (g) => hits[g]! / texts.lengthOf(g) + votes[g]! * 1e-6) : [];
    for (const g of this.touched) [votes[g], hits[g]] = [0, 0];
    this.touched = [];
    return new Set([...byVotes, ...held, ...exact(texts, words)]);
  }

  /**
   * Votes for the groups holding the reading's words, rarest words first; very common words only
   * vote when the reading has nothing rarer, once the budget of postings is spent a word only adds
   * to groups already voted for, and past `WHOSAID.votingWork` the remaining words do not vote.
   */
  private vote(texts: QuoteTexts, words: string[], weights: number[]): void {
    const { groupCount, groupLimit } = texts;
    if (!this.votes || this.votes.length < groupLimit) [this.votes, this.hits] = [new Float64Array(groupLimit), new Uint16Array(groupLimit)];
    const votes = this.votes;
    const hits = this.hits!;
    const common = Math.max(WHOSAID.commonFloor, groupCount / WHOSAID.commonPer);
    const df = words.map((w) => texts.countOf(w));
    const rare = df.some((n) => n <= common);
    const order = words.map((_, i) => i).filter((i) => !(rare && df[i]! > common) && words.indexOf(words[i]!) === i).sort((a, b) => df[a]! - df[b]!);
    let visited = 0;
    for (const i of order) {
      for (const [form, sim] of texts.forms(words[i]!)) {
        if (visited >= WHOSAID.votingWork) return;
        const groups = texts.groupsWith(form);
        const add = (g: number) => {
          if (!hits[g]) this.touched.push(g);
          votes[g]! += weights[i]! * sim;
          hits[g]!++;
        };
        if (visited < WHOSAID.postingsBudget) {
          visited += texts.countOf(form);
          for (let k = 0; k < groups.length; k++) add(groups[k]!);
        } else if (groups.length <= this.touched.length) {
          visited += groups.length;
          for (let k = 0; k < groups.length; k++) if (hits[groups[k]!]) add(groups[k]!);
        } else {
          visited += this.touched.length;
          for (const g of this.touched) if (includes(groups, g)) add(g);
        }
      }
    }
  }
}

/** Groups holding the reading's exact word sequence (two words or more). */
const exact = (texts: QuoteTexts, words: string[]): number[] => (words.length < 2 ? [] : texts.inSequence(words));

/**
 * Groups holding `words` (two or more) one after the other: of the first `WHOSAID.exactChecks` groups holding the
 * rarest of them (the first of the rarest), the first `WHOSAID.exactKept` that do, ascending; found by intersecting
 * the postings, rarest first.
 */
export function groupsInSequence(texts: Pick<QuoteTexts, 'groupsWith' | 'tokensOf'>, words: string[]): number[] {
  const lists = [...new Set(words)].map((w) => texts.groupsWith(w)).sort((a, b) => a.length - b.length);
  const found: number[] = [];
  const [first, ...rest] = lists;
  for (let k = 0; k < Math.min(first!.length, WHOSAID.exactChecks) && found.length < WHOSAID.exactKept; k++) {
    const g = first![k]!;
    if (rest.every((list) => includes(list, g)) && holdsSequence(texts.tokensOf(g), words)) found.push(g);
  }
  return found;
}

/** The share of a quotation a reading holds (see `containment`), counted only when it holds two of its content words or more. */
function heldShare(matches: Matches, quote: string[], weights: number[]): number {
  const { score, found } = containment(matches, quote, weights);
  return found.filter(isContentWord).length >= 2 ? score : 0;
}

/** Whether two readings have the same words. */
const same = (a: QueryWord[], b: QueryWord[]) => a.length === b.length && a.every((w, i) => w.folded === b[i]!.folded);

/** The words shown as matched: the content words among them, each once, when there are any; else all, in order (a quotation of common words). */
function shownWords(matched: QueryWord[]): string[] {
  const seen = new Set<string>();
  const content = matched.filter((w) => isContentWord(w.folded) && !seen.has(w.folded) && seen.add(w.folded));
  return (content.length ? content : matched).map((w) => w.surface);
}

/**
 * The `k` items of `items` with the highest `score`, best first, ties in the items' order: the same
 * as sorting them all stably and keeping `k`, without sorting the long tail (the `k`-th score found by selection).
 */
function top(items: number[], k: number, score: (g: number) => number): number[] {
  const scores = Float64Array.from(items, score);
  let kept = items.map((_, i) => i);
  if (items.length > k) {
    const kth = kthSmallest(Float64Array.from(scores), items.length - k);
    let ties = k - scores.filter((s) => s > kth).length;
    kept = kept.filter((i) => scores[i]! > kth || (scores[i] === kth && ties-- > 0));
  }
  return kept.sort((a, b) => scores[b]! - scores[a]! || a - b).map((i) => items[i]!);
}

/** Whether the ascending `list` holds `g` (binary search). */
function includes(list: ArrayLike<number>, g: number): boolean {
  return list[lowerBound(list, g)] === g;
}

/** Whether `words` occur in `quote` one after the other. */
function holdsSequence(quote: string[], words: string[]): boolean {
  for (let i = 0; i + words.length <= quote.length; i++) if (words.every((w, k) => quote[i + k] === w)) return true;
  return false;
}

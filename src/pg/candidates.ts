/**
 * A question's candidate passages on PostgreSQL, column by column in typed arrays: a question whose
 * rarest word is common (a word of thousands of titles brings every passage of their articles) has
 * up to 200,000 candidates at 1M articles, which as one object and two arrays each held 100 MB of
 * the bot's heap at once.
 */

import { lowerBound } from '../engine/util/sorted.js';

/** Candidate passages in ascending number, each with its article, field lengths and the count of each counted term in each field. */
export class Candidates {
  /** The passages' numbers, ascending. */
  readonly ids: Float64Array;
  /** Each candidate's article number: never decreasing with the passage number, as passages are numbered after their article's. */
  readonly articles: Float64Array;
  /** Each candidate's length in words. */
  readonly lengths: Int32Array;
  /** The length of each candidate's article title, in words. */
  readonly titleLengths: Int32Array;
  /** Counts of the counted terms in the text, `width` a candidate (the candidate's row, then the term's column). */
  readonly textTfs: Uint16Array;
  /** Counts of the counted terms in the article's title, laid out as `textTfs`. */
  readonly titleTfs: Uint16Array;

  /** Candidates numbered `ids` (ascending, distinct), counting `width` terms, every count and length 0. */
  constructor(
    ids: Float64Array,
    readonly width: number,
  ) {
    this.ids = ids;
    this.articles = new Float64Array(ids.length);
    this.lengths = new Int32Array(ids.length);
    this.titleLengths = new Int32Array(ids.length);
    this.textTfs = new Uint16Array(ids.length * width);
    this.titleTfs = new Uint16Array(ids.length * width);
  }

  /** The candidates holding the passages numbered in `numbers` (any order, repeats allowed; sorted in place). */
  static of(numbers: Float64Array, width: number): Candidates {
    const sorted = numbers.sort();
    let distinct = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i]!;
    return new Candidates(sorted.slice(0, distinct), width);
  }

  /** How many candidates there are. */
  get size(): number {
    return this.ids.length;
  }

  /** The row of passage `passage` among the candidates from `from` to `to` (all by default), -1 when it is not one. */
  indexOf(passage: number, from = 0, to = this.ids.length): number {
    const at = lowerBound(this.ids, passage, from, to);
    return at < to && this.ids[at] === passage ? at : -1;
  }

  /** The candidates whose row `keep` accepts, with everything known of them. */
  filter(keep: (row: number) => boolean): Candidates {
    const rows: number[] = [];
    for (let row = 0; row < this.size; row++) if (keep(row)) rows.push(row);
    const kept = new Candidates(Float64Array.from(rows, (row) => this.ids[row]!), this.width);
    rows.forEach((row, k) => {
      kept.articles[k] = this.articles[row]!;
      kept.lengths[k] = this.lengths[row]!;
      kept.titleLengths[k] = this.titleLengths[row]!;
      kept.textTfs.set(this.textTfs.subarray(row * this.width, (row + 1) * this.width), k * this.width);
      kept.titleTfs.set(this.titleTfs.subarray(row * this.width, (row + 1) * this.width), k * this.width);
    });
    return kept;
  }
}

import { grow } from '../util/grow.js';
import { FNV_OFFSET, FNV_PRIME, SpellingTable, doubledTable, spellingHash } from '../text/scan.js';

/** The distinct texts ("groups") of a corpus's quotations, as `QuoteIndexData` holds them. */
export interface GroupedTexts {
  /** The matching words, each once, in order of first use. */
  words: string[];
  /** Each group's words (numbers into `words`): group `g`'s from `groupWords[groupStart[g]]` up to `groupStart[g + 1]`. */
  groupStart: Uint32Array;
  groupWords: Uint32Array;
  /** The group of each quotation. */
  group: Uint32Array;
}

/**
 * Groups quotations by text (their matching words, joined by spaces), run after run in any order,
 * as the chunks of a parallel build arrive; `finish` numbers the groups and words in the order of
 * the runs, as grouping every quotation in order would. No text is kept: a text's words are looked
 * up in place (see `SpellingTable`; only unseen words become strings), and a group is found by
 * the hash of its word numbers, confirmed on them.
 */
export class TextGrouper {
  /** Open addressing over the groups: `[hash of its word numbers, provisional number + 1]` pairs (see `doubledTable`). */
  private table = new Int32Array(2 << 12);
  /** The word numbers of the text being grouped (as many as it has words). */
  private scratch = new Uint32Array(256);
  private readonly wordIds = new SpellingTable<number>();
  private readonly words: string[] = [];
  /** Provisional groups (in order of arrival): group `p`'s words from `groupWords[starts[p]]` up to `starts[p + 1]`. */
  private starts = new Uint32Array(1024);
  private groupCount = 0;
  private groupWords = new Uint32Array(1 << 16);
  private length = 0;
  /** The provisional group of each quotation of each run, by run number. */
  private readonly runs: Uint32Array[] = [];

  /** Groups run number `run`, of `count` quotations whose matching words `keyOf(i)` gives. */
  add(run: number, count: number, keyOf: (i: number) => string): void {
    const groups = new Uint32Array(count);
    for (let i = 0; i < count; i++) groups[i] = this.groupNumber(keyOf(i));
    this.runs[run] = groups;
  }

  /** The provisional groups of run number `run`, one a quotation, as `add` or `setRun` left them. */
  runGroups(run: number): Uint32Array {
    return this.runs[run]!;
  }

  /** Replaces run number `run` with quotations whose provisional groups are known (copies of quotations grouped before). */
  setRun(run: number, groups: Uint32Array): void {
    this.runs[run] = groups;
  }

  /** The groups and words numbered in order of first appearance over the runs in order (every run must have been added). */
  finish(): GroupedTexts {
    const canonical = new Int32Array(this.groupCount).fill(-1);
    const order: number[] = [];
    let total = 0;
    for (let run = 0; run < this.runs.length; run++) {
      if (!this.runs[run]) throw new Error(`quotation run ${run} was never grouped`);
      total += this.runs[run]!.length;
    }
    const group = new Uint32Array(total);
    let i = 0;
    for (const run of this.runs) {
      for (const p of run) {
        if (canonical[p]! < 0) canonical[p] = order.push(p) - 1;
        group[i++] = canonical[p]!;
      }
    }
    const wordNumber = new Int32Array(this.words.length).fill(-1);
    const words: string[] = [];
    const groupStart = new Uint32Array(order.length + 1);
    const groupWords = new Uint32Array(this.length);
    let at = 0;
    order.forEach((p, g) => {
      for (let k = this.starts[p]!; k < this.starts[p + 1]!; k++) {
        const w = this.groupWords[k]!;
        if (wordNumber[w]! < 0) wordNumber[w] = words.push(this.words[w]!) - 1;
        groupWords[at++] = wordNumber[w]!;
      }
      groupStart[g + 1] = at;
    });
    // Provisional groups no run uses any more (see `setRun`) leave words over at the end.
    return { words, groupStart, groupWords: at === groupWords.length ? groupWords : groupWords.slice(0, at), group };
  }

  /** The provisional number of the group of text `key` (made on first sight). */
  private groupNumber(key: string): number {
    let n = 0;
    for (let from = 0; key !== '' && from <= key.length; ) {
      let to = key.indexOf(' ', from);
      if (to < 0) to = key.length;
      const h = spellingHash(key, from, to);
      const slot = this.wordIds.find(key, from, to, h);
      let id: number;
      if (slot >= 0) id = this.wordIds.value(slot);
      else this.wordIds.add(slot, (this.words[(id = this.words.length)] = key.slice(from, to)), h, id);
      if (n === this.scratch.length) this.scratch = grow(this.scratch, n);
      this.scratch[n++] = id;
      from = to + 1;
    }
    let h = Math.imul(FNV_OFFSET ^ n, FNV_PRIME);
    for (let k = 0; k < n; k++) h = Math.imul(h ^ this.scratch[k]!, FNV_PRIME);
    const mask = (this.table.length >> 1) - 1;
    let i = h & mask;
    for (; this.table[2 * i + 1] !== 0; i = (i + 1) & mask) {
      if (this.table[2 * i] === h && this.holds(this.table[2 * i + 1]! - 1, n)) return this.table[2 * i + 1]! - 1;
    }
    const g = this.groupCount++;
    this.table[2 * i] = h;
    this.table[2 * i + 1] = g + 1;
    if (this.groupCount * 2 > mask) this.table = doubledTable(this.table);
    if (g + 1 >= this.starts.length) this.starts = grow(this.starts, g + 1);
    if (this.length + n > this.groupWords.length) this.groupWords = grow(this.groupWords, this.length + n);
    this.groupWords.set(this.scratch.subarray(0, n), this.length);
    this.length += n;
    this.starts[g + 1] = this.length;
    return g;
  }

  /** Whether provisional group `p` has the `n` words of the scratch buffer. */
  private holds(p: number, n: number): boolean {
    const from = this.starts[p]!;
    if (this.starts[p + 1]! - from !== n) return false;
    for (let k = 0; k < n; k++) if (this.groupWords[from + k] !== this.scratch[k]) return false;
    return true;
  }
}

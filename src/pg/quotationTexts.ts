import { createHash } from 'node:crypto';
import { matchTokens, vocabularyBucket } from '../engine/quotes/fuzzy.js';
import { TextGrouper } from '../engine/quotes/grouping.js';

/** A quotation to group: its text, the words whosaid matches (null: made from the text) and its article's day. */
export interface QuotationToGroup {
  text: string;
  matching: string | null;
  day: string;
}

/**
 * The texts of quotations to group, worked out where they were read (an analysis thread, for a
 * batch): each quotation's text as a number, and each distinct text (its matching words joined by
 * spaces, in order of first sight) with its hash, earliest day, word count and distinct words, as
 * numbers into the words of them all (with their vocabulary buckets). All the writing thread has
 * left to do is ask which texts are stored and number the new ones.
 */
export interface QuotationTexts {
  /** Each quotation's text, as a number into the texts below. */
  textOf: Int32Array;
  /** Each text's key: its matching words joined by spaces ('' for none). */
  keys: string[];
  /** Each key's md5, in hex (the stored groups are found by it). */
  hashes: string[];
  /** The earliest day of each text's quotations. */
  days: string[];
  /** Each text's count of words, a repeated word counted each time. */
  lengths: Int32Array;
  /** Text `t`'s distinct words are `wordOf[wordStart[t]]` up to `wordOf[wordStart[t + 1]]`, in order of first sight. */
  wordStart: Int32Array;
  wordOf: Int32Array;
  /** The distinct words of all the texts, in order of first sight, and each one's vocabulary bucket (`vocabularyBucket`). */
  words: string[];
  buckets: string[];
}

/**
 * The texts of `quotations` (in article and position order) as `groupQuotations` takes them,
 * grouped as the embedded index groups them (`TextGrouper`: texts and words numbered in order of
 * first sight).
 */
export function quotationTexts(quotations: readonly QuotationToGroup[]): QuotationTexts {
  const grouper = new TextGrouper();
  grouper.add(0, quotations.length, (i) => quotations[i]!.matching ?? matchTokens(quotations[i]!.text).join(' '));
  const { words, groupStart, groupWords, group } = grouper.finish();
  const count = groupStart.length - 1;
  const days: string[] = [];
  group.forEach((t, i) => {
    const day = quotations[i]!.day;
    if (days[t] === undefined || day < days[t]!) days[t] = day;
  });
  const keys = Array.from({ length: count }, (_, t) => Array.from(groupWords.subarray(groupStart[t]!, groupStart[t + 1]!), (w) => words[w]!).join(' '));
  // Each text's words once: the last text each word was listed for.
  const listedFor = new Int32Array(words.length).fill(-1);
  const wordStart = new Int32Array(count + 1);
  const wordOf: number[] = [];
  for (let t = 0; t < count; t++) {
    for (let k = groupStart[t]!; k < groupStart[t + 1]!; k++) {
      const w = groupWords[k]!;
      if (listedFor[w] === t) continue;
      listedFor[w] = t;
      wordOf.push(w);
    }
    wordStart[t + 1] = wordOf.length;
  }
  return {
    textOf: Int32Array.from(group),
    keys,
    hashes: keys.map((key) => createHash('md5').update(key).digest('hex')),
    days,
    lengths: Int32Array.from({ length: count }, (_, t) => groupStart[t + 1]! - groupStart[t]!),
    wordStart,
    wordOf: Int32Array.from(wordOf),
    words,
    buckets: words.map(vocabularyBucket),
  };
}

import { createHash } from 'node:crypto';
import { matchTokens, vocabularyBucket } from '../engine/quotes/fuzzy.js';

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

/** The texts of `quotations` (in article and position order) as `groupQuotations` takes them. */
export function quotationTexts(quotations: readonly QuotationToGroup[]): QuotationTexts {
  const numberOfKey = new Map<string, number>();
  const numberOfWord = new Map<string, number>();
  const textOf = new Int32Array(quotations.length);
  const [keys, hashes, days, words, buckets]: [string[], string[], string[], string[], string[]] = [[], [], [], [], []];
  const lengths: number[] = [];
  const wordStart = [0];
  const wordOf: number[] = [];
  // The last text each word was listed for, so a word repeated in a text is listed once.
  const listedFor: number[] = [];
  for (const [k, row] of quotations.entries()) {
    const key = row.matching ?? matchTokens(row.text).join(' ');
    let t = numberOfKey.get(key);
    if (t === undefined) {
      numberOfKey.set(key, (t = keys.length));
      keys.push(key);
      hashes.push(createHash('md5').update(key).digest('hex'));
      days.push(row.day);
      const own = key ? key.split(' ') : [];
      lengths.push(own.length);
      for (const word of own) {
        let w = numberOfWord.get(word);
        if (w === undefined) {
          numberOfWord.set(word, (w = words.length));
          words.push(word);
          buckets.push(vocabularyBucket(word));
        }
        if (listedFor[w] === t) continue;
        listedFor[w] = t;
        wordOf.push(w);
      }
      wordStart.push(wordOf.length);
    } else if (row.day < days[t]!) days[t] = row.day;
    textOf[k] = t;
  }
  return { textOf, keys, hashes, days, lengths: Int32Array.from(lengths), wordStart: Int32Array.from(wordStart), wordOf: Int32Array.from(wordOf), words, buckets };
}

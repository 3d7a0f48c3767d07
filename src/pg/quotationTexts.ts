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
  textOf: Int32Array;
  keys: string[];
  hashes: string[];
  days: string[];
  lengths: Int32Array;
  /** Text `t`'s distinct words are `wordOf[wordStart[t]]` up to `wordOf[wordStart[t + 1]]`, in order of first sight. */
  wordStart: Int32Array;
  wordOf: Int32Array;
  words: string[];
  buckets: string[];
}

/** The texts of `quotations` (in article and position order) as `groupQuotations` takes them. */
export function quotationTexts(quotations: readonly QuotationToGroup[]): QuotationTexts {
  const numberOfKey = new Map<string, number>();
  const numberOfWord = new Map<string, number>();
  const texts: QuotationTexts = { textOf: new Int32Array(quotations.length), keys: [], hashes: [], days: [], lengths: new Int32Array(0), wordStart: new Int32Array(0), wordOf: new Int32Array(0), words: [], buckets: [] };
  const lengths: number[] = [];
  const wordStart = [0];
  const wordOf: number[] = [];
  for (const [k, row] of quotations.entries()) {
    const key = row.matching ?? matchTokens(row.text).join(' ');
    let t = numberOfKey.get(key);
    if (t === undefined) {
      numberOfKey.set(key, (t = texts.keys.length));
      texts.keys.push(key);
      texts.hashes.push(createHash('md5').update(key).digest('hex'));
      texts.days.push(row.day);
      const words = key ? key.split(' ') : [];
      lengths.push(words.length);
      const from = wordOf.length;
      for (const word of words) {
        let w = numberOfWord.get(word);
        if (w === undefined) {
          numberOfWord.set(word, (w = texts.words.length));
          texts.words.push(word);
          texts.buckets.push(vocabularyBucket(word));
        }
        if (!wordOf.includes(w, from)) wordOf.push(w);
      }
      wordStart.push(wordOf.length);
    } else if (row.day < texts.days[t]!) texts.days[t] = row.day;
    texts.textOf[k] = t;
  }
  texts.lengths = Int32Array.from(lengths);
  texts.wordStart = Int32Array.from(wordStart);
  texts.wordOf = Int32Array.from(wordOf);
  return texts;
}

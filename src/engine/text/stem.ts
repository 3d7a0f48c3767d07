import { stemmer } from 'stemmer';
import { BoundedMemo } from '../util/memo.js';

/** Arabic prefixes, longest first (normalised forms), with the shortest stem each may leave. */
const PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ['وال', 2], ['بال', 2], ['كال', 2], ['فال', 2], ['لل', 2], ['ال', 2], ['و', 3],
];
/** Arabic and Persian suffixes (normalised forms: ة → ه, ى → ي), longest first. */
const SUFFIXES = ['هاي', 'ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];
const MIN_STEM = 2;
const ARABIC_SCRIPT = /[\u0600-\u06FF]/;
const LATIN = /^[a-z]+$/;

/** Stems already computed: the vocabulary is small next to the text, and every query re-reads passages. */
const STEMS = new BoundedMemo(stemOnce, 300_000);

/**
 * Light stemming of one normalised token: Arabic/Persian affixes (Lucene-style, with length
 * guards), Porter for English, numbers unchanged.
 */
export function stem(token: string): string {
  return STEMS.get(token);
}

/** `stem` without the memo, for a caller that analyses each distinct word once anyway (the index build). */
export function stemOnce(token: string): string {
  if (LATIN.test(token)) return token.length > 3 ? stemmer(token) : token;
  if (!ARABIC_SCRIPT.test(token)) return token;
  let word = token;
  for (const [prefix, minRest] of PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= minRest) {
      word = word.slice(prefix.length);
      break;
    }
  }
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= MIN_STEM) word = word.slice(0, -suffix.length);
  }
  return word;
}

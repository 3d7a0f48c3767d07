import { stemmer } from 'stemmer';

/** Arabic prefixes, longest first (normalised forms), with the shortest stem each may leave. */
const PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ['وال', 2], ['بال', 2], ['كال', 2], ['فال', 2], ['لل', 2], ['ال', 2], ['و', 3],
];
/** Arabic and Persian suffixes (normalised forms: ة → ه, ى → ي), longest first. */
const SUFFIXES = ['هاي', 'ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];
const MIN_STEM = 2;
const ARABIC_SCRIPT = /[\u0600-\u06FF]/;
const LATIN = /^[a-z]+$/;

/**
 * Light stemming of one normalised token: Arabic/Persian affixes (Lucene-style, with length
 * guards), Porter for English, numbers unchanged. Not memoised: an `Analyzer` remembers the words it met.
 */
export function stem(token: string): string {
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

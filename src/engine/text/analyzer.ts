import { normalizeText, words } from './normalize.js';
import { stem } from './stem.js';
import { isStopWord } from './stopwords.js';

/** True for a normalised token that carries meaning: not a stop word, not a lone letter (numbers count). */
export function isContentWord(token: string): boolean {
  return !isStopWord(token) && (token.length > 1 || /\d/.test(token));
}

/** Normalised tokens of a text, stop words and one-letter tokens removed (numbers kept). */
export function contentWords(text: string): string[] {
  return words(normalizeText(text)).filter(isContentWord);
}

/** Stems of the content words of a text: the terms used for indexing, querying and similarity. */
export function analyze(text: string): string[] {
  return contentWords(text).map(stem);
}

/** Prefix marking a surface-form term, so exact words add to the stem match without colliding with stems. */
const SURFACE = '=';

/**
 * The index terms of one normalised token: its stem, plus its surface form when that differs (exact
 * words rank first: +1.4 hit@1 on ARCD); none for a stop word. Not memoised: for the index build,
 * which analyses each distinct word once; questions and passages go through an `Analyzer`.
 */
export function indexTermsOf(token: string): readonly string[] {
  if (!isContentWord(token)) return [];
  const stemmed = stem(token);
  return stemmed === token ? [stemmed] : [stemmed, SURFACE + token];
}

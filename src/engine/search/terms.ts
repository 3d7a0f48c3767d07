import { normalizeText, words } from '../text/normalize.js';
import { stemOnce } from '../text/stem.js';
import { isContentWord } from '../text/analyzer.js';
import { BoundedMemo } from '../util/memo.js';


/** Prefix marking a surface-form term, so exact words add to the stem match without colliding with stems. */
const SURFACE = '=';

/**
 * The index terms of one normalised token: its stem, plus its surface form when that differs (exact
 * words rank first: +1.4 hit@1 on ARCD); none for a stop word. Not memoised: for the index build,
 * which analyses each distinct word once; questions and passages go through `termsOf`.
 */
export function indexTermsOf(token: string): readonly string[] {
  if (!isContentWord(token)) return [];
  const stemmed = stemOnce(token);
  return stemmed === token ? [stemmed] : [stemmed, SURFACE + token];
}

/** Analysed terms per token already seen: the vocabulary is small next to the text, so each word is analysed once. */
const TERM_CACHE = new BoundedMemo(indexTermsOf, 500_000);

/** `indexTermsOf` through the term cache (questions, reranking and highlighting meet the same words again and again). */
export function termsOf(token: string): readonly string[] {
  return TERM_CACHE.get(token);
}

/** The index terms of a question, in order (repeats kept: a repeated word weighs more). */
export function queryTerms(text: string): string[] {
  return words(normalizeText(text)).flatMap(termsOf);
}

/** The stems of a text's content words, as `analyze` gives them, through the term cache (one lookup a word). */
export function stemsOf(text: string): string[] {
  const stems: string[] = [];
  for (const token of words(normalizeText(text))) {
    const terms = termsOf(token);
    if (terms.length) stems.push(terms[0]!);
  }
  return stems;
}

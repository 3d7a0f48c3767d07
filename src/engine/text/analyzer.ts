import { normalizeText, words } from './normalize.js';
import { stem } from './stem.js';
import { isStopWord } from './stopwords.js';

/** One token of analysed text: its normalised surface form and its stem. */
export interface Term {
  surface: string;
  stem: string;
}

/** Normalised tokens of a text, stop words and one-letter tokens removed (numbers kept). */
export function contentWords(text: string): string[] {
  return words(normalizeText(text)).filter((w) => !isStopWord(w) && (w.length > 1 || /\d/.test(w)));
}

/** Stems of the content words of a text: the terms used for indexing, querying and similarity. */
export function analyze(text: string): string[] {
  return contentWords(text).map(stem);
}

/** Surface form and stem of each content word, in text order. */
export function analyzeTerms(text: string): Term[] {
  return contentWords(text).map((surface) => ({ surface, stem: stem(surface) }));
}

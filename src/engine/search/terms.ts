import { normalizeText, words } from '../text/normalize.js';
import { indexTermsOf } from '../text/analyzer.js';
import { BoundedMemo } from '../util/memo.js';
import { ANALYZER_MEMORY } from '../options.js';

/** The index terms of a question, in order (repeats kept: a repeated word weighs more); `termsOf` analyses each token. */
export function queryTerms(text: string, termsOf: (token: string) => readonly string[] = indexTermsOf): string[] {
  return words(normalizeText(text)).flatMap(termsOf);
}

/**
 * The analyser of one archive's queries: index terms and stems of the words it meets, each word analysed once (the
 * vocabulary is small next to the text, and questions, reranking and highlighting meet the same words again and again).
 * Its memos live and die with the archive that owns it.
 */
export class Analyzer {
  private readonly terms = new BoundedMemo(indexTermsOf, ANALYZER_MEMORY.terms);
  /** The stem of each word as written (null for a stop word): every answer highlights the same common words again. */
  private readonly writtenStems = new BoundedMemo((word: string): string | null => this.stemsOf(word)[0] ?? null, ANALYZER_MEMORY.writtenStems);

  /** `indexTermsOf`, memoised. */
  termsOf(token: string): readonly string[] {
    return this.terms.get(token);
  }

  /** `queryTerms`, each word analysed once. */
  queryTerms(text: string): string[] {
    return queryTerms(text, (token) => this.termsOf(token));
  }

  /** The stems of a text's content words, as `analyze` gives them (one lookup a word). */
  stemsOf(text: string): string[] {
    const stems: string[] = [];
    for (const token of words(normalizeText(text))) {
      const terms = this.termsOf(token);
      if (terms.length) stems.push(terms[0]!);
    }
    return stems;
  }

  /** The stem of one word as written (matched by the `WORD` pattern), null for a stop word. */
  stemOfWritten(word: string): string | null {
    return this.writtenStems.get(word);
  }
}

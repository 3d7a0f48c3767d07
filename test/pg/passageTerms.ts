import { indexParts } from '../../src/engine/build/parts.js';
import type { BuildArticle } from '../../src/engine/build/sharedArticles.js';

/** Each passage's text terms with their counts, as the engine's index builder makes them: passages in article then position order, terms in the index's order. */
export function passageTerms(articles: Iterable<BuildArticle>): Array<Array<[term: string, tf: number]>> {
  const { index } = indexParts(articles);
  const { start, docs, tfs, lengths } = index.text;
  const own: Array<Array<[string, number]>> = Array.from({ length: lengths.length }, () => []);
  index.terms.forEach((term, t) => {
    for (let i = start[t]!; i < start[t + 1]!; i++) own[docs[i]!]!.push([term, tfs[i]!]);
  });
  return own;
}

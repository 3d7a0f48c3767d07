import { normalizeText, words } from '../text/normalize.js';
import type { Article } from '../types.js';

/** Word shingles of an article's title and opening: what syndicated or rewritten copies keep. */
function storyShingles(article: Article, size = 3, openingWords = 60): Set<string> {
  const tokens = words(normalizeText(`${article.title} ${article.body.slice(0, 1000)}`)).slice(0, openingWords);
  const shingles = new Set<string>();
  for (let i = 0; i + size <= tokens.length; i++) shingles.add(tokens.slice(i, i + size).join(' '));
  return shingles;
}

/** Jaccard similarity of two sets. */
function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Groups articles that tell the same story (shingle Jaccard ≥ threshold with the group's first
 * member); groups keep the input order, so the best-ranked copy leads each.
 */
export function groupStories(articles: readonly Article[], threshold = 0.3): Article[][] {
  const groups: Array<{ shingles: Set<string>; members: Article[] }> = [];
  for (const article of articles) {
    const shingles = storyShingles(article);
    const group = groups.find((g) => jaccard(g.shingles, shingles) >= threshold);
    if (group) group.members.push(article);
    else groups.push({ shingles, members: [article] });
  }
  return groups.map((g) => g.members);
}

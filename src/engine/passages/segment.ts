import { paragraphs, splitSentences } from '../text/sentences.js';
import type { Article, Passage, Span } from '../types.js';

/** How articles are cut into passages. */
export interface PassageOptions {
  /** Paragraphs longer than this many characters are cut into sentence windows. Default 1200. */
  maxChars: number;
  /** Sentences repeated at the start of the next window so an answer spanning two sentences is not cut. Default 1. */
  overlap: number;
}

/** The defaults used when building the index. */
export const DEFAULT_PASSAGE_OPTIONS: PassageOptions = { maxChars: 1200, overlap: 1 };

/**
 * Cuts an article into passages on paragraph boundaries; a long paragraph becomes windows of
 * whole sentences. Every passage is a verbatim span of the body.
 */
export function segmentArticle(article: Pick<Article, 'id' | 'body'>, options: PassageOptions = DEFAULT_PASSAGE_OPTIONS): Passage[] {
  const spans = paragraphs(article.body).flatMap((p) =>
    p.text.length > options.maxChars ? sentenceWindows(article.body, splitSentences(p.text, p.start), options) : [p],
  );
  // Fields spelt out: on Node 20's V8, a spread that adds properties makes each object in the old
  // generation (a pass over a 30k-article corpus left ~150 MB there for the next full collection).
  return spans.map(({ start, end, text }, index) => ({ start, end, text, id: `${article.id}@${start}`, articleId: article.id, index }));
}

function sentenceWindows(body: string, sentences: Span[], options: PassageOptions): Span[] {
  const windows: Span[] = [];
  let first = 0;
  while (first < sentences.length) {
    let last = first;
    while (last + 1 < sentences.length && sentences[last + 1]!.end - sentences[first]!.start <= options.maxChars) last++;
    const start = sentences[first]!.start;
    const end = sentences[last]!.end;
    windows.push({ start, end, text: body.slice(start, end) });
    if (last + 1 >= sentences.length) break;
    first = Math.max(first + 1, last + 1 - options.overlap);
  }
  return windows;
}

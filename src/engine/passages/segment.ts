import { paragraphs, splitSentences } from '../text/sentences.js';
import type { Article, Passage, Span } from '../types.js';
import { DEFAULT_PASSAGE_OPTIONS, type PassageOptions } from '../options.js';

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

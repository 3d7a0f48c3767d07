/**
 * The articles of a build as its worker threads read them: bodies as UTF-16 in one shared buffer,
 * written once and read by every worker, instead of a structured-clone copy of every article for
 * each (the copy cost a second of serialising and the memory of the whole corpus twice over).
 */
import type { Article } from '../types.js';

/** The article fields a build reads. */
export type BuildArticle = Pick<Article, 'id' | 'title' | 'body' | 'lang'>;

/** Articles with their bodies in shared memory (posted to workers without copying the text). */
export interface SharedArticles {
  ids: string[];
  titles: string[];
  langs: string[];
  /** Every body, one after the other, as UTF-16 code units. */
  bodies: Uint16Array;
  /** Where each body ends in `bodies`. */
  ends: Uint32Array;
  /** For each article, the first article before it with the same body, or -1 (see `firstCopies`). */
  copyOf: Int32Array;
}

/** Writes the articles' bodies into one shared buffer. */
export function shareArticles(articles: readonly BuildArticle[]): SharedArticles {
  let total = 0;
  for (const a of articles) total += a.body.length;
  const bodies = new Uint16Array(new SharedArrayBuffer(total * 2));
  const bytes = Buffer.from(bodies.buffer);
  const ends = new Uint32Array(articles.length);
  let at = 0;
  articles.forEach((a, k) => {
    bytes.write(a.body, at * 2, 'utf16le');
    ends[k] = at += a.body.length;
  });
  return { ids: articles.map((a) => a.id), titles: articles.map((a) => a.title), langs: articles.map((a) => a.lang), bodies, ends, copyOf: firstCopies(articles) };
}

/**
 * For each article, the number of the first article before it with the very same body, or -1:
 * archives hold the same wire story under several sources, and its quotations (read from the body
 * alone: see `ReadArticle`) need reading once.
 */
export function firstCopies(articles: readonly Pick<BuildArticle, 'body'>[]): Int32Array {
  const first = new Map<string, number>();
  const copyOf = new Int32Array(articles.length);
  articles.forEach((a, k) => {
    const earlier = first.get(a.body);
    if (earlier === undefined) first.set(a.body, k);
    copyOf[k] = earlier ?? -1;
  });
  return copyOf;
}

/** Article number `k`, its body read from the shared buffer. */
export function sharedArticle(shared: SharedArticles, k: number): BuildArticle {
  const start = k > 0 ? shared.ends[k - 1]! : 0;
  const body = Buffer.from(shared.bodies.buffer, start * 2, (shared.ends[k]! - start) * 2).toString('utf16le');
  return { id: shared.ids[k]!, title: shared.titles[k]!, body, lang: shared.langs[k]! };
}

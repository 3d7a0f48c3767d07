import type { Article, Passage } from './types.js';

/**
 * The passages of an archive by number, held as typed arrays (article number, offsets): a
 * passage object and its text are made only when asked for, so a large archive loads without
 * creating hundreds of thousands of objects.
 */
export class PassageTable {
  /** Article number of each passage. */
  readonly article: Uint32Array;
  /** Offsets of each passage in its article body (characters). */
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  /** Position of each passage in its article, from 0. */
  private readonly position: Uint32Array;

  /**
   * `articleIds` by article number; `textOf(n)` gives passage `n`'s text (a slice of a body in
   * memory, or bytes decoded from the cache).
   */
  constructor(
    private readonly articleIds: readonly string[],
    spans: { article: Uint32Array; start: Uint32Array; end: Uint32Array },
    private readonly textOf: (n: number) => string,
  ) {
    this.article = spans.article;
    this.start = spans.start;
    this.end = spans.end;
    this.position = new Uint32Array(this.article.length);
    for (let n = 1; n < this.article.length; n++) this.position[n] = this.article[n] === this.article[n - 1] ? this.position[n - 1]! + 1 : 0;
  }

  /** The given passages of `articles` (grouped by article, in the articles' order), texts sliced from the bodies. */
  static of(articles: readonly Article[], passages: readonly Passage[]): PassageTable {
    const number = new Map(articles.map((a, i) => [a.id, i]));
    return PassageTable.fromSpans(articles, {
      article: Uint32Array.from(passages, (p) => number.get(p.articleId)!),
      start: Uint32Array.from(passages, (p) => p.start),
      end: Uint32Array.from(passages, (p) => p.end),
    });
  }

  /** Passages given as article numbers (into `articles`) and offsets, texts sliced from the bodies. */
  static fromSpans(articles: readonly Article[], spans: { article: Uint32Array; start: Uint32Array; end: Uint32Array }): PassageTable {
    return new PassageTable(
      articles.map((a) => a.id),
      spans,
      (n) => articles[spans.article[n]!]!.body.slice(spans.start[n], spans.end[n]),
    );
  }

  /** Number of passages. */
  get length(): number {
    return this.article.length;
  }

  /** The id of the article passage `n` belongs to (no text is read). */
  articleId(n: number): string {
    return this.articleIds[this.article[n]!]!;
  }

  /** The text of passage `n`. */
  text(n: number): string {
    return this.textOf(n);
  }

  /** Passage `n` with its text. */
  get(n: number): Passage {
    const articleId = this.articleId(n);
    const start = this.start[n]!;
    return { id: `${articleId}@${start}`, articleId, index: this.position[n]!, start, end: this.end[n]!, text: this.textOf(n) };
  }
}

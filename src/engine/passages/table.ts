import { FNV_OFFSET, FNV_PRIME } from '../text/scan.js';
import type { Article, Passage } from '../types.js';

/** Where passages are: article numbers and character offsets, and their copy keys when already known. */
export interface PassageSpans {
  article: Uint32Array;
  start: Uint32Array;
  end: Uint32Array;
  copyKeys?: Uint32Array;
}

/** FNV-1a hash of a text with every run of spacing read as one space: equal for copies that differ only in spacing. */
export function copyKey(text: string): number {
  let hash = FNV_OFFSET;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      space = true;
      continue;
    }
    if (space) hash = Math.imul(hash ^ 32, FNV_PRIME);
    space = false;
    hash = Math.imul(hash ^ code, FNV_PRIME);
  }
  return hash >>> 0;
}

/** The characters of the regular expression `\s`. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

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
  /** A hash of each passage's text with spacing collapsed: syndicated copies share it (see `copyKey`). */
  readonly copyKeys: Uint32Array;
  /** Position of each passage in its article, from 0. */
  private readonly position: Uint32Array;

  /**
   * `articleIds` by article number; `textOf(n)` gives passage `n`'s text (a slice of a body in
   * memory, or bytes decoded from the cache).
   */
  constructor(
    private readonly articleIds: readonly string[],
    spans: PassageSpans,
    private readonly textOf: (n: number) => string,
  ) {
    this.article = spans.article;
    this.start = spans.start;
    this.end = spans.end;
    this.copyKeys = spans.copyKeys ?? Uint32Array.from(spans.article, (_, n) => copyKey(textOf(n)));
    this.position = new Uint32Array(this.article.length);
    for (let n = 1; n < this.article.length; n++) this.position[n] = this.article[n] === this.article[n - 1] ? this.position[n - 1]! + 1 : 0;
  }

  /** Passages given as article numbers (into `articles`) and offsets, texts sliced from the bodies. */
  static fromSpans(articles: readonly Article[], spans: PassageSpans): PassageTable {
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

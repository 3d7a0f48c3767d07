/** A loaded, validated article: the unit every answer cites. */
export interface Article {
  /** The id given by the file, or its path relative to the corpus without extension (`#N` for the Nth record). */
  id: string;
  title: string;
  /** Plain text; paragraphs separated by newlines. Every passage and quotation is a verbatim span of it. */
  body: string;
  /** As given in the file. */
  date: string;
  source: string;
  url: string | null;
  /** `ar`, `fa`, `en`, … (given, or detected from the text). */
  lang: string;
  author: string | null;
  /** The corpus file the article came from, relative to the corpus folder. */
  file: string;
  /** Fields the file gives beyond the ones above (`abstract`, `tags`, …), kept as they are; absent when there are none. */
  meta?: Record<string, unknown>;
}

/** A span of an article body: `body.slice(start, end) === text`. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** A searchable unit of an article: a paragraph, or a window of sentences of a long paragraph. */
export interface Passage extends Span {
  /** `${articleId}@${start}`: stable as long as the article does not change. */
  id: string;
  articleId: string;
  /** Position of the passage in the article, from 0. */
  index: number;
}

/** The article fields shown with every answer (CONTRACTS §2 `article`). */
export interface ArticleRef {
  id: string;
  title: string;
  source: string;
  /** `YYYY-MM-DD` when the article gives a date-time, otherwise as given. */
  date: string;
  url: string | null;
}

/** A problem with one corpus file: reported, and the file (or record) skipped, unless `kept` says it still loaded. */
export interface CorpusProblem {
  /** Path relative to the corpus folder. */
  file: string;
  /** 1-based line for `.jsonl`. */
  line?: number;
  /** The offending field, when one is to blame. */
  field?: string;
  reason: string;
  /** The article still loaded (a warning): its title was made from the body, or a bad link was dropped. */
  kept?: true;
}

/** True for a problem that got its file or record skipped (not a warning about an article that loaded). */
export function isRejection(problem: CorpusProblem): boolean {
  return problem.kept !== true;
}

/** Expected failure codes that each front end turns into its own words. */
export type FailureCode = 'no-results' | 'quote-not-found' | 'bad-query' | 'corpus-invalid' | 'not-found';

/** An expected failure: a value, not an exception. */
export interface Failure {
  ok: false;
  code: FailureCode;
  /** A short sentence a person can act on. */
  message: string;
  /** Optional hints, e.g. which filter to drop. */
  hints?: string[];
}

/** Either a value or an expected failure. */
export type Result<T> = ({ ok: true } & T) | Failure;

/**
 * A bad option as every front end words it: the option's name (a `code` span, which each front end renders in its own
 * terms), the value given, what is expected.
 */
export function badOption(option: string, given: unknown, expected: string): Failure {
  const shown = typeof given === 'string' ? JSON.stringify(given.length > 60 ? `${given.slice(0, 59)}…` : given) : String(given);
  return failure('bad-query', `\`${option}\`: got ${shown}; expected ${expected}.`);
}

/** Builds an expected failure. */
export function failure(code: FailureCode, message: string, hints?: string[]): Failure {
  return hints?.length ? { ok: false, code, message, hints } : { ok: false, code, message };
}

/** The citation of an article (date cut to the day). */
export function articleRef(article: Article): ArticleRef {
  return { id: article.id, title: article.title, source: article.source, date: dayOf(article.date), url: article.url };
}

/** `YYYY-MM-DD` of an ISO date or date-time, as written (no time-zone shift of the calendar day). */
export function dayOf(date: string): string {
  return date.slice(0, 10);
}

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

/** Figures about the loaded archive (for `/about`, `/archive stats` and logs). */
export interface ArchiveStats {
  articles: number;
  passages: number;
  sources: number;
  quotations: number;
  firstDate: string | null;
  lastDate: string | null;
  rejectedFiles: number;
  /** Files of a type that holds no articles, skipped. */
  skippedFiles: number;
  /** When the index was built or loaded. */
  loadedAt: string;
  /** `cache` when the index came from disk, `build` when it was built now, `update` when a reload changed it in place. */
  origin: 'cache' | 'build' | 'update';
}

/** Expected failure codes that each front end turns into its own words. */
export type FailureCode = 'no-results' | 'quote-not-found' | 'bad-query' | 'corpus-invalid' | 'not-found';

/**
 * What went wrong, as data: each front end words it from its own table (`src/render/failureWords.ts` and the front
 * end's terms), so the engine writes no message.
 */
export type FailureReason =
  /** An option's value is not one the engine takes: `expected` is the schema's description of a good one. */
  | { kind: 'bad-option'; option: string; given: unknown; expected: string }
  /** `source` names none of the archive's sources. */
  | { kind: 'unknown-source'; given: string; known: string[] }
  /** The question has only punctuation or very common words. */
  | { kind: 'no-searchable-words' }
  /** Nothing matches a question: what it held that could be dropped or widened. */
  | { kind: 'no-match'; phrases: boolean; source: boolean; dates: boolean }
  /** The archive holds no article at all. */
  | { kind: 'empty-archive'; corpusDir: string }
  /** The archive holds no article in the language of the words asked (language codes). */
  | { kind: 'other-language'; asked: string; held: string[] }
  /** A quotation search without words to search (links, mentions, hashtags and emoji alone). */
  | { kind: 'no-quote-words' }
  /** No quotation has these words, which are all common ones (found only word for word). */
  | { kind: 'quote-common-words' }
  /** No quotation matches these words. */
  | { kind: 'quote-no-match' }
  /** A speaker search without a name. */
  | { kind: 'no-name' }
  /** Nobody of this name is quoted. */
  | { kind: 'unknown-speaker'; name: string }
  /** No article has this id. */
  | { kind: 'unknown-article-id'; id: string }
  /** No article has this id or title. */
  | { kind: 'unknown-article'; wanted: string }
  /** Several titles hold the words given: how many, and the first few to choose from. */
  | { kind: 'ambiguous-title'; wanted: string; count: number; choices: ArticleRef[] };

/** An expected failure: a value, not an exception. */
export interface Failure {
  ok: false;
  code: FailureCode;
  reason: FailureReason;
}

/** Either a value or an expected failure. */
export type Result<T> = ({ ok: true } & T) | Failure;

/** The code of each reason: what kind of failure a front end reports it as (the CLI's JSON `error.code`). */
const CODES: Record<FailureReason['kind'], FailureCode> = {
  'bad-option': 'bad-query',
  'unknown-source': 'bad-query',
  'no-searchable-words': 'bad-query',
  'no-match': 'no-results',
  'empty-archive': 'no-results',
  'other-language': 'no-results',
  'no-quote-words': 'bad-query',
  'quote-common-words': 'quote-not-found',
  'quote-no-match': 'quote-not-found',
  'no-name': 'bad-query',
  'unknown-speaker': 'not-found',
  'unknown-article-id': 'not-found',
  'unknown-article': 'not-found',
  'ambiguous-title': 'not-found',
};

/** Builds an expected failure. */
export function failure(reason: FailureReason): Failure {
  return { ok: false, code: CODES[reason.kind], reason };
}

/** The citation of an article (date cut to the day). */
export function articleRef(article: Article): ArticleRef {
  return { id: article.id, title: article.title, source: article.source, date: dayOf(article.date), url: article.url };
}

/** `YYYY-MM-DD` of an ISO date or date-time, as written (no time-zone shift of the calendar day). */
export function dayOf(date: string): string {
  return date.slice(0, 10);
}

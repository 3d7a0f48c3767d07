import type { Archive } from './archive.js';
import { ASK_LIMITS, type EngineOptions, type Logger, silentLogger } from './options.js';
import { type ReloadReport, type Snapshot, cacheSnapshot, compareFiles, loadSnapshot, reloadSnapshot } from './snapshot.js';
import { type AskAnswer, ask, checkQuery, sourceKey } from './search/ask.js';
import { AskQuery, askQueryFailure } from './search/query.js';
import { type ArticleSummary, MAX_SENTENCES, type TopicSummary, summarizeArticle, summarizeTopic } from './summary/index.js';
import { type QuoteIndex, type QuoteMatch, type SpeakerQuotes, hasQuoteWords } from './quotes/index.js';
import type { ListingWindow } from './quotes/speakerChoice.js';
import { contentWords } from './text/analyzer.js';
import { normalizeText } from './text/normalize.js';
import { detectLang } from './corpus/lang.js';
import type { ArchiveService } from './summary/service.js';
import type { ArchiveStats, Article, ArticleRef, CorpusProblem, Failure, Result } from './types.js';

import { articleRef, failure } from './types.js';

/**
 * What the front ends read about the archive beside its answers (`ArchiveService`): its figures, its
 * sources and titles, and a reload. The embedded engine gives them at once; the PostgreSQL archive
 * (`postgresCatalog`) reads sources and titles with a query, so those may be awaited.
 */
export interface ArchiveCatalog {
  /** Figures about the archive, as last read. */
  stats(): ArchiveStats;
  /** The archive's sources, sorted. */
  sources(): string[] | Promise<string[]>;
  /** Articles whose title or id contains the typed text (for autocomplete), newest first. */
  findArticles(typed: string, limit?: number): ArticleRef[] | Promise<ArticleRef[]>;
  /** Reads the archive again; calls during a reload share it. */
  reload(): Promise<ReloadReport>;
}

/** The engine every front end calls: one instance, created at start-up and passed around. It is both the catalog and the service front ends await. */
export interface Engine extends ArchiveCatalog, ArchiveService {
  /** Answers a question with verbatim passages. */
  ask(query: AskQuery): Result<AskAnswer>;
  /** Why a question's options cannot be answered (schema, dates, unknown source, no searchable words), checked without searching; undefined when they can. */
  checkAsk(query: AskQuery): Failure | undefined;
  /** The corpus's sources, sorted. */
  sources(): string[];
  /** Sources whose name contains the typed text, ignoring case and Arabic spelling variants (for autocomplete). */
  findSources(typed: string, limit?: number): string[];
  /** One article by id. */
  article(id: string): Article | undefined;
  /**
   * The key sentences of one article, verbatim, in the article's order (`sentences` 1–10). The article is named by its
   * id or, failing that, by its title (or a part of it that only one title holds); several close titles are offered.
   */
  summarizeArticle(idOrTitle: string, sentences?: number): Result<ArticleSummary>;
  /** What the archive says about a topic: key sentences of the most relevant stories, the most on-topic first and the rest in date order, cited. */
  summarizeTopic(topic: string, sentences?: number): Result<TopicSummary>;
  /** Who said a quotation (partial, misspelt or differently marked): best match first, copies grouped. */
  whosaid(quote: string, limit?: number): Result<{ quote: string; matches: QuoteMatch[] }>;
  /** One person's quotations, newest first, name variants merged (only those of `window` when given, with the total); with a bare surname others share, those others to choose from. */
  quotesBy(speaker: string, window?: ListingWindow): Result<SpeakerQuotes>;
  /** Every quotation of one article, in text order (speaker null when unknown). */
  quotesIn(articleId: string): Result<{ article: string; matches: QuoteMatch[] }>;
  /** The people the archive quotes whose name matches what is typed, most quoted first (for autocomplete). */
  speakers(typed: string, limit?: number): Array<{ name: string; count: number }>;
  /** Articles whose title or id contains the typed text (for autocomplete), newest first. */
  findArticles(typed: string, limit?: number): ArticleRef[];
  /** Files that were rejected while loading, with reasons. */
  problems(): CorpusProblem[];
  /** Figures about the archive. */
  stats(): ArchiveStats;
  /**
   * Re-scans the corpus and swaps in the new index when it is ready (queries keep the old one
   * meanwhile); reports added, changed, removed and rejected files. Calls during a reload share it.
   */
  reload(): Promise<ReloadReport>;
}

/** Loads the corpus, builds or loads the cached index, and returns the engine. */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const logger = options.logger ?? silentLogger;
  return engineOver(await loadSnapshot(options, logger), options, logger);
}


function engineOver(first: Snapshot, options: EngineOptions, logger: Logger): Engine {
  let current = first;
  let { archive } = current;
  /** Titles for autocomplete, made on first use (a one-shot command never needs them). */
  let index: ReturnType<typeof articleIndex> | null = null;
  if (options.warmUp) {
    setImmediate(() => {
      void archive.quotes;
      index ??= articleIndex(archive);
      archive.index.prepareVariants();
    });
  }
  let reloading: Promise<ReloadReport> | null = null;
  /** The languages of the archive's articles, worked out on first need (for "no English articles"). */
  let languages: Set<string> | null = null;
  /**
   * A "nothing found" said as what it is, rather than as advice on wording: when the archive holds no article at all,
   * or none in the language the words are written in.
   */
  const unlessEmpty = <T extends { ok: boolean }>(result: T, words = ''): T | Failure => {
    if (result.ok || (result as unknown as Failure).code === 'bad-query') return result;
    if (archive.articles.size === 0) {
      return failure({ kind: 'empty-archive', corpusDir: options.corpusDir });
    }
    const lang = words ? detectLang(words) : 'und';
    languages ??= new Set([...archive.articles.values()].map((a) => a.lang));
    if (lang === 'und' || languages.has(lang)) return result;
    return failure({ kind: 'other-language', asked: lang, held: [...languages] });
  };
  const speakerOf = (articleId: string, start: number, end: number) => archive.quotes.attributionAt(articleId, start, end);
  const reload = async (): Promise<ReloadReport> => {
    const previous = current;
    const next = await reloadSnapshot(previous, options, logger);
    const report = compareFiles(current, next);
    current = next;
    archive = next.archive;
    index = null;
    languages = null;
    // Queries already use the updated archive; writing it to the cache can take its time.
    if (next !== previous && next.stats.origin === 'update') await cacheSnapshot(next, options, logger);
    return report;
  };
  return {
    ask: (query) => unlessEmpty(ask(archive, query, archive.sources), query.question),
    checkAsk(query) {
      const checked = checkQuery(query, archive.sources);
      return 'ok' in checked ? checked : undefined;
    },
    sources: () => archive.sources,
    findSources(typed, limit = 25) {
      const key = sourceKey(typed);
      return archive.sources.filter((s) => sourceKey(s).includes(key)).slice(0, limit);
    },
    article: (id) => archive.articles.get(id),
    findArticles(typed, limit = 25) {
      const key = normalizeText(typed.trim());
      const found: ArticleRef[] = [];
      for (const { article, key: titleKey } of (index ??= articleIndex(archive))) {
        if (found.length >= limit) break;
        if (!key || titleKey.includes(key)) found.push(articleRef(article));
      }
      return found;
    },
    summarizeArticle(idOrTitle, sentences) {
      const bad = badSentenceCount(sentences);
      if (bad) return bad;
      const found = resolveArticle(archive, (index ??= articleIndex(archive)), idOrTitle);
      if ('ok' in found) return found;
      return { ok: true, ...summarizeArticle(found, sentences, { speakerOf, analyzer: archive.analyzer }) };
    },
    summarizeTopic(topic, sentences) {
      const checked = checkTopic(topic, sentences);
      if (typeof checked !== 'string') return checked;
      return unlessEmpty(summarizeTopic(archive, checked, sentences, { speakerOf }), checked);
    },
    ...quoteAnswers(() => archive.quotes, (id) => archive.articles.has(id)),
    problems: () => current.problems,
    stats: () => current.stats,
    reload() {
      reloading ??= reload().finally(() => (reloading = null));
      return reloading;
    },
  };
}

/**
 * The quotation commands over a quote index (`quotes()`, read at each call so a reload is seen) and
 * the archive's article ids (`hasArticle`): the same answers whichever engine holds them.
 */
export function quoteAnswers(quotes: () => QuoteIndex, hasArticle: (id: string) => boolean): Pick<Engine, 'whosaid' | 'quotesBy' | 'quotesIn' | 'speakers'> {
  return {
    whosaid(quote, limit = 5) {
      const text = whosaidText(quote);
      return typeof text === 'string' ? whosaidAnswer(text, quotes().whosaid(text, limit)) : text;
    },
    quotesBy(speaker, window) {
      const name = speakerName(speaker);
      return typeof name === 'string' ? speakerAnswer(name, quotes().bySpeaker(name, window)) : name;
    },
    quotesIn(articleId) {
      const id = articleId.trim();
      if (!hasArticle(id)) return failure({ kind: 'unknown-article-id', id });
      return { ok: true, article: id, matches: quotes().byArticle(id) };
    },
    speakers: (typed, limit = 25) => quotes().speakers(typed, limit),
  };
}

/** The text whosaid looks up for what was typed (trimmed, cut to the longest query), or why there is nothing to look up. */
export function whosaidText(quote: string): string | Failure {
  const text = quote.trim().slice(0, ASK_LIMITS.maxQuoteQuery);
  return hasQuoteWords(text) ? text : failure({ kind: 'no-quote-words' });
}

/** whosaid's answer for `text` from the matches found: none is a failure telling why. */
export function whosaidAnswer(text: string, matches: QuoteMatch[]): Result<{ quote: string; matches: QuoteMatch[] }> {
  if (!matches.length) return failure({ kind: contentWords(text).length ? 'quote-no-match' : 'quote-common-words' });
  return { ok: true, quote: text, matches };
}

/** The name `/quotes` looks up for what was typed (trimmed), or why it cannot be a name. */
export function speakerName(speaker: string): string | Failure {
  const name = speaker.trim();
  return contentWords(name).length === 0 ? failure({ kind: 'no-name' }) : name;
}

/** `/quotes`'s answer for `name` from the speaker found (null: nobody by that name). */
export function speakerAnswer(name: string, found: SpeakerQuotes | null): Result<SpeakerQuotes> {
  return found ? { ok: true, ...found } : failure({ kind: 'unknown-speaker', name });
}

/** Articles newest first with their normalised title and id, for autocomplete. */
function articleIndex(archive: Archive): Array<{ article: Article; key: string }> {
  return [...archive.articles.values()]
    .sort((a, b) => archive.dayOf(b.id).localeCompare(archive.dayOf(a.id)))
    .map((article) => ({ article, key: titleKeys(article).holding }));
}

/** How `/summary article:` finds an article by what is typed: its title normalised and spacing collapsed (`same`), and its title and id normalised (`holding`). */
export function titleKeys(article: Pick<Article, 'title' | 'id'>): { same: string; holding: string } {
  return { same: typedTitle(article.title), holding: normalizeText(`${article.title} ${article.id}`) };
}

/** A typed title as `titleKeys` compares it: normalised, spacing collapsed. */
export function typedTitle(typed: string): string {
  return normalizeText(typed).replace(/\s+/g, ' ').trim();
}


/** The article an id or a title names: the id first, then the one title equal to it, then the one title holding it. */
function resolveArticle(archive: Archive, titles: ReturnType<typeof articleIndex>, idOrTitle: string): Article | Failure {
  const wanted = idOrTitle.trim();
  const byId = archive.articles.get(wanted);
  if (byId) return byId;
  const key = typedTitle(wanted);
  if (key) {
    const same = titles.filter((t) => typedTitle(t.article.title) === key);
    if (same.length === 1) return same[0]!.article;
    const holding = same.length ? same : titles.filter((t) => t.key.includes(key));
    if (holding.length === 1) return holding[0]!.article;
    if (holding.length > 1) {
      const choices = holding.slice(0, ASK_LIMITS.articleChoices).map(({ article }) => articleRef(article));
      return failure({ kind: 'ambiguous-title', wanted, count: holding.length, choices });
    }
  }
  return failure({ kind: 'unknown-article', wanted });
}

/** A topic to summarise as asked (the question `/ask` is asked), or why it cannot be: a bad sentence count or topic. */
export function checkTopic(topic: string, sentences: number | undefined): string | Failure {
  const bad = badSentenceCount(sentences);
  if (bad) return bad;
  const valid = AskQuery.safeParse({ question: topic });
  if (!valid.success) return askQueryFailure({ question: topic }, valid.error, () => 'topic');
  return valid.data.question;
}

/** The failure of a sentence count outside 1–`MAX_SENTENCES`, or null. */
export function badSentenceCount(sentences: number | undefined) {
  if (sentences === undefined || (Number.isInteger(sentences) && sentences >= 1 && sentences <= MAX_SENTENCES)) return null;
  return failure({ kind: 'bad-option', option: 'sentences', given: sentences, expected: `a whole number from 1 to ${MAX_SENTENCES}` });
}

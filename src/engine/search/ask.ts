import { normalizeText } from '../text/normalize.js';
import { analyze } from '../text/analyzer.js';
import { type Article, type ArticleRef, type Failure, type Passage, type Result, articleRef, failure } from '../types.js';
import { highlightRanges } from './highlight.js';
import type { PassageTable } from '../passages/table.js';
import type { PassageIndex } from './index/passageIndex.js';
import { Analyzer } from './terms.js';
import { type PlanOptions, type PlannedHit, inverseFrequency } from './planner.js';
import { rerank } from './rerank.js';
import { ASK_LIMITS, RANKING, RERANK } from '../options.js';
import type { z } from 'zod';
import { AskQuery, type ParsedQuestion, askQueryFailure, containsPhrases, parseQuestion, phraseHaystack } from './query.js';

/** One answer to a question: a verbatim passage and its citation. */
export interface AskResult {
  passage: string;
  score: number;
  article: ArticleRef;
  /** Offsets of the passage in the article body. */
  start: number;
  end: number;
  /** Ranges of the passage to show in bold: the words that matched the question. */
  highlights: Array<[number, number]>;
  /** Other articles carrying the same passage (syndicated copies), earliest first. */
  alsoIn: ArticleRef[];
  /** The speaker when the passage is a quotation attributed to someone. */
  speaker?: string;
}

/** The answer to `/ask` (CONTRACTS §2 `ask`). */
export interface AskAnswer {
  query: string;
  total: number;
  results: AskResult[];
  /** Quoted phrases no passage contains: the results match their words in any order instead. */
  relaxedPhrases?: string[];
}

/** What `ask` searches: the passages, their articles and the index over them. */
export interface PassageArchive {
  articles: ReadonlyMap<string, Article>;
  passages: PassageTable;
  index: PassageIndex;
  /** The planned BM25+ search over `index` (see `createPlanner`). */
  plan: (terms: string[], options: PlanOptions) => PlannedHit[];
  /** The publisher's calendar day of an article, as written (computed once per archive: date filters ask it for every candidate). */
  dayOf: (articleId: string) => string;
  /** Speaker of the quotation that covers a passage, when the quote index knows one. */
  speakerOf?: (passage: number) => string | undefined;
  /** The analyser of this archive's questions and passages (its memos belong to the archive). */
  analyzer: Analyzer;
}

/** A source name as it is matched: Arabic spelling variants, case and spacing ignored. */
export function sourceKey(name: string): string {
  return normalizeText(name).replace(/\s+/g, ' ').trim();
}

/** Finds the source as the corpus spells it, ignoring case, spaces and Arabic spelling variants. */
export function resolveSource(sources: Iterable<string>, wanted: string): string | undefined {
  const key = sourceKey(wanted);
  for (const source of sources) if (sourceKey(source) === key) return source;
  return undefined;
}

/** A question whose options are valid: the parsed options, the source as the corpus spells it, the question taken apart. */
export interface CheckedQuery {
  query: z.output<typeof AskQuery>;
  source?: string;
  question: ParsedQuestion;
}

/** Checks a question's options without searching: schema, dates, known source, searchable words. */
export function checkQuery(input: AskQuery, sources: readonly string[]): CheckedQuery | Failure {
  const parsed = AskQuery.safeParse(input);
  if (!parsed.success) return askQueryFailure(input, parsed.error);
  const query = parsed.data;
  let source: string | undefined;
  if (query.source) {
    source = resolveSource(sources, query.source);
    if (!source) return failure({ kind: 'unknown-source', given: query.source, known: [...sources] });
  }
  const question = parseQuestion(query.question);
  if (question.terms.length === 0 && question.phrases.length === 0) {
    return failure({ kind: 'no-searchable-words' });
  }
  return { query, source, question };
}

/**
 * What answering a question reads about the passages the search found, by passage number: the
 * embedded archive gives it from memory (`archiveView`), the PostgreSQL backend from the rows it
 * fetched for the hits (see `passagesToRead`).
 */
export interface AskView {
  /** Passages in the archive (for idf). */
  passageCount: number;
  /** Passages whose text holds a term (for idf). */
  textFrequency(term: string): number;
  /** Whether the text of a passage holds a term. */
  hasTerm(passage: number, term: string): boolean;
  /** A passage with its text and offsets. */
  passage(n: number): Passage;
  /** A passage's text alone. */
  text(n: number): string;
  /** The citation of a passage's article (its date cut to the day). */
  article(n: number): ArticleRef;
  /** The copy key of a passage (see `copyKey`). */
  copyKey(n: number): number;
  /** True for the first passage of its article. */
  isOpening(n: number): boolean;
  /** Speaker of the quotation that covers a passage, when known. */
  speakerOf?: (n: number) => string | undefined;
}

/** The view of an embedded archive. */
export function archiveView(archive: PassageArchive): AskView {
  const { passages, index } = archive;
  return {
    passageCount: passages.length,
    textFrequency: (term) => index.textFrequency(term),
    hasTerm: (n, term) => index.hasTerm(n, term),
    passage: (n) => passages.get(n),
    text: (n) => passages.text(n),
    article: (n) => articleRef(archive.articles.get(passages.articleId(n))!),
    copyKey: (n) => passages.copyKeys[n]!,
    isOpening: (n) => n === 0 || passages.article[n - 1] !== passages.article[n],
    ...(archive.speakerOf ? { speakerOf: archive.speakerOf } : {}),
  };
}

/** Answers a question with verbatim passages, best first, syndicated copies shown once. */
export function ask(archive: PassageArchive, input: AskQuery, sources: readonly string[]): Result<AskAnswer> {
  const checked = checkQuery(input, sources);
  if ('ok' in checked) return checked;
  const { query, source } = checked;
  const filtered = Boolean(source || query.from || query.to);
  const accept = (id: number) => {
    const articleId = archive.passages.articleId(id);
    const day = archive.dayOf(articleId);
    return (!source || archive.articles.get(articleId)!.source === source) && (!query.from || day >= query.from) && (!query.to || day <= query.to);
  };
  const scored = archive.plan(archive.analyzer.queryTerms(checked.question.text), { ...RANKING, ...(filtered ? { accept } : {}) });
  return answer(archiveView(archive), checked, scored, archive.analyzer);
}

/**
 * The answer to a checked question from its BM25+ hits (best first, filters applied): phrases
 * required, the best hits reranked, copies grouped, the page asked for cited; `analyzer` is the archive's (a fresh one
 * serves a view of rows).
 */
export function answer(view: AskView, { query, question }: CheckedQuery, scored: PlannedHit[], analyzer = new Analyzer()): Result<AskAnswer> {
  let hits = question.phrases.length ? withPhrases(view, scored, question.phrases) : scored;
  const relaxed = hits.length === 0 && question.phrases.length > 0 && question.terms.length > 0;
  if (relaxed) hits = scored;
  const idf = (term: string) => inverseFrequency(view.passageCount, view.textFrequency(term));
  const asked = new Set(question.terms);
  const namedLead = (id: number) => view.isOpening(id) && namesTitle(asked, view.article(id).title);
  hits = rerank(hits, question.terms, (id) => view.text(id), idf, RERANK, namedLead, analyzer);
  const { groups, total } = groupCopies(view, hits, query.offset + query.limit);
  if (total === 0) return failure({ kind: 'no-match', phrases: question.phrases.length > 0, source: Boolean(query.source), dates: Boolean(query.from || query.to) });
  const stems = new Set(question.terms);
  const results = groups.slice(query.offset, query.offset + query.limit).map(({ id, score, copies }) => {
    const passage = view.passage(id);
    const speaker = view.speakerOf?.(id);
    return {
      passage: passage.text,
      score: Math.round(score * 1000) / 1000,
      article: view.article(id),
      start: passage.start,
      end: passage.end,
      highlights: highlightRanges(passage.text, stems, analyzer),
      alsoIn: copies.map((n) => view.article(n)),
      ...(speaker ? { speaker } : {}),
    };
  });
  return { ok: true, query: query.question, total, results, ...(relaxed ? { relaxedPhrases: question.phraseTexts } : {}) };
}

/** Idf of an index term over the archive's passages, in BM25's form (never negative). */
export function passageIdf(archive: Pick<PassageArchive, 'index' | 'passages'>): (term: string) => number {
  const passages = archive.passages.length;
  return (term) => inverseFrequency(passages, archive.index.textFrequency(term));
}

/**
 * The hits whose passages `answer` may read, best first: the window it groups copies in and, for
 * a question with phrases, the hits it checks for them (those holding every phrase term).
 */
export function passagesToRead({ query, question }: CheckedQuery, scored: PlannedHit[], hasTerm: (passage: number, term: string) => boolean): number[] {
  const ids = new Set(scored.slice(0, groupingWindow(query.offset + query.limit)).map((h) => h.id));
  if (question.phrases.length) {
    const stems = [...new Set(question.phrases.flat())];
    let checked = 0;
    for (const hit of scored) {
      if (checked >= ASK_LIMITS.phraseChecks) break;
      if (stems.every((stem) => hasTerm(hit.id, stem))) {
        checked++;
        ids.add(hit.id);
      }
    }
  }
  return [...ids];
}

/** True when a question holds every stem of an article's title (it asks about that article's subject). */
function namesTitle(asked: ReadonlySet<string>, title: string): boolean {
  const stems = analyze(title);
  return stems.length > 0 && stems.every((stem) => asked.has(stem));
}

/** The best hits whose passage contains every phrase: first those holding all the phrase's terms (index lookups), then the text. */
function withPhrases(view: AskView, hits: PlannedHit[], phrases: string[][]): PlannedHit[] {
  const stems = [...new Set(phrases.flat())];
  const found: PlannedHit[] = [];
  let checked = 0;
  for (const hit of hits) {
    if (checked >= ASK_LIMITS.phraseChecks) break;
    if (!stems.every((stem) => view.hasTerm(hit.id, stem))) continue;
    checked++;
    if (containsPhrases(phraseHaystack(view.text(hit.id)), phrases)) found.push(hit);
  }
  return found;
}

interface CopyGroup {
  /** Number of the leading passage (from the earliest article). */
  id: number;
  score: number;
  /** Numbers of the other copies. */
  copies: number[];
}

/**
 * Groups hits whose passage text is the same but for spacing (syndicated copies); the earliest
 * article leads each group. Only the best hits are compared, enough for the page asked for; texts
 * are read only for hits whose copy key matches an earlier one.
 */
function groupCopies(view: AskView, hits: PlannedHit[], needed: number): { groups: CopyGroup[]; total: number } {
  const byKey = new Map<number, CopyGroup[]>();
  const groups: CopyGroup[] = [];
  const spaced = (n: number) => view.text(n).replace(/\s+/g, ' ');
  const day = (n: number) => view.article(n).date;
  const window = hits.slice(0, groupingWindow(needed));
  for (const hit of window) {
    const key = view.copyKey(hit.id);
    const sameKey = byKey.get(key) ?? [];
    const text = sameKey.length ? spaced(hit.id) : '';
    const group = sameKey.find((g) => spaced(g.id) === text);
    if (!group) {
      const created = { id: hit.id, score: hit.score, copies: [] };
      groups.push(created);
      byKey.set(key, [...sameKey, created]);
    } else if (day(hit.id) < day(group.id)) {
      group.copies.unshift(group.id);
      group.id = hit.id;
    } else group.copies.push(hit.id);
  }
  return { groups, total: groups.length + hits.length - window.length };
}

/** How many of the best hits are grouped for copies when `needed` results are asked for. */
function groupingWindow(needed: number): number {
  return Math.max(ASK_LIMITS.groupedHits, needed * 4);
}

/** Turns one corpus record into an `Article`, or into the problem that gets it skipped. */
import type { z } from 'zod';
import type { Article, CorpusProblem } from '../types.js';
import { ArticleInput } from './schema.js';
import { detectLang } from './lang.js';
import { articleLink } from './links.js';
import { bodySentences } from '../text/sentences.js';

/** Where a record comes from. */
export interface RecordOrigin {
  /** The corpus file, relative to the corpus folder. */
  file: string;
  /** The id to use when the record gives none: the file's path without extension, `#N` for the Nth record. */
  fallbackId: string;
  /** 1-based line of a `.jsonl` record. */
  line?: number;
}

/** An article (with warnings about what was mended in it), or the problem that gets its record skipped. */
export type RecordResult = { article: Article; warnings: CorpusProblem[] } | { problem: CorpusProblem };

/** How much of a bad value a problem quotes. */
const MAX_SHOWN_VALUE = 60;
/** The longest title made from a body's first sentence. */
const MAX_DERIVED_TITLE = 120;
const ARTICLE_FIELDS = new Set(['id', 'title', 'body', 'date', 'source', 'url', 'lang', 'author']);

/** Messages for the issues zod words for programmers rather than for people keeping a corpus. */
const explainIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined) return 'is missing';
  return undefined;
};

/** A problem of the record's file, at its line when it has one. */
export function recordProblem(origin: Pick<RecordOrigin, 'file' | 'line'>, reason: string, field?: string): CorpusProblem {
  return {
    file: origin.file,
    ...(origin.line === undefined ? {} : { line: origin.line }),
    ...(field === undefined ? {} : { field }),
    reason,
  };
}

/** A title for an article that has none: its body's first sentence, cut at a word when long. */
export function titleFromBody(body: string): string {
  const first = (bodySentences(body)[0]?.text ?? body.trim()).replace(/\s+/g, ' ');
  if (first.length <= MAX_DERIVED_TITLE) return first;
  const cut = first.slice(0, MAX_DERIVED_TITLE - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_DERIVED_TITLE / 2 ? cut.slice(0, space) : cut}…`;
}

/** `an array`, `null`, `string`, … for a message about a value that should have been an object. */
export function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

/** True for a JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a record laid over its folder's defaults (the record's own fields win) and builds the
 * article: the given id or the fallback, the language detected when absent, extra fields kept in `meta`.
 */
export function toArticle(record: unknown, defaults: Record<string, unknown>, origin: RecordOrigin): RecordResult {
  if (!isPlainObject(record)) return { problem: recordProblem(origin, `expected an article object, got ${kindOf(record)}`) };
  const merged = { ...defaults, ...record };
  const parsed = ArticleInput.safeParse(merged, { error: explainIssue });
  if (!parsed.success) {
    const issues = parsed.error.issues.map(({ path, message }) => ({ field: path.map(String).join('.'), message }));
    const reasons = issues.map(({ field, message }) => {
      const reason = message.startsWith(`${field} `) ? message : `${field}: ${message}`;
      const given = merged[field];
      const shown = typeof given === 'string' ? given.trim() !== '' : typeof given === 'number' || typeof given === 'boolean';
      return shown ? `${reason}, got ${JSON.stringify(given).slice(0, MAX_SHOWN_VALUE)}` : reason;
    });
    return { problem: recordProblem(origin, reasons.join('; '), issues[0]?.field) };
  }
  const input = parsed.data;
  const warnings: CorpusProblem[] = [];
  const warn = (field: string, reason: string) => warnings.push({ ...recordProblem(origin, reason, field), kept: true });
  // NFC, so that the same word typed or stored in decomposed form (ا + U+0653) reads, matches and quotes the same.
  const body = input.body.replace(/\r\n?/g, '\n').normalize('NFC');
  const titleDerived = !input.title;
  const title = (input.title || titleFromBody(body)).normalize('NFC');
  if (titleDerived) warn('title', `title: ${input.title === undefined || input.title === null ? 'is missing' : 'is empty'}; made from the body's first sentence`);
  const link = input.url ? articleLink(input.url) : { url: null };
  if ('reason' in link) warn('url', `url: ${link.reason}; the article is kept without a link`);
  const given = Object.entries(input).filter(([key]) => !ARTICLE_FIELDS.has(key));
  const meta = Object.fromEntries(titleDerived ? [...given, ['titleDerived', true]] : given);
  const article: Article = {
    id: input.id ?? origin.fallbackId,
    title,
    body,
    date: input.date,
    source: input.source,
    url: link.url,
    lang: input.lang ?? detectLang(`${title}\n${body}`),
    author: input.author ?? null,
    file: origin.file,
  };
  return { article: Object.keys(meta).length ? { ...article, meta } : article, warnings };
}

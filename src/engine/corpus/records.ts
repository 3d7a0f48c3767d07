/** Turns one corpus record into an `Article`, or into the problem that gets it skipped. */
import type { z } from 'zod';
import type { Article, CorpusProblem } from '../types.js';
import { ArticleInput } from './schema.js';
import { detectLang } from './lang.js';

/** Where a record comes from. */
export interface RecordOrigin {
  /** The corpus file, relative to the corpus folder. */
  file: string;
  /** The id to use when the record gives none: the file's path without extension, `#N` for the Nth record. */
  fallbackId: string;
  /** 1-based line of a `.jsonl` record. */
  line?: number;
}

/** An article, or the problem with its record. */
export type RecordResult = { article: Article } | { problem: CorpusProblem };

/** How much of a bad value a problem quotes. */
const MAX_SHOWN_VALUE = 60;
const ARTICLE_FIELDS = new Set(['id', 'title', 'body', 'date', 'source', 'url', 'lang', 'author']);

/** Messages for the issues zod words for programmers rather than for people keeping a corpus. */
const explainIssue: z.core.$ZodErrorMap = (issue) => {
  if (issue.input === undefined) return 'is missing';
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'expected a URL such as https://example.com/news/1';
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
  // NFC, so that the same word typed or stored in decomposed form (ا + U+0653) reads, matches and quotes the same.
  const body = input.body.replace(/\r\n?/g, '\n').normalize('NFC');
  const title = input.title.normalize('NFC');
  const meta = Object.fromEntries(Object.entries(input).filter(([key]) => !ARTICLE_FIELDS.has(key)));
  const article: Article = {
    id: input.id ?? origin.fallbackId,
    title,
    body,
    date: input.date,
    source: input.source,
    url: input.url ?? null,
    lang: input.lang ?? detectLang(`${title}\n${body}`),
    author: input.author ?? null,
    file: origin.file,
  };
  return { article: Object.keys(meta).length ? { ...article, meta } : article };
}

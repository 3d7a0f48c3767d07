/** Parses one corpus file of any supported format (CONTRACTS §1) into articles and problems. */
import { posix } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Article, CorpusProblem } from '../types.js';
import type { Defaults } from './defaults.js';
import { cleanText } from './decode.js';
import { parseRawText } from './rawText.js';
import { isPlainObject, kindOf, recordProblem, toArticle, type RecordOrigin, type RecordResult } from './records.js';

/** The articles a file gives and the problems found in it. */
export interface ParsedFile {
  articles: Article[];
  problems: CorpusProblem[];
}

/** The file extensions that hold articles. */
export const ARTICLE_EXTENSIONS: readonly string[] = ['.md', '.json', '.jsonl', '.txt'];
/** Extensions of gzip-compressed article files: the usual shape of a news dump. */
export const COMPRESSED_EXTENSIONS: readonly string[] = ['.jsonl.gz', '.json.gz'];

/** How a corpus file is read: its format's extension (`.jsonl` for `a.jsonl.gz`), and whether it is gzipped; null for other files. */
export interface FileFormat {
  extension: string;
  compressed: boolean;
}

/** The format of a corpus file by its name, or null when it holds no articles. */
export function fileFormat(path: string): FileFormat | null {
  const lower = path.toLowerCase();
  const compressed = COMPRESSED_EXTENSIONS.find((e) => lower.endsWith(e));
  if (compressed) return { extension: compressed.slice(0, -'.gz'.length), compressed: true };
  const extension = posix.extname(lower);
  return ARTICLE_EXTENSIONS.includes(extension) ? { extension, compressed: false } : null;
}

/**
 * Parses a corpus file by its extension (`.md`, `.json`, `.jsonl`, `.txt`, and `.json.gz`/`.jsonl.gz` once
 * decompressed; anything else gives nothing),
 * with the defaults of its folder under every record. Pure: a bad record is a problem, never an exception.
 */
export function parseArticleFile(relPath: string, content: string, defaults: Defaults): ParsedFile {
  const format = fileFormat(relPath);
  const extension = format?.extension ?? posix.extname(relPath).toLowerCase();
  const suffix = extension.length + (format?.compressed ? '.gz'.length : 0);
  const origin: RecordOrigin = { file: relPath, fallbackId: relPath.slice(0, relPath.length - suffix) };
  const text = cleanText(content);
  switch (extension) {
    case '.md':
      return collect(parseMarkdown(text, defaults, origin));
    case '.json':
      return collect(parseJson(text, defaults, origin));
    case '.jsonl':
      return collect(parseJsonLines(text, defaults, origin));
    case '.txt':
      return collect([parseTxt(text, defaults, origin)]);
    default:
      return { articles: [], problems: [] };
  }
}

/** Sorts record results into the file's articles and problems, in order. */
function collect(results: Iterable<RecordResult>): ParsedFile {
  const parsed: ParsedFile = { articles: [], problems: [] };
  for (const result of results) {
    if ('article' in result) {
      parsed.articles.push(result.article);
      parsed.problems.push(...result.warnings);
    } else parsed.problems.push(result.problem);
  }
  return parsed;
}

const FENCE = /^---[ \t]*$/;
const CLOSING_FENCE = /^(---|\.\.\.)[ \t]*$/;

/** YAML front matter between `---` lines, then the body. A file without front matter is all body. */
function parseMarkdown(text: string, defaults: Defaults, origin: RecordOrigin): RecordResult[] {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '')) return [toArticle({ body: text.trim() }, defaults, origin)];
  const close = lines.findIndex((line, i) => i > 0 && CLOSING_FENCE.test(line));
  if (close < 0) return [{ problem: recordProblem(origin, 'front matter: no closing --- line') }];
  let fields: unknown;
  try {
    fields = parseYaml(lines.slice(1, close).join('\n')) ?? {};
  } catch (error) {
    return [{ problem: recordProblem(origin, `front matter: ${firstLine(error)}`) }];
  }
  if (!isPlainObject(fields)) return [{ problem: recordProblem(origin, `front matter: expected "field: value" lines, got ${kindOf(fields)}`) }];
  return [toArticle({ ...fields, body: lines.slice(close + 1).join('\n').trim() }, defaults, origin)];
}

/** One article object, or an array of them (the Nth gets `#N` after its fallback id). */
function parseJson(text: string, defaults: Defaults, origin: RecordOrigin): RecordResult[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return [{ problem: recordProblem(origin, `invalid JSON: ${firstLine(error)}`) }];
  }
  if (isPlainObject(value)) return [toArticle(value, defaults, origin)];
  if (!Array.isArray(value)) return [{ problem: recordProblem(origin, `expected an article object or an array of them, got ${kindOf(value)}`) }];
  return value.map((record, i) => toArticle(record, defaults, { ...origin, fallbackId: `${origin.fallbackId}#${i + 1}` }));
}

/** One article object per line; blank lines skipped; the record on line N gets `#N` after its fallback id. */
function* parseJsonLines(text: string, defaults: Defaults, origin: RecordOrigin): Generator<RecordResult> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const lineOrigin = { ...origin, fallbackId: `${origin.fallbackId}#${i + 1}`, line: i + 1 };
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      yield { problem: recordProblem(lineOrigin, `invalid JSON: ${firstLine(error)}`) };
      continue;
    }
    yield toArticle(record, defaults, lineOrigin);
  }
}

/** A raw scraped article; without a date line it needs a date from the folder's defaults. */
function parseTxt(text: string, defaults: Defaults, origin: RecordOrigin): RecordResult {
  const { title, date, body } = parseRawText(text);
  if (date === null && defaults.date === undefined) return { problem: recordProblem(origin, 'date: no date line found', 'date') };
  return toArticle({ title, body, ...(date === null ? {} : { date }) }, defaults, origin);
}

/** The first line of an error message (YAML adds a snippet of the file after it). */
function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.replace(/:$/, '');
}

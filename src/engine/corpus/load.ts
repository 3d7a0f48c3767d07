/** Loads a whole corpus folder: walks it, applies defaults, parses every file, rejects duplicate ids. */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Article, CorpusProblem } from '../types.js';
import { defaultsByFolder, parseDefaults, type Defaults } from './defaults.js';
import { decodeCorpusBytes } from './decode.js';
import { fileFormat, parseArticleFile } from './formats.js';
import { DEFAULTS_FILE, describeError, walkCorpus, type CorpusFile } from './walk.js';
import { LOAD_LIMITS } from '../options.js';

/** A loaded corpus: its articles, what was wrong with it, the files read (for the cache fingerprint), and those skipped for their type. */
export interface CorpusLoad {
  articles: Article[];
  problems: CorpusProblem[];
  files: CorpusFile[];
  skipped: string[];
}

/** How the loader treats large files. */
export interface CorpusOptions {
  /** Largest `.jsonl` file read (and `.jsonl.gz`/`.json.gz` once decompressed), in bytes. Default: {@link DEFAULT_MAX_JSONL_BYTES}. */
  maxJsonlBytes?: number;
  /** Largest file of any other kind read, in bytes (one article, or a `.json` array). Default: {@link DEFAULT_MAX_FILE_BYTES}. */
  maxFileBytes?: number;
  /** Read only these article files (paths relative to the corpus folder); the others are listed but not parsed. Default: all. */
  only?: ReadonlySet<string>;
}

/** 1 GB: a whole archive in one `.jsonl` file (the 31,523-article ANT corpus is 100 MB). */
export const DEFAULT_MAX_JSONL_BYTES = 1024 * 1024 * 1024;
/** 5 MB: far more than any single article. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;


/**
 * Loads every article under `dir` (CONTRACTS §1). Never throws for a bad or unreadable file, nor for
 * a missing folder: each is a problem in the result, and everything else still loads. Files are
 * decoded from UTF-8, UTF-16 or Windows-1256 (see `decodeCorpusBytes`); empty, binary and
 * oversized files are rejected.
 */
export async function loadCorpus(dir: string, options: CorpusOptions = {}): Promise<CorpusLoad> {
  const { files, problems, skipped } = await walkCorpus(dir);
  const read = async (file: CorpusFile): Promise<string | null> => {
    const format = fileFormat(file.path);
    const limit = format?.extension === '.jsonl' || format?.compressed
      ? options.maxJsonlBytes ?? DEFAULT_MAX_JSONL_BYTES
      : options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    try {
      if (file.size > limit) throw new TooLarge(file.size, limit, file.path);
      const bytes = format?.compressed ? await gunzipFile(join(dir, file.path), limit, file.path) : await readFile(join(dir, file.path));
      if (bytes.length > limit) throw new TooLarge(bytes.length, limit, file.path);
      const decoded = decodeCorpusBytes(bytes);
      if ('reason' in decoded) {
        problems.push({ file: file.path, reason: decoded.reason });
        return null;
      }
      return decoded.text;
    } catch (error) {
      const reason = error instanceof TooLarge ? error.message : `unreadable: ${describeError(error)}`;
      problems.push({ file: file.path, reason });
      return null;
    }
  };

  const ownDefaults = new Map<string, Defaults>();
  for (const file of files.filter((f) => posix.basename(f.path) === DEFAULTS_FILE)) {
    const content = await read(file);
    if (content === null) continue;
    const parsed = parseDefaults(file.path, content);
    ownDefaults.set(posix.dirname(file.path), parsed.defaults);
    problems.push(...parsed.problems);
  }
  const defaultsIn = defaultsByFolder(ownDefaults);

  const articles: Article[] = [];
  const articleFiles = files.filter((f) => posix.basename(f.path) !== DEFAULTS_FILE && (!options.only || options.only.has(f.path)));
  for (let start = 0; start < articleFiles.length; start += LOAD_LIMITS.readConcurrency) {
    const batch = articleFiles.slice(start, start + LOAD_LIMITS.readConcurrency);
    const contents = await Promise.all(batch.map(read));
    batch.forEach((file, i) => {
      const content = contents[i];
      if (content === undefined || content === null) return;
      const parsed = parseArticleFile(file.path, content, defaultsIn(posix.dirname(file.path)));
      articles.push(...parsed.articles);
      problems.push(...parsed.problems);
    });
  }

  const unique = dropDuplicateIds(articles);
  return { articles: unique.articles, problems: inFileOrder([...problems, ...unique.problems]), files, skipped };
}

/** A gzipped file's bytes, decompressed as a stream that stops once they pass `limit` (a small file may inflate enormously). */
async function gunzipFile(path: string, limit: number, relPath: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  const gunzip = createReadStream(path).pipe(createGunzip());
  for await (const chunk of gunzip as AsyncIterable<Buffer>) {
    length += chunk.length;
    if (length > limit) {
      gunzip.destroy();
      throw new TooLarge(length, limit, relPath, 'decompressed ');
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, length);
}

/** Problems sorted by file, then line (files are read concurrently, so they are found in any order). */
function inFileOrder(problems: CorpusProblem[]): CorpusProblem[] {
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return problems.map((p, i) => ({ p, i })).sort((a, b) => byPath(a.p.file, b.p.file) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i).map(({ p }) => p);
}

/** A file over the size limit, in words that say what to do about it. */
class TooLarge extends Error {
  constructor(size: number, limit: number, path: string, what = '') {
    const kind = posix.extname(path).toLowerCase() || 'such';
    super(`too large: ${what}${formatBytes(size)}${what ? ' or more' : ''}, over the ${formatBytes(limit)} limit for ${kind} files; split it into smaller files`);
  }
}

/** `7.3 MB`, `512 bytes`. */
function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** Keeps the first article of each id; a duplicate is reported in both files, each naming the other. */
export function dropDuplicateIds(articles: readonly Article[]): { articles: Article[]; problems: CorpusProblem[] } {
  const firstById = new Map<string, Article>();
  const problems: CorpusProblem[] = [];
  for (const article of articles) {
    const first = firstById.get(article.id);
    if (!first) {
      firstById.set(article.id, article);
      continue;
    }
    problems.push(
      { file: first.file, field: 'id', reason: `id: duplicate id "${article.id}", also in ${article.file}; this one is kept` },
      { file: article.file, field: 'id', reason: `id: duplicate id "${article.id}", already in ${first.file}; this one is skipped` },
    );
  }
  return { articles: [...firstById.values()], problems };
}

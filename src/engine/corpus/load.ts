/** Loads a whole corpus folder: walks it, applies defaults, parses every file, rejects duplicate ids. */
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Article, CorpusProblem } from '../types.js';
import { defaultsByFolder, parseDefaults, type Defaults } from './defaults.js';
import { parseArticleFile } from './formats.js';
import { DEFAULTS_FILE, describeError, walkCorpus, type CorpusFile } from './walk.js';

/** A loaded corpus: its articles, what was wrong with it, and the files read (for the cache fingerprint). */
export interface CorpusLoad {
  articles: Article[];
  problems: CorpusProblem[];
  files: CorpusFile[];
}

/** How many files are read at once. */
const READ_CONCURRENCY = 32;

/**
 * Loads every article under `dir` (CONTRACTS §1). Never throws for a bad or unreadable file, nor for
 * a missing folder: each is a problem in the result, and everything else still loads.
 */
export async function loadCorpus(dir: string): Promise<CorpusLoad> {
  const { files, problems } = await walkCorpus(dir);
  const read = async (file: CorpusFile): Promise<string | null> => {
    try {
      return await readFile(join(dir, file.path), 'utf8');
    } catch (error) {
      problems.push({ file: file.path, reason: `unreadable: ${describeError(error)}` });
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
  const articleFiles = files.filter((f) => posix.basename(f.path) !== DEFAULTS_FILE);
  for (let start = 0; start < articleFiles.length; start += READ_CONCURRENCY) {
    const batch = articleFiles.slice(start, start + READ_CONCURRENCY);
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
  return { articles: unique.articles, problems: [...problems, ...unique.problems], files };
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

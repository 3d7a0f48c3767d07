import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArticleFile } from '../src/engine/corpus/index.js';
import type { Article } from '../src/engine/types.js';

/** The shared development data: `EVAL_DIR` when set, else beside the repository (`../shared/eval`). */
export const EVAL_DIR = process.env.EVAL_DIR ? `${process.env.EVAL_DIR.replace(/\/+$/, '')}/` : fileURLToPath(new URL('../../shared/eval/', import.meta.url));

/** Reads a JSON-lines file of the eval folder into objects. */
export function readJsonLines<T>(relativePath: string): T[] {
  return readFileSync(EVAL_DIR + relativePath, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

/** Loads a corpus-format `.jsonl` file of the eval folder as articles, failing loudly on any problem. */
export function readCorpusFile(relativePath: string): Article[] {
  const { articles, problems } = parseArticleFile(relativePath, readFileSync(EVAL_DIR + relativePath, 'utf8'), {});
  if (problems.length) throw new Error(`${relativePath}: ${problems.length} problems, first: ${JSON.stringify(problems[0])}`);
  return articles;
}

/**
 * Incremental updates: when a few corpus files are added, changed or removed, only those files
 * are read and only their new or edited articles are analysed; the rest of the archive (postings,
 * passages, quotations) is carried over as it is.
 */
import { posix } from 'node:path';
import { type Archive, completeArchive } from '../archive.js';
import { nextTurn } from './buildArchive.js';
import { indexParts } from './parts.js';
import { loadCorpus } from '../corpus/index.js';
import { dropDuplicateIds } from '../corpus/load.js';
import { DEFAULTS_FILE, type CorpusFile } from '../corpus/walk.js';
import { PassageTable } from '../passages/table.js';
import { mergePassageIndex } from '../search/index/merge.js';
import { PassageIndex } from '../search/index/passageIndex.js';
import type { Article, CorpusProblem } from '../types.js';
import { BUILD_LIMITS } from '../options.js';

/** An archive and the corpus load it reflects. */
export interface CorpusState {
  archive: Archive;
  problems: CorpusProblem[];
  files: CorpusFile[];
}

/** Files that differ between two listings of the corpus. */
export interface FileChanges {
  added: string[];
  changed: string[];
  removed: string[];
}

/** Compares two listings by path, size and modification time. */
export function fileChanges(before: readonly CorpusFile[], after: readonly CorpusFile[]): FileChanges {
  const old = new Map(before.map((f) => [f.path, f]));
  const now = new Map(after.map((f) => [f.path, f]));
  const differs = (f: CorpusFile) => old.get(f.path)!.size !== f.size || old.get(f.path)!.mtimeMs !== f.mtimeMs;
  return {
    added: [...now.keys()].filter((p) => !old.has(p)),
    changed: after.filter((f) => old.has(f.path) && differs(f)).map((f) => f.path),
    removed: [...old.keys()].filter((p) => !now.has(p)),
  };
}

/**
 * The corpus state after `changes`, made from `previous` by reading only the added and changed
 * files; null when a full rebuild is the right way (a `_defaults.json` changed, or most articles did).
 */
export async function updateCorpusState(previous: CorpusState, corpusDir: string, files: CorpusFile[], changes: FileChanges): Promise<CorpusState | null> {
  const touched = [...changes.added, ...changes.changed, ...changes.removed];
  if (touched.some((path) => posix.basename(path) === DEFAULTS_FILE)) return null;
  const reread = new Set([...changes.added, ...changes.changed]);
  const corpus = await loadCorpus(corpusDir, { only: reread });
  const gone = new Set([...changes.changed, ...changes.removed]);
  const old = [...previous.archive.articles.values()];
  const unchanged = (article: Article) => {
    const before = previous.archive.articles.get(article.id);
    return before !== undefined && before.file === article.file && sameArticle(before, article);
  };
  const kept = new Set(corpus.articles.filter(unchanged).map((a) => a.id));
  const keep = Uint8Array.from(old, (a) => (!gone.has(a.file) || kept.has(a.id) ? 1 : 0));
  const survivors = old.filter((_, i) => keep[i]);
  const fresh = dropDuplicateIds([...survivors, ...corpus.articles.filter((a) => !kept.has(a.id))]);
  const added = fresh.articles.slice(survivors.length);
  if (added.length + (old.length - survivors.length) > BUILD_LIMITS.maxUpdatedShare * Math.max(old.length, 1)) return null;
  const rereadProblem = (p: CorpusProblem) => reread.has(p.file) || gone.has(p.file) || !files.some((f) => f.path === p.file);
  return {
    archive: await updateArchive(previous.archive, keep, added),
    problems: [...previous.problems.filter((p) => !rereadProblem(p)), ...corpus.problems, ...fresh.problems],
    files,
  };
}

/**
 * The archive with the articles `keep` marks (by position) and `added` appended: new articles are
 * analysed, the rest is copied, in steps between which the event loop runs.
 */
async function updateArchive(archive: Archive, keep: Uint8Array, added: Article[]): Promise<Archive> {
  const old = [...archive.articles.values()];
  const articles = [...old.filter((_, i) => keep[i]), ...added];
  const addedParts = indexParts(added);
  await nextTurn();
  const index = mergePassageIndex(archive.index, keep, new PassageIndex(addedParts.index));
  await nextTurn();
  const { passages } = archive;
  const keptPassages = Array.from({ length: passages.length }, (_, n) => n).filter((n) => keep[passages.article[n]!]);
  const articleNumber = new Map(articles.map((a, i) => [a.id, i]));
  const fresh = addedParts.spans;
  const count = keptPassages.length + fresh.article.length;
  const spans = { article: new Uint32Array(count), start: new Uint32Array(count), end: new Uint32Array(count), copyKeys: new Uint32Array(count) };
  keptPassages.forEach((n, i) => {
    spans.article[i] = articleNumber.get(passages.articleId(n))!;
    spans.start[i] = passages.start[n]!;
    spans.end[i] = passages.end[n]!;
    spans.copyKeys[i] = passages.copyKeys[n]!;
  });
  // The added articles follow the kept ones; their passages' article numbers count from there.
  for (let i = 0; i < fresh.article.length; i++) fresh.article[i]! += articles.length - added.length;
  spans.article.set(fresh.article, keptPassages.length);
  spans.start.set(fresh.start, keptPassages.length);
  spans.end.set(fresh.end, keptPassages.length);
  spans.copyKeys.set(fresh.copyKeys, keptPassages.length);
  await nextTurn();
  const quotes = archive.quotes.update(keep, added);
  await nextTurn();
  return completeArchive({
    articles: new Map(articles.map((a) => [a.id, a])),
    passages: PassageTable.fromSpans(articles, spans),
    index,
    quotes: () => quotes,
    quotationCount: quotes.size,
  });
}

/** Whether a re-read article is the one already indexed (every field, body included). */
function sameArticle(a: Article, b: Article): boolean {
  return a.title === b.title && a.date === b.date && a.source === b.source && a.url === b.url && a.lang === b.lang && a.author === b.author && a.body === b.body && JSON.stringify(a.meta) === JSON.stringify(b.meta);
}

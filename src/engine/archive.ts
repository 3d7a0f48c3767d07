import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { segmentArticle } from './passages.js';
import { QuoteIndex, type QuoteIndexData } from './quotes/index.js';
import { type PassageArchive, utcDay } from './search/ask.js';
import { createPlanner, createTermCheck } from './search/planner.js';
import { type IndexedPassage, MINISEARCH_OPTIONS, buildMiniSearch } from './search/passageIndex.js';
import type { Article, Passage } from './types.js';

/** Bumped whenever the cached layout or the analysis changes, so stale caches are rebuilt. */
export const CACHE_VERSION = 5;

/** The searchable archive built from a corpus. */
export interface Archive extends PassageArchive {
  articles: Map<string, Article>;
  passages: Passage[];
  /** Sources in the corpus, sorted. */
  sources: string[];
  /** Every quotation of the corpus with its speaker. */
  quotes: QuoteIndex;
}

/** Cuts every article into passages, indexes them, and finds every quotation. */
export function buildArchive(articles: Article[]): Archive {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const passages = articles.flatMap((a) => segmentArticle(a));
  const index = buildMiniSearch(passages, (p) => byId.get(p.articleId)!.title);
  return complete({ articles: byId, passages, index, quotes: QuoteIndex.build(articles) });
}

/** Adds what is derived from the parts: the sorted sources and the speaker of each passage. */
function complete(archive: Omit<Archive, 'sources' | 'speakerOf' | 'plan' | 'hasTerm' | 'dayOf'>): Archive {
  const sources = [...new Set([...archive.articles.values()].map((a) => a.source))].sort((a, b) => a.localeCompare(b));
  const speakerOf = (passage: Passage) => archive.quotes.quoteAt(passage.articleId, passage.start, passage.end)?.speaker ?? undefined;
  const days = new Map([...archive.articles.values()].map((a) => [a.id, utcDay(a.date)]));
  const dayOf = (articleId: string) => days.get(articleId) ?? '';
  return { ...archive, sources, speakerOf, dayOf, plan: createPlanner(archive.index), hasTerm: createTermCheck(archive.index) };
}

interface CachedArchive {
  version: number;
  fingerprint: string;
  articles: Article[];
  /** `[articleNumber, start, end]` per passage: the text is sliced from the article body, stored once. */
  passages: Array<[number, number, number]>;
  index: unknown;
  quotes: QuoteIndexData;
}

function cacheFile(cacheDir: string, fingerprint: string): string {
  return join(cacheDir, `archive-v${CACHE_VERSION}-${fingerprint.slice(0, 16)}.json`);
}

/** Writes the archive to the cache folder atomically and removes older cache files. */
export async function saveArchive(archive: Archive, cacheDir: string, fingerprint: string): Promise<string> {
  await mkdir(cacheDir, { recursive: true });
  const articles = [...archive.articles.values()];
  const number = new Map(articles.map((a, i) => [a.id, i]));
  const cached: CachedArchive = {
    version: CACHE_VERSION,
    fingerprint,
    articles,
    passages: archive.passages.map((p) => [number.get(p.articleId)!, p.start, p.end]),
    index: archive.index.toJSON(),
    quotes: archive.quotes.toJSON(),
  };
  const file = cacheFile(cacheDir, fingerprint);
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(cached));
  await rename(temp, file);
  for (const name of await readdir(cacheDir)) {
    if (name.startsWith('archive-') && join(cacheDir, name) !== file) await rm(join(cacheDir, name), { force: true });
  }
  return file;
}

/** Loads the archive cached for this fingerprint, or returns null when there is none (or it is unreadable). */
export async function loadArchive(cacheDir: string, fingerprint: string): Promise<Archive | null> {
  let cached: CachedArchive;
  try {
    cached = JSON.parse(await readFile(cacheFile(cacheDir, fingerprint), 'utf8')) as CachedArchive;
  } catch {
    return null;
  }
  if (cached.version !== CACHE_VERSION || cached.fingerprint !== fingerprint) return null;
  const articles = new Map(cached.articles.map((a) => [a.id, a]));
  const passages: Passage[] = [];
  let previous = '';
  let index = 0;
  for (const [n, start, end] of cached.passages) {
    const article = cached.articles[n]!;
    index = article.id === previous ? index + 1 : 0;
    previous = article.id;
    passages.push({ id: `${article.id}@${start}`, articleId: article.id, index, start, end, text: article.body.slice(start, end) });
  }
  const search = MiniSearch.loadJS<IndexedPassage>(cached.index as Parameters<typeof MiniSearch.loadJS>[0], MINISEARCH_OPTIONS);
  return complete({ articles, passages, index: search, quotes: QuoteIndex.fromJSON(cached.quotes) });
}

import type pg from 'pg';
import type { ArchiveCatalog } from '../engine/engine.js';
import { type ArchiveStats, type ArticleRef, dayOf } from '../engine/types.js';
import { normalizeText } from '../engine/text/normalize.js';
import { reachable } from './availability.js';
import { sourcesOf } from './search.js';

/**
 * The catalog of the archive in PostgreSQL, for a bot or CLI that holds no corpus: its figures as
 * the database keeps them (read again on `reload`, which each ingested batch announces), and its
 * sources and titles read when asked, as the embedded engine gives them. A database that cannot be
 * reached is an `ArchiveUnavailableError`.
 */
export async function postgresCatalog(pool: pg.Pool): Promise<ArchiveCatalog> {
  let stats = await readStats(pool);
  return {
    stats: () => stats,
    sources: () => reachable(() => sourcesOf(pool)),
    findArticles: (typed, limit = 25) => reachable(() => articlesHolding(pool, typed, limit)),
    reload: oneAtATime(() =>
      reachable(async () => {
        stats = await readStats(pool);
        return { added: [], changed: [], removed: [], rejected: [], warnings: [], stats };
      }),
    ),
  };
}

/**
 * Articles whose normalised title and id (`title_key`, the embedded engine's `titleKeys(…).holding`)
 * contain the typed text normalised, newest first, ties in ingestion order (the embedded load order):
 * looked for in the narrow `articles_newest_titles` index, the rows read for the choices alone.
 */
async function articlesHolding(pool: pg.Pool, typed: string, limit: number): Promise<ArticleRef[]> {
  const rows = await pool.query<{ id: string; title: string; source: string; date: string; url: string | null }>(
    `SELECT a.id, a.title, a.source, a.date, a.url
     FROM (SELECT number, day FROM articles WHERE strpos(title_key, $1) > 0 ORDER BY day DESC, number LIMIT $2) AS hit
     JOIN articles a USING (number) ORDER BY hit.day DESC, hit.number`,
    [normalizeText(typed.trim()), limit],
  );
  return rows.rows.map((r) => ({ id: r.id, title: r.title, source: r.source, date: dayOf(r.date), url: r.url }));
}

/**
 * `work` run once at a time: calls made while it runs share a single run after it. Each ingested
 * batch announces itself, so a burst of announcements during one reload needs one more read, not one per batch.
 */
function oneAtATime<T>(work: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let queued: Promise<T> | null = null;
  const run = (): Promise<T> => {
    if (!running) {
      running = work().finally(() => (running = null));
      return running;
    }
    queued ??= running
      .then(() => undefined, () => undefined)
      .then(() => {
        queued = null;
        return run();
      });
    return queued;
  };
  return run;
}

/** The archive's figures from the database's totals, its number of sources and its first and last days (the ends of `articles_newest_titles`). */
async function readStats(pool: pg.Pool): Promise<ArchiveStats> {
  const [totals, sources] = await Promise.all([
    pool.query<{ articles: string; passages: string; quotations: string; first: string | null; last: string | null }>(
      'SELECT articles, passages, (SELECT quotations FROM quote_totals), (SELECT min(day) FROM articles) AS first, (SELECT max(day) FROM articles) AS last FROM corpus_stats',
    ),
    sourcesOf(pool),
  ]);
  const row = totals.rows[0];
  return {
    articles: Number(row?.articles ?? 0),
    passages: Number(row?.passages ?? 0),
    sources: sources.length,
    quotations: Number(row?.quotations ?? 0),
    firstDate: row?.first ?? null,
    lastDate: row?.last ?? null,
    rejectedFiles: 0,
    skippedFiles: 0,
    loadedAt: new Date().toISOString(),
    origin: 'update',
  };
}

import type pg from 'pg';
import { type ArchiveStats, type Engine, type Failure, failure } from '../engine/index.js';

/**
 * The engine a bot on PostgreSQL hands its commands besides `/ask`, `/summary` and the quotation
 * commands (which await the PostgreSQL archive instead, see `postgresArchive`): it holds no corpus
 * and no quotation, answers the commands PostgreSQL does not serve with a clear failure, and gives
 * the archive's figures as the database keeps them (read again on `reload`).
 */
export async function postgresEngine(pool: pg.Pool): Promise<Engine> {
  let stats = await readStats(pool);
  const unavailable = (): Failure => failure({ kind: 'not-on-postgres' });
  return {
    ask: unavailable,
    checkAsk: () => undefined,
    sources: () => [],
    findSources: () => [],
    article: () => undefined,
    summarizeArticle: unavailable,
    summarizeTopic: unavailable,
    whosaid: unavailable,
    quotesBy: unavailable,
    quotesIn: unavailable,
    speakers: () => [],
    findArticles: () => [],
    problems: () => [],
    stats: () => stats,
    reload: oneAtATime(async () => {
      stats = await readStats(pool);
      return { added: [], changed: [], removed: [], rejected: [], warnings: [], stats };
    }),
  };
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

/** The archive's figures from the database's totals. */
async function readStats(pool: pg.Pool): Promise<ArchiveStats> {
  const row = (await pool.query<{ articles: string; passages: string; quotations: string }>('SELECT articles, passages, (SELECT quotations FROM quote_totals) FROM corpus_stats')).rows[0];
  return {
    articles: Number(row?.articles ?? 0),
    passages: Number(row?.passages ?? 0),
    sources: 0,
    quotations: Number(row?.quotations ?? 0),
    firstDate: null,
    lastDate: null,
    rejectedFiles: 0,
    skippedFiles: 0,
    loadedAt: new Date().toISOString(),
    origin: 'update',
  };
}

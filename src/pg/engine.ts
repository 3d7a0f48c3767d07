import type pg from 'pg';
import { quoteAnswers } from '../engine/engine.js';
import { type ArchiveStats, type Engine, type Failure, failure } from '../engine/index.js';
import { readStoredQuotes } from './quotes.js';

/**
 * The engine a bot on PostgreSQL hands its commands besides `/ask` (which awaits the PostgreSQL
 * search instead, see `postgresAsk`): it holds no corpus, answers the quotation commands from the
 * quotations the ingestion stored (read at start and again on `reload`), answers the commands
 * PostgreSQL does not serve yet with a clear failure, and gives the archive's figures as the
 * database keeps them.
 */
export async function postgresEngine(pool: pg.Pool): Promise<Engine> {
  let [stats, quotes] = await Promise.all([readStats(pool), readStoredQuotes(pool)]);
  const unavailable = (): Failure => failure({ kind: 'not-on-postgres' });
  return {
    ask: unavailable,
    checkAsk: () => undefined,
    sources: () => [],
    findSources: () => [],
    article: () => undefined,
    summarizeArticle: unavailable,
    summarizeTopic: unavailable,
    ...quoteAnswers(() => quotes.index, (id) => quotes.articleIds.has(id)),
    findArticles: () => [],
    problems: () => [],
    stats: () => ({ ...stats, quotations: quotes.index.size }),
    reload: oneAtATime(async () => {
      [stats, quotes] = await Promise.all([readStats(pool), readStoredQuotes(pool)]);
      return { added: [], changed: [], removed: [], rejected: [], warnings: [], stats };
    }),
  };
}

/**
 * `work` run once at a time: calls made while it runs share a single run after it. Each ingested
 * batch announces itself, and a reload re-reads every quotation, so a burst of announcements during
 * one reload needs one more read, not one per batch.
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
  const row = (await pool.query<{ articles: string; passages: string }>('SELECT articles, passages FROM corpus_stats')).rows[0];
  return {
    articles: Number(row?.articles ?? 0),
    passages: Number(row?.passages ?? 0),
    sources: 0,
    quotations: 0,
    firstDate: null,
    lastDate: null,
    rejectedFiles: 0,
    skippedFiles: 0,
    loadedAt: new Date().toISOString(),
    origin: 'update',
  };
}

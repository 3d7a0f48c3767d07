import type pg from 'pg';
import { removeBatch } from './ingest.js';
import { inPoolTransaction } from './pool.js';
import { finishQuoteIndex } from './quoteIndexWrite.js';

/** The articles stored that a corpus folder no longer holds: their numbers, and how many articles are stored in all. */
export interface AbsentArticles {
  numbers: string[];
  stored: number;
}

/** The stored articles whose id is not among `ids` (the articles of the corpus folder ingested). */
export async function absentArticles(pool: pg.Pool, ids: readonly string[]): Promise<AbsentArticles> {
  const absent = await pool.query<{ number: string }>(
    'SELECT a.number FROM articles a LEFT JOIN unnest($1::text[]) AS kept(id) ON kept.id = a.id WHERE kept.id IS NULL ORDER BY a.number',
    [ids],
  );
  // The archive's total, kept exact by every ingestion batch, instead of counting the rows.
  const stored = await pool.query<{ n: string }>('SELECT articles AS n FROM corpus_stats');
  return { numbers: absent.rows.map((row) => row.number), stored: Number(stored.rows[0]!.n) };
}

/** Articles deleted per transaction by `--prune` when no `--batch` is given: each rewrites the postings rows its articles hold, under the ingestion lock. */
export const PRUNE_BATCH = 5000;

/**
 * Deletes the articles numbered `numbers` (their passages, quotations, postings and statistics
 * follow) in batches of `batchSize`, each one transaction announced to the bots as an ingestion
 * batch is, then clusters again the speakers the deletions touch; returns how many were deleted.
 * Stopped at any point, it leaves whole batches deleted.
 */
export async function pruneArticles(pool: pg.Pool, numbers: readonly string[], batchSize: number): Promise<number> {
  let removed = 0;
  for (let k = 0; k < numbers.length; k += batchSize) {
    removed += await inPoolTransaction(pool, (client) => removeBatch(client, numbers.slice(k, k + batchSize)));
  }
  await finishQuoteIndex(pool);
  return removed;
}

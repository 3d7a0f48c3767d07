import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/engine/types.js';
import { finishIngestion, ingestArticles } from '../../src/pg/ingest.js';
import { analyseChangedTables } from '../../src/pg/statistics.js';
import { freshDatabase, useEmbeddedServer, withoutAutovacuum } from './database.js';

const server = useEmbeddedServer();

/** Twelve short Arabic articles. */
const ARTICLES: Article[] = Array.from({ length: 12 }, (_, i) => ({
  id: `s${i}`, title: `التعاون العسكري ${i}`, body: `قال وزير الدفاع إن التعاون العسكري مع روسيا رقم ${i} يتقدم.\n\nوأضاف أن المناورات المشتركة ستجري في العام ${2000 + i}.`,
  date: '2022-01-01', source: 'Test Wire', url: null, lang: 'ar', author: null, file: `s${i}.md`,
}));

/** When each table was last analysed by a statement (not by autovacuum). */
async function lastAnalysed(pool: import('pg').Pool): Promise<Record<string, string | null>> {
  const rows = await pool.query<{ relname: string; at: string | null }>('SELECT relname, last_analyze::text AS at FROM pg_stat_user_tables');
  return Object.fromEntries(rows.rows.map((row) => [row.relname, row.at]));
}

describe('analyseChangedTables', () => {
  it('analyses at the end of an ingestion the tables it filled, and leaves alone those a small later run barely changed', async () => {
    const { pool } = await freshDatabase(server());
    await withoutAutovacuum(pool);
    // The rows the migrations wrote, then nothing changed since.
    expect(await analyseChangedTables(pool)).toEqual(['corpus_stats', 'quote_totals', 'schema_migrations']);
    expect(await analyseChangedTables(pool)).toEqual([]);
    await ingestArticles(pool, ARTICLES, { batchSize: 5 });
    const first = await lastAnalysed(pool);
    // quote_groups too, which the run's end clusters the speakers under a lock of (an ANALYZE beside it would skip it).
    for (const table of ['articles', 'passages', 'passage_keys', 'article_terms', 'text_postings', 'title_postings', 'quotations', 'quote_groups']) expect(first[table], table).not.toBeNull();
    // Never analysed and still empty (the bot's rate limits): nothing for the planner to learn.
    expect(first.rate_limit_uses).toBeNull();
    // One article edited: two of the twelve articles' rows changed, below autovacuum's 50 rows.
    const edited = ARTICLES.map((a) => (a.id === 's3' ? { ...a, body: 'نص جديد عن الطاقة الشمسية.' } : a));
    expect(await ingestArticles(pool, edited)).toMatchObject({ replaced: 1 });
    expect((await lastAnalysed(pool)).articles).toBe(first.articles);
    // A table analysed before, then changed beyond autovacuum's rule (its changes reported: a connection sends its counts at a transaction's end, at most once a second unless told to).
    const client = await pool.connect();
    try {
      await client.query("INSERT INTO term_chars (ch) SELECT chr(0x4e00 + k) FROM generate_series(1, 500) AS k ON CONFLICT DO NOTHING");
      await client.query('SELECT pg_stat_force_next_flush()');
      await client.query('SELECT 1');
    } finally {
      client.release();
    }
    expect(await analyseChangedTables(pool)).toContain('term_chars');
    expect((await lastAnalysed(pool)).term_chars).not.toBe(first.term_chars);
  });

  it('analyses only the tables asked for, and on one connection when asked, leaving the pool its others', async () => {
    const { pool } = await freshDatabase(server());
    await withoutAutovacuum(pool);
    await pool.query('INSERT INTO term_chars (ch) SELECT chr(0x4e00 + k) FROM generate_series(1, 500) AS k');
    // One of the pool's four connections held by other work, the others closed.
    const held = await pool.connect();
    try {
      expect(pool.totalCount).toBe(1);
      expect(await analyseChangedTables(pool, { among: (table) => table !== 'corpus_stats', oneConnection: true })).toEqual(['quote_totals', 'schema_migrations', 'term_chars']);
      expect(pool.totalCount).toBe(2);
      const analysed = await lastAnalysed(pool);
      expect(analysed.term_chars).not.toBeNull();
      expect(analysed.corpus_stats).toBeNull();
      // Then on all of them at once.
      expect(await analyseChangedTables(pool)).toEqual(['corpus_stats']);
    } finally {
      held.release();
    }
  });

  it("analyses quote_groups at a run's end even when the speakers' clustering beside the analysis is held up", async () => {
    const { pool } = await freshDatabase(server());
    await withoutAutovacuum(pool);
    await ingestArticles(pool, ARTICLES, { batchSize: 5, finish: false });
    // Another session holds quote_speakers: the clustering stops there, after taking its lock of quote_groups.
    const holder = await pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE quote_speakers IN SHARE ROW EXCLUSIVE MODE');
      const finished = finishIngestion(pool);
      // The analysis of the other tables, beside the clustering, is done.
      for (let tries = 0; (await lastAnalysed(pool)).passage_keys === null; tries++) {
        expect(tries).toBeLessThan(200);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await holder.query('COMMIT');
      await finished;
    } finally {
      holder.release();
    }
    expect((await lastAnalysed(pool)).quote_groups).not.toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/engine/types.js';
import { ingestArticles } from '../../src/pg/ingest.js';
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
    for (const table of ['articles', 'passages', 'passage_keys', 'article_terms', 'text_postings', 'title_postings', 'quotations']) expect(first[table], table).not.toBeNull();
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
});

import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/engine/options.js';
import type { Article } from '../../src/engine/types.js';
import { postgresArchive } from '../../src/pg/archive.js';
import { runIngest } from '../../src/pg/commands.js';
import { freshDatabase, useEmbeddedServer } from './database.js';
import { QUOTES_DIR, answers, corpusFolder, devArchive, postingsById } from './devArchive.js';
import { NO_ROWS_WITHOUT_ARTICLE, rowsWithoutArticle } from './orphans.js';

const server = useEmbeddedServer();

describe.skipIf(!existsSync(QUOTES_DIR))('npm run ingest -- DIR --prune, with articles withdrawn and corrected', () => {
  it('answers as a fresh ingestion of the articles left: the withdrawn ones gone from every answer, the corrected ones in their new words, the others as they were', async () => {
    const { articles, quotes } = devArchive();
    const { pool, url } = await freshDatabase(server());
    // Blocks of 7 articles: the withdrawn ones open and close blocks, and two share one.
    expect(await runIngest([corpusFolder(articles), '--batch', '7'], { DATABASE_URL: url }, silentLogger)).toBe(0);
    const withdrawn = [0, 6, 7, 20, 21, 36, articles.length - 1].map((k) => articles[k]!);
    const corrected = [3, 22, 50].map((k, n) => ({ ...articles[k]!, body: `${articles[(k + 9) % articles.length]!.body}\n\nتصحيح رقم ${n}: نشرت هذه المادة أولا بأرقام خاطئة.` }));
    const withdrawnIds = new Set(withdrawn.map((a) => a.id));
    const final = articles.filter((a) => !withdrawnIds.has(a.id)).map((a) => corrected.find((c) => c.id === a.id) ?? a);
    const before = await answers(pool, final.filter((a) => !corrected.some((c) => c.id === a.id)), []);

    expect(await runIngest([corpusFolder(final), '--prune', '--batch', '3'], { DATABASE_URL: url }, silentLogger)).toBe(0);

    const stored = await pool.query<{ id: string }>('SELECT id FROM articles ORDER BY number');
    const byId = new Map(final.map((a) => [a.id, a]));
    const fresh = await freshDatabase(server());
    expect(await runIngest([corpusFolder(stored.rows.map((r) => byId.get(r.id)!)), '--batch', '7'], { DATABASE_URL: fresh.url }, silentLogger)).toBe(0);
    const got = await answers(pool, articles, quotes);
    expect(got).toEqual(await answers(fresh.pool, articles, quotes));
    expect(await postingsById(pool)).toEqual(await postingsById(fresh.pool));
    expect(await rowsWithoutArticle(pool)).toEqual(NO_ROWS_WITHOUT_ARTICLE);

    const cited = JSON.stringify([got.ask, got.topics, got.whosaid, got.quotesBy, got.speakers]);
    for (const { id } of withdrawn) {
      expect(cited).not.toContain(`"${id}"`);
      expect(await postgresArchive(pool).summarizeArticle(id)).toMatchObject({ ok: false, reason: { kind: 'unknown-article' } });
      expect(await postgresArchive(pool).quotesIn(id)).toMatchObject({ ok: false, reason: { kind: 'unknown-article-id' } });
    }
    for (const [n, { id, body }] of corrected.entries()) {
      const found = await postgresArchive(pool).ask({ question: `تصحيح رقم ${n} نشرت هذه المادة أولا بأرقام خاطئة` });
      expect(found.ok && found.results[0]!.article.id).toBe(id);
      const summary = await postgresArchive(pool).summarizeArticle(id);
      expect(summary.ok && summary.sentences.every((s) => body.includes(s.text))).toBe(true);
    }
    const kept = final.filter((a) => !corrected.some((c) => c.id === a.id));
    const after = await answers(pool, kept, []);
    expect(after.summaries).toEqual(before.summaries);
    expect(after.quotesIn).toEqual(before.quotesIn);
  }, 240_000);
});

import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/engine/options.js';
import type { Article } from '../../src/engine/types.js';
import { postgresArchive } from '../../src/pg/archive.js';
import { runIngest } from '../../src/pg/commands.js';
import { freshDatabase, useEmbeddedServer } from './database.js';

const server = useEmbeddedServer();
const QUOTES_DIR = new URL('../../../shared/eval/quotes/', import.meta.url);

/** The Arabic quotation dev files and the seed (see ../shared/eval/quotes/README.md): articles, and the quotations annotated in them. */
function devArchive(): { articles: Article[]; quotes: Array<{ quote: string; speaker: string | null }> } {
  const records = ['dev_ant.jsonl', 'dev_ant2.jsonl', 'dev_jawhara.jsonl', 'seed.jsonl'].flatMap((file) =>
    readFileSync(new URL(file, QUOTES_DIR), 'utf8').split('\n').filter((line) => line.trim()).map((line) => JSON.parse(line) as {
      id: string; title: string; body: string; date: string; source: string; url: string | null; quotes: Array<{ quote: string; speaker: string | null }>;
    }),
  );
  return {
    articles: records.map((r) => ({ id: r.id, title: r.title, body: r.body, date: r.date, source: r.source, url: r.url, lang: 'ar', author: null, file: 'part.jsonl' })),
    quotes: records.flatMap((r) => r.quotes),
  };
}

/** A corpus folder holding `articles`, in that order (one JSON Lines file). */
function corpusFolder(articles: readonly Article[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'prune-corpus-'));
  writeFileSync(join(dir, 'part.jsonl'), articles.map(({ file: _, ...a }) => JSON.stringify(a)).join('\n'));
  return dir;
}

/** Six words from the middle of a quotation, as the quotes eval asks whosaid. */
function middleSix(quote: string): string {
  const words = quote.split(/\s+/).filter(Boolean);
  const from = Math.max(0, Math.floor((words.length - 6) / 2));
  return words.slice(from, from + 6).join(' ');
}

/** What an archive answers about `articles` (by id, title and words) and `quotes`: /ask, /summary, /whosaid, /quotes. */
async function answers(pool: pg.Pool, articles: readonly Article[], quotes: ReadonlyArray<{ quote: string; speaker: string | null }>) {
  const archive = postgresArchive(pool);
  const speakers = [...new Set(quotes.flatMap((q) => (q.speaker ? [q.speaker, q.speaker.split(' ').at(-1)!] : [])))];
  const questions = articles.flatMap((a) => [a.title, a.body.split(/\s+/).slice(20, 28).join(' ')]);
  /** Each of `asked` answered in turn (the pool's connections are few). */
  const each = async <T, R>(asked: readonly T[], answer: (item: T) => Promise<R> | R): Promise<R[]> => {
    const got: R[] = [];
    for (const item of asked) got.push(await answer(item));
    return got;
  };
  return {
    ask: await each(questions, (question) => archive.ask({ question, limit: 10 })),
    summaries: await each(articles, (a) => archive.summarizeArticle(a.id)),
    topics: await each(articles.slice(0, 10), (a) => archive.summarizeTopic(a.title)),
    whosaid: await each(quotes, (q) => archive.whosaid(middleSix(q.quote))),
    quotesIn: await each(articles, (a) => archive.quotesIn(a.id)),
    quotesBy: await each(speakers, (s) => archive.quotesBy(s)),
    speakers: await archive.speakers('', 50),
  };
}

/** Each term's postings as the index holds them, named by article id and passage position instead of the numbers a database gave them. */
async function postingsById(pool: pg.Pool) {
  const text = await pool.query(`
    SELECT b.term, a.id, p.position, x.tf, x.length FROM text_postings b, unnest(b.passages, b.articles, b.tfs, b.lengths) AS x(passage, article, tf, length)
    JOIN passages p ON p.id = x.passage JOIN articles a ON a.number = x.article AND a.number = p.article ORDER BY 1, 2, 3`);
  const title = await pool.query(`
    SELECT b.term, a.id, x.tf, x.length, x.passage_count, x.first_passage = (SELECT min(id) FROM passages WHERE article = a.number) AS first
    FROM title_postings b, unnest(b.articles, b.tfs, b.lengths, b.passage_counts, b.first_passages) AS x(article, tf, length, passage_count, first_passage)
    JOIN articles a ON a.number = x.article ORDER BY 1, 2`);
  const counts = await pool.query('SELECT (SELECT count(*) FROM text_postings b, unnest(b.passages) AS x) AS text, (SELECT count(*) FROM title_postings b, unnest(b.articles) AS x) AS title');
  const found = await pool.query(`SELECT (SELECT count(*) FROM text_postings WHERE found <> cardinality(passages)) AS text,
    (SELECT count(*) FROM title_postings b WHERE found <> (SELECT sum(n) FROM unnest(b.passage_counts) AS n)) AS title,
    (SELECT count(*) FROM text_postings WHERE packed <> pack_postings(block, passages, tfs, lengths)) AS text_packed,
    (SELECT count(*) FROM title_postings WHERE packed <> pack_postings(block, articles, tfs, lengths)) AS title_packed`);
  const stats = await pool.query('SELECT term, text_passages, title_passages FROM term_stats ORDER BY term');
  const totals = await pool.query('SELECT articles, passages, text_length, title_length FROM corpus_stats');
  return { text: text.rows, title: title.rows, counts: counts.rows, found: found.rows, stats: stats.rows, totals: totals.rows };
}

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

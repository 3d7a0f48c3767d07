import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import type { Article } from '../../src/engine/types.js';
import { postgresArchive } from '../../src/pg/archive.js';
import { tempDir } from '../support/tempDir.js';

/** Where the Arabic quotation dev files are (tests using them are skipped without ../shared). */
export const QUOTES_DIR = new URL('../../../shared/eval/quotes/', import.meta.url);

/** The Arabic quotation dev files and the seed (see ../shared/eval/quotes/README.md): articles, and the quotations annotated in them. */
export function devArchive(): { articles: Article[]; quotes: Array<{ quote: string; speaker: string | null }> } {
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

/** A corpus folder holding `articles`, in that order (one JSON Lines file), deleted when the running test finishes. */
export function corpusFolder(articles: readonly Article[]): string {
  const dir = tempDir('prune-corpus-');
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
export async function answers(pool: pg.Pool, articles: readonly Article[], quotes: ReadonlyArray<{ quote: string; speaker: string | null }>) {
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
export async function postingsById(pool: pg.Pool) {
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

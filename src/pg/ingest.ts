import type pg from 'pg';
import type { Article } from '../engine/types.js';
import { inTransaction } from './migrate.js';
import { type ArticleRow, articleRows, contentHash } from './rows.js';

/** Held by each ingestion batch: one writer at a time keeps the term statistics exact. */
const INGEST_LOCK = 0x6e657773_02;

/** Articles written per transaction by default. */
export const DEFAULT_BATCH = 500;

/** What an ingestion did (so far, in a progress report). */
export interface IngestCounts {
  /** Articles new to the database. */
  added: number;
  /** Articles whose content changed: their old rows were replaced. */
  replaced: number;
  /** Articles already there with the same content: not written. */
  unchanged: number;
  /** Passages written. */
  passages: number;
}

/** A progress report, after each batch. */
export interface IngestProgress extends IngestCounts {
  /** Articles looked at so far, of `total`. */
  done: number;
  total: number;
  /** Articles looked at per second so far, and the seconds left at that rate. */
  rate: number;
  secondsLeft: number;
}

/** How to ingest: the batch size, and who hears of progress. */
export interface IngestOptions {
  batchSize?: number;
  onProgress?: (progress: IngestProgress) => void;
}

/**
 * Writes articles to PostgreSQL in batches, each one transaction, idempotent by article id and
 * content hash: an unchanged article is skipped, a changed one has its rows replaced, and the
 * term statistics follow. A run stopped at any point leaves whole batches only, so running it
 * again resumes where it stopped and loses nothing.
 */
export async function ingestArticles(pool: pg.Pool, articles: readonly Article[], options: IngestOptions = {}): Promise<IngestCounts> {
  const size = options.batchSize ?? DEFAULT_BATCH;
  const counts: IngestCounts = { added: 0, replaced: 0, unchanged: 0, passages: 0 };
  const started = performance.now();
  for (let from = 0; from < articles.length; from += size) {
    const batch = articles.slice(from, from + size);
    const client = await pool.connect();
    try {
      const done = await inTransaction(client, () => writeBatch(client, batch));
      for (const key of Object.keys(counts) as Array<keyof IngestCounts>) counts[key] += done[key];
    } finally {
      client.release();
    }
    const seen = Math.min(from + size, articles.length);
    const seconds = (performance.now() - started) / 1000;
    const rate = seen / (seconds || 1e-3);
    options.onProgress?.({ ...counts, done: seen, total: articles.length, rate: Math.round(rate), secondsLeft: Math.round((articles.length - seen) / rate) });
  }
  return counts;
}

/** Per-term changes of the statistics a batch makes. */
class StatsDelta {
  readonly terms = new Map<string, { text: number; title: number }>();
  articles = 0;
  passages = 0;
  textLength = 0;
  titleLength = 0;

  /** Counts an article in (`sign` 1) or out (-1): its passages' terms, its title's terms once per passage. */
  add(sign: 1 | -1, title: { terms: readonly string[]; length: number }, passages: ReadonlyArray<{ terms: readonly string[]; length: number }>): void {
    this.articles += sign;
    this.passages += sign * passages.length;
    this.titleLength += sign * title.length * passages.length;
    for (const p of passages) {
      this.textLength += sign * p.length;
      for (const term of p.terms) this.entry(term).text += sign;
    }
    if (passages.length) for (const term of title.terms) this.entry(term).title += sign * passages.length;
  }

  private entry(term: string) {
    let entry = this.terms.get(term);
    if (!entry) this.terms.set(term, (entry = { text: 0, title: 0 }));
    return entry;
  }
}

interface StoredArticle {
  number: string;
  id: string;
  content_hash: string;
  title_terms: string[];
  title_length: number;
}

/** Writes one batch inside the caller's transaction. */
async function writeBatch(client: pg.ClientBase, batch: readonly Article[]): Promise<IngestCounts> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
  const stored = await client.query<StoredArticle>('SELECT number, id, content_hash, title_terms, title_length FROM articles WHERE id = ANY($1::text[])', [batch.map((a) => a.id)]);
  const byId = new Map(stored.rows.map((row) => [row.id, row]));
  const changed = batch.filter((a) => byId.get(a.id)?.content_hash !== contentHash(a));
  const replaced = changed.map((a) => byId.get(a.id)).filter((row): row is StoredArticle => row !== undefined);
  const counts = { added: changed.length - replaced.length, replaced: replaced.length, unchanged: batch.length - changed.length, passages: 0 };
  if (!changed.length) return counts;
  const delta = new StatsDelta();
  if (replaced.length) {
    const numbers = replaced.map((row) => row.number);
    const old = await client.query<{ id: string; article: string; terms: string[]; length: number }>('SELECT id, article, terms, length FROM passages WHERE article = ANY($1::bigint[])', [numbers]);
    for (const row of replaced) delta.add(-1, { terms: row.title_terms, length: row.title_length }, old.rows.filter((p) => p.article === row.number));
    await deletePostings(client, 'text_postings', 'passage', old.rows.map((p) => ({ key: p.id, terms: p.terms })));
    await deletePostings(client, 'title_postings', 'article', replaced.map((row) => ({ key: row.number, terms: row.title_terms })));
    await client.query('DELETE FROM articles WHERE number = ANY($1::bigint[])', [numbers]);
  }
  const rows = articleRows(changed);
  for (const row of rows) delta.add(1, row.title, row.passages);
  counts.passages = await insertRows(client, rows);
  await applyDelta(client, delta);
  return counts;
}

/** Deletes the postings of replaced documents (passages or articles), each by its primary key (term, document). */
async function deletePostings(client: pg.ClientBase, table: 'text_postings' | 'title_postings', column: 'passage' | 'article', documents: ReadonlyArray<{ key: string; terms: readonly string[] }>): Promise<void> {
  const terms = documents.flatMap((d) => d.terms);
  const keys = documents.flatMap((d) => d.terms.map(() => d.key));
  await client.query(`DELETE FROM ${table} t USING unnest($1::text[], $2::bigint[]) AS d(term, key) WHERE t.term = d.term AND t.${column} = d.key`, [terms, keys]);
}

/** Inserts the articles and their passages (numbered after the highest numbers in use); returns the passages written. */
async function insertRows(client: pg.ClientBase, rows: ArticleRow[]): Promise<number> {
  const next = await client.query<{ article: string; passage: string }>('SELECT (SELECT coalesce(max(number), 0) FROM articles) AS article, (SELECT coalesce(max(id), 0) FROM passages) AS passage');
  let article = Number(next.rows[0]!.article);
  let passage = Number(next.rows[0]!.passage);
  const articles = [];
  const passages = [];
  const text = new PostingColumns();
  const titles = new PostingColumns();
  for (const { article: a, day, contentHash: hash, title, passages: parts } of rows) {
    article++;
    articles.push({ number: article, id: a.id, title: a.title, body: a.body, source: a.source, date: a.date, day, url: a.url, lang: a.lang, author: a.author, file: a.file, meta: a.meta ?? null, content_hash: hash, title_terms: title.terms, title_tfs: title.tfs, title_length: title.length, passage_count: parts.length });
    titles.add(title, article, [title.length, passage + 1, parts.length]);
    for (const p of parts) {
      passages.push({ id: ++passage, article, position: p.position, start_offset: p.start, end_offset: p.end, text: p.text, copy_key: p.copyKey, terms: p.terms, tfs: p.tfs, length: p.length });
      text.add(p, passage, [article, p.length]);
    }
  }
  await client.query(
    `INSERT INTO articles SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(number bigint, id text, title text, body text, source text, date text, day text, url text, lang text,
       author text, file text, meta jsonb, content_hash text, title_terms text[], title_tfs smallint[], title_length integer, passage_count integer)`,
    [JSON.stringify(articles)],
  );
  await client.query(
    `INSERT INTO passages SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id bigint, article bigint, position integer, start_offset integer, end_offset integer, text text,
       copy_key bigint, terms text[], tfs smallint[], length integer)`,
    [JSON.stringify(passages)],
  );
  await client.query('INSERT INTO text_postings (term, passage, tf, article, length) SELECT * FROM unnest($1::text[], $2::bigint[], $3::smallint[], $4::bigint[], $5::integer[])', text.columns());
  await client.query(
    'INSERT INTO title_postings (term, article, tf, length, first_passage, passage_count) SELECT * FROM unnest($1::text[], $2::bigint[], $3::smallint[], $4::integer[], $5::bigint[], $6::integer[])',
    titles.columns(),
  );
  return passages.length;
}

/**
 * Posting rows as parallel columns (term, document, tf, then the extra values each document's rows
 * repeat), written in term order so that each insert walks the primary key's pages in order.
 */
class PostingColumns {
  private readonly rows: Array<{ term: string; document: number; tf: number; extra: readonly number[] }> = [];

  /** Adds a document's postings: one row per term, with `extra` after its count. */
  add(field: { terms: readonly string[]; tfs: readonly number[] }, document: number, extra: readonly number[]): void {
    field.terms.forEach((term, i) => this.rows.push({ term, document, tf: field.tfs[i]!, extra }));
  }

  /** The columns, rows sorted by term then document, as arrays for `unnest`. */
  columns(): unknown[][] {
    const sorted = this.rows.sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : a.document - b.document));
    const width = sorted[0]?.extra.length ?? 0;
    return [sorted.map((r) => r.term), sorted.map((r) => r.document), sorted.map((r) => r.tf), ...Array.from({ length: width }, (_, k) => sorted.map((r) => r.extra[k]))];
  }
}

/** Adds a batch's changes to the term statistics and the totals; terms no passage holds any more are dropped. */
async function applyDelta(client: pg.ClientBase, delta: StatsDelta): Promise<void> {
  const terms = [...delta.terms.keys()].filter((t) => delta.terms.get(t)!.text || delta.terms.get(t)!.title).sort();
  await client.query(
    `INSERT INTO term_stats (term, text_passages, title_passages) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
     ON CONFLICT (term) DO UPDATE SET text_passages = term_stats.text_passages + excluded.text_passages, title_passages = term_stats.title_passages + excluded.title_passages`,
    [terms, terms.map((t) => delta.terms.get(t)!.text), terms.map((t) => delta.terms.get(t)!.title)],
  );
  await client.query('DELETE FROM term_stats WHERE term = ANY($1::text[]) AND text_passages = 0 AND title_passages = 0', [terms]);
  const chars = [...new Set(terms.join(''))];
  await client.query('INSERT INTO term_chars (ch) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [chars]);
  await client.query('UPDATE corpus_stats SET articles = articles + $1, passages = passages + $2, text_length = text_length + $3, title_length = title_length + $4', [
    delta.articles,
    delta.passages,
    delta.textLength,
    delta.titleLength,
  ]);
}

/**
 * Merging each term's small postings rows. Every ingestion batch writes one row per term, so at 1M
 * articles ingested 2,000 at a time (5,000 by default now) a term had up to 500 rows, most of them a few postings long,
 * and a question pays a row fetch for each (about 5 µs: 4,500 rows, 20 ms, for a question with 9
 * commoner words, whatever their postings). Merged, a rare term has one row and a common one a
 * row per few thousand postings, and reading a term costs its bytes.
 */

import type pg from 'pg';
import { INGEST_LOCK, inPoolTransaction } from './pool.js';
import { type PostingTable, TEXT_POSTINGS, TITLE_POSTINGS } from './postingTables.js';

/**
 * Postings (passages a row's term counts for, its `found`; for titles, their articles' passages) a
 * merge gathers: consecutive rows of a term fall in one merge group while the postings before them
 * fall in the same multiple of this, so a merged row holds about this many or a little more (up to
 * twice, more when a long row joins the group), fewer at the end of a term.
 */
const MERGED_ROW_POSTINGS = 4096;

/** Terms whose rows one transaction merges. */
const TERMS_PER_TRANSACTION = 2000;

/**
 * Rows a term's last merge group must have to be merged after an ingestion run: a term's rows
 * written since are merged every few runs, not rewritten every run. A group the term's later
 * postings have closed is merged once it has two rows, since no row will join it any more.
 */
export const RUN_MERGE_ROWS = 8;

/** What a compaction did: the terms with a group merged, the rows those groups had and the merged rows written in their place, for both tables. */
export interface Compaction {
  terms: number;
  rowsBefore: number;
  rowsAfter: number;
}

/** A progress report of a compaction: terms merged so far, of `total` (text then title terms). */
export interface CompactionProgress {
  done: number;
  total: number;
}

/** What to merge: the terms to look at in each table (all when left out), how many rows a group needs, the postings a merged row gathers. */
export interface CompactionOptions {
  terms?: { text: readonly string[]; title: readonly string[] };
  minRows?: number;
  rowPostings?: number;
  onProgress?: (progress: CompactionProgress) => void;
}

/**
 * Merges the consecutive small rows of each term in both postings tables (see
 * `MERGED_ROW_POSTINGS`), the groups of `minRows` rows or more (2 by default), a few thousand
 * terms a transaction holding the ingestion lock: a bot reading meanwhile sees every term's
 * postings whole, before or after. An ingestion run ends by merging the terms it wrote
 * (`RUN_MERGE_ROWS`): a term's rows written since join its last merged row.
 */
export async function compactPostings(pool: pg.Pool, options: CompactionOptions = {}): Promise<Compaction> {
  const { minRows = 2, rowPostings = MERGED_ROW_POSTINGS } = options;
  const tables = [
    { table: TEXT_POSTINGS, looked: options.terms?.text },
    { table: TITLE_POSTINGS, looked: options.terms?.title },
  ];
  // One table after the other: a pool of one connection (db:migrate's) waits no longer than its connection timeout for another.
  const pending: string[][] = [];
  for (const { table, looked } of tables) pending.push(await termsToMerge(pool, table, looked, minRows, rowPostings));
  const total = pending.reduce((sum, terms) => sum + terms.length, 0);
  const done: Compaction = { terms: 0, rowsBefore: 0, rowsAfter: 0 };
  for (const [k, { table }] of tables.entries()) {
    const terms = pending[k]!;
    for (let from = 0; from < terms.length; from += TERMS_PER_TRANSACTION) {
      const chunk = terms.slice(from, from + TERMS_PER_TRANSACTION);
      const merged = await inPoolTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [INGEST_LOCK]);
        return mergeRows(client, table, chunk, minRows, rowPostings);
      });
      done.terms += chunk.length;
      done.rowsBefore += merged.before;
      done.rowsAfter += merged.after;
      options.onProgress?.({ done: done.terms, total });
    }
  }
  return done;
}

/**
 * Each row of a term with its merge group (the multiple of `rowPostings`, $2, the term's postings
 * before it reach) and whether that group is closed (a later group of the term exists).
 */
const GROUPED = (table: PostingTable, where: string) =>
  `SELECT term, block, grp, grp < max(grp) OVER (PARTITION BY term) AS closed FROM (
     SELECT term, block, (sum(found) OVER (PARTITION BY term ORDER BY block) - found) / $2::bigint AS grp FROM ${table.name} WHERE ${where}
   ) AS r`;

/** Whether a group of `n` rows, `closed` or not, is merged: `minRows` ($3) rows, or two in a closed group. */
const MERGED = (n: string, closed: string) => `(${n} >= $3 OR (${closed} AND ${n} >= 2))`;

/** The terms of `table` (among `looked` when given) with a group to merge (see `MERGED`). */
async function termsToMerge(pool: pg.Pool, table: PostingTable, looked: readonly string[] | undefined, minRows: number, rowPostings: number): Promise<string[]> {
  if (looked && !looked.length) return [];
  const result = await pool.query<{ term: string }>(
    `SELECT DISTINCT term FROM (${GROUPED(table, looked ? 'term = ANY($1::text[])' : '$1::text[] IS NULL')}) AS g GROUP BY term, grp, closed HAVING ${MERGED('count(*)', 'closed')} ORDER BY term`,
    [looked ?? null, rowPostings, minRows],
  );
  return result.rows.map((row) => row.term);
}

/**
 * Replaces the rows of each merge group of `terms` to merge (see `MERGED`) by one row at the
 * group's first block: the rows' arrays joined in block order, `found` summed, and their packed
 * postings joined, each row's first distance (from its own block) recounted from the previous
 * row's last document. Returns the rows replaced and written.
 */
async function mergeRows(client: pg.ClientBase, table: PostingTable, terms: string[], minRows: number, rowPostings: number): Promise<{ before: number; after: number }> {
  const names = table.columns.map(([name]) => name);
  const documentColumn = table.packs[0];
  const result = await client.query<{ before: string; after: string }>(
    `WITH grouped AS (${GROUPED(table, 'term = ANY($1::text[])')}),
     targets AS (
       SELECT term, block, closed, min(block) OVER (PARTITION BY term, grp) AS merged, count(*) OVER (PARTITION BY term, grp) AS n FROM grouped
     ),
     gone AS (
       DELETE FROM ${table.name} b USING targets t WHERE ${MERGED('t.n', 't.closed')} AND b.term = t.term AND b.block = t.block
       RETURNING b.term, t.merged, b.block, b.found, ${names.map((n) => `b.${n}`).join(', ')}, b.packed
     ),
     rebased AS (
       SELECT g.*, CASE WHEN g.block = g.merged THEN g.packed
         ELSE pack_number(g.${documentColumn}[1] - lag(g.${documentColumn}[cardinality(g.${documentColumn})]) OVER (PARTITION BY g.term, g.merged ORDER BY g.block))
              || substring(g.packed FROM packed_number_length(get_byte(g.packed, 0)) + 1) END AS joined_packed
       FROM gone g
     ),
     written AS (
       INSERT INTO ${table.name} (term, block, found, ${names.join(', ')}, packed)
       SELECT term, merged, sum(found)::integer, ${names.map((n) => `array_cat_agg(${n} ORDER BY block)`).join(', ')}, string_agg(joined_packed, ''::bytea ORDER BY block)
       FROM rebased GROUP BY term, merged
       RETURNING 1
     )
     SELECT (SELECT count(*) FROM gone) AS before, (SELECT count(*) FROM written) AS after`,
    [terms, rowPostings, minRows],
  );
  return { before: Number(result.rows[0]!.before), after: Number(result.rows[0]!.after) };
}

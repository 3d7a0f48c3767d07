/**
 * Merging each term's small postings rows. Every ingestion batch writes one row per term, so at 1M
 * articles ingested 2,000 at a time (5,000 by default now) a term had up to 500 rows, most of them a few postings long,
 * and a question pays a row fetch for each (about 5 µs: 4,500 rows, 20 ms, for a question with 9
 * commoner words, whatever their postings). Merged, a rare term has one row and a common one a
 * row per few thousand postings, and reading a term costs its bytes.
 */

import type pg from 'pg';
import { INGEST_LOCK, inPoolTransaction } from './pool.js';
import { type PostingTable, TEXT_POSTINGS, TITLE_POSTINGS, postingRow, readPostingRows } from './postingTables.js';
import { REWRITE_POSTINGS, replacePostingRows, runsOf } from './postingRewrite.js';

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
 * Each row of a term with its `found`, its merge group (the multiple of `rowPostings`, $2, the
 * term's postings before it reach) and whether that group is closed (a later group of the term exists).
 */
const GROUPED = (table: PostingTable, where: string) =>
  `SELECT term, block, found, grp, grp < max(grp) OVER (PARTITION BY term) AS closed FROM (
     SELECT term, block, found, (sum(found) OVER (PARTITION BY term ORDER BY block) - found) / $2::bigint AS grp FROM ${table.name} WHERE ${where}
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
 * group's first block: the rows read unpacked (`readPostingRows`), their postings joined in block
 * order and packed again (`postingRow`, which counts `found`), the rows deleted and the merged ones
 * written by binary COPY (`replacePostingRows`), whole groups of about `REWRITE_POSTINGS` postings
 * at a time. Returns the rows replaced and written.
 */
async function mergeRows(client: pg.ClientBase, table: PostingTable, terms: string[], minRows: number, rowPostings: number): Promise<{ before: number; after: number }> {
  const targets = await client.query<{ term: string; merged: string; blocks: string[]; found: number }>(
    `SELECT term, merged, array_agg(block ORDER BY block) AS blocks, sum(found)::integer AS found FROM (
       SELECT term, block, found, closed, min(block) OVER (PARTITION BY term, grp) AS merged, count(*) OVER (PARTITION BY term, grp) AS n FROM (${GROUPED(table, 'term = ANY($1::text[])')}) AS g
     ) AS t WHERE ${MERGED('t.n', 't.closed')} GROUP BY term, merged`,
    [terms, rowPostings, minRows],
  );
  let before = 0;
  for (const run of runsOf(targets.rows, (group) => group.found, REWRITE_POSTINGS)) {
    const rows = await readPostingRows(client, table, `unnest($1::text[], $2::bigint[]) AS t(term, block) JOIN ${table.name} b ON b.term = t.term AND b.block = t.block`, [
      run.flatMap((group) => group.blocks.map(() => group.term)),
      run.flatMap((group) => group.blocks),
    ]);
    const byRow = new Map(rows.map((row) => [`${row.block} ${row.term}`, row]));
    const merged = run.map(({ term, merged, blocks }) => {
      const parts = blocks.map((block) => byRow.get(`${block} ${term}`) ?? missing(table, term, block));
      return postingRow(table, term, Number(merged), joined(parts.map((part) => part.columns)));
    });
    await replacePostingRows(client, table, rows, merged);
    before += rows.length;
  }
  return { before, after: targets.rows.length };
}

/** Fails for a row to merge that is gone (never, under the ingestion lock). */
function missing(table: PostingTable, term: string, block: string): never {
  throw new Error(`${table.name} row (${term}, ${block}) went while its group was merged`);
}

/** Rows' columns joined end to end, in the rows' order. */
function joined(rows: ReadonlyArray<readonly Float64Array[]>): Float64Array[] {
  return rows[0]!.map((_, k) => {
    const column = new Float64Array(rows.reduce((n, row) => n + row[k]!.length, 0));
    let at = 0;
    for (const row of rows) {
      column.set(row[k]!, at);
      at += row[k]!.length;
    }
    return column;
  });
}

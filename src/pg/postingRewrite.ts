/**
 * Postings rows rewritten by the bot rather than by SQL, when articles leave: the rows holding
 * their postings are read in binary (`copyBinaryOut`), filtered here, and written back by binary
 * COPY, packed here (`postingRow`). In SQL the same work unnests, aggregates and packs every
 * posting one by one (`pack_postings`): deleting 100 articles spread over 30k, 6.2M postings
 * rewritten, took 14.3 s there and 8.9 s here. (Merging a term's small rows stays in SQL: there
 * each row costs more than its postings, and SQL merged 661k rows in 9.4 s where the bot took 28.)
 */

import type pg from 'pg';
import { type BinaryValue, copyBinaryInto, copyBinaryOut, type CopyOutValue } from './copyBinary.js';
import { type PostingTable, postingColumns } from './postingTables.js';
import { sentIntegers } from './sentArrays.js';

/** Postings a rewrite reads per statement at most (but for a single larger row): what it holds at once, about 70 bytes a posting. */
export const REWRITE_POSTINGS = 1_000_000;

/** A stored postings row as a rewrite reads it: its term and block, and its array columns in the table's order. */
export interface StoredPostings {
  term: string;
  block: number;
  columns: Float64Array[];
}

/** The rows of `table` that `from` (a FROM clause joining the table as `b`, with `values` as $1…) gives, in no particular order. */
export async function readPostingRows(client: pg.ClientBase, table: PostingTable, from: string, values: readonly CopyOutValue[]): Promise<StoredPostings[]> {
  const columns = table.columns.map(([name]) => `b.${name}`).join(', ');
  const rows = await copyBinaryOut(client, `SELECT b.term, b.block, ${columns} FROM ${from}`, values);
  return rows.map(([term, block, ...arrays]) => ({
    term: term!.toString('utf8'),
    block: Number(block!.readBigInt64BE(0)),
    columns: arrays.map((array) => sentIntegers(array!)),
  }));
}

/** Deletes the rows of `table` read (`gone`) and writes `rows` (`postingRow`'s values) instead, in the caller's transaction. */
export async function replacePostingRows(client: pg.ClientBase, table: PostingTable, gone: readonly StoredPostings[], rows: Iterable<readonly BinaryValue[]>): Promise<void> {
  if (gone.length) {
    await client.query(`DELETE FROM ${table.name} b USING unnest($1::text[], $2::bigint[]) AS g(term, block) WHERE b.term = g.term AND b.block = g.block`, [
      gone.map((row) => row.term),
      gone.map((row) => row.block),
    ]);
  }
  await copyBinaryInto(client, table.name, postingColumns(table), rows);
}

/** Items cut in runs in order, each run's `size` summing to `most` at most (an item larger than that alone). */
export function runsOf<T>(items: readonly T[], size: (item: T) => number, most: number): T[][] {
  const runs: T[][] = [];
  let run: T[] = [];
  let total = 0;
  for (const item of items) {
    const n = size(item);
    if (run.length && total + n > most) {
      runs.push(run);
      run = [];
      total = 0;
    }
    run.push(item);
    total += n;
  }
  if (run.length) runs.push(run);
  return runs;
}
